"""Workspace pages of events."""

app_name = "events"

urlpatterns: list = []
