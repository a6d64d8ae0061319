"""Workspace pages of events."""

from django.urls import path

from events import views

app_name = "events"

urlpatterns = [
    path("workspace/events/", views.EventListView.as_view(), name="list"),
    path("workspace/events/new/", views.EventCreateView.as_view(), name="create"),
    path("workspace/events/<int:pk>/", views.EventDetailView.as_view(), name="detail"),
    path("workspace/events/<int:pk>/edit/", views.EventUpdateView.as_view(), name="update"),
    path("workspace/events/<int:pk>/report/", views.EventReportView.as_view(), name="report"),
]
