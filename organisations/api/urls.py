from django.urls import path

from organisations.api import views

urlpatterns = [
    path("organisations/", views.DirectoryList.as_view(), name="organisations"),
    path("organisations/<int:pk>/", views.DirectoryDetail.as_view(), name="organisation"),
    path(
        "workspace/organisations/",
        views.WorkspaceOrganisationList.as_view(),
        name="workspace-organisations",
    ),
    path(
        "workspace/organisations/<int:pk>/",
        views.WorkspaceOrganisationDetail.as_view(),
        name="workspace-organisation",
    ),
]
