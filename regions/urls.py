"""Workspace pages of regions: status, timeline, partners."""

app_name = "regions"

urlpatterns: list = []
