from django.urls import path

from regions.api import views

urlpatterns = [
    path("regions/", views.RegionList.as_view(), name="regions"),
    path("regions/<slug:slug>/", views.RegionDetail.as_view(), name="region"),
]
