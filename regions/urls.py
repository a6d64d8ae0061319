"""Workspace pages of regions: status, timeline, partners."""

from django.urls import path

from regions.workspace import views

app_name = "regions"

urlpatterns = [
    path("workspace/regions/", views.RegionListView.as_view(), name="list"),
    path("workspace/regions/<slug:slug>/", views.RegionDetailView.as_view(), name="detail"),
    path("workspace/regions/<slug:slug>/status/", views.RegionStatusView.as_view(), name="status"),
]
