from django.urls import path

from events.api import views

urlpatterns = [
    path("events/", views.PublicEventList.as_view(), name="events"),
    path("events/<int:pk>/", views.PublicEventDetail.as_view(), name="event"),
    path("workspace/events/", views.WorkspaceEventList.as_view(), name="workspace-events"),
    path(
        "workspace/events/<int:pk>/",
        views.WorkspaceEventDetail.as_view(),
        name="workspace-event",
    ),
]
