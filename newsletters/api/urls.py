from django.urls import path

from newsletters.api import views

urlpatterns = [
    path("newsletters/", views.ArchiveList.as_view(), name="newsletters"),
    path("newsletters/<int:number>/", views.ArchiveDetail.as_view(), name="newsletter"),
]
