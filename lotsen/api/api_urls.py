"""The guide endpoints, included by ``lotsen.urls`` under ``/api/v1/``."""

from django.urls import path

from lotsen.api import views

urlpatterns = [
    path("guides/", views.GuideFinderList.as_view(), name="guides"),
    path("workspace/guides/", views.WorkspaceGuideList.as_view(), name="workspace-guides"),
    path(
        "workspace/guides/<int:pk>/",
        views.WorkspaceGuideDetail.as_view(),
        name="workspace-guide",
    ),
]
