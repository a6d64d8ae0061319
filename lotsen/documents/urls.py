"""The members' document library."""

from django.urls import path

from lotsen.documents import views

app_name = "documents"

urlpatterns = [
    path("documents/", views.DocumentListView.as_view(), name="list"),
    path("documents/new/", views.DocumentCreateView.as_view(), name="create"),
    path("documents/<int:pk>/", views.DocumentDetailView.as_view(), name="detail"),
    path("documents/<int:pk>/edit/", views.DocumentUpdateView.as_view(), name="update"),
    path("documents/<int:pk>/versions/new/", views.VersionCreateView.as_view(), name="version"),
    path("documents/<int:pk>/download/", views.DownloadView.as_view(), name="download"),
    path(
        "documents/<int:pk>/versions/<int:number>/download/",
        views.DownloadView.as_view(),
        name="download-version",
    ),
]
