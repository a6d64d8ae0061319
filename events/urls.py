"""Workspace pages of events."""

from django.urls import path

from events.attendance import views as attendance_views
from events.photos import views as photo_views
from events.workspace import views

app_name = "events"

urlpatterns = [
    path("workspace/events/", views.EventListView.as_view(), name="list"),
    path("workspace/events/new/", views.EventCreateView.as_view(), name="create"),
    path("workspace/events/<int:pk>/", views.EventDetailView.as_view(), name="detail"),
    path("workspace/events/<int:pk>/edit/", views.EventUpdateView.as_view(), name="update"),
    path("workspace/events/<int:pk>/report/", views.EventReportView.as_view(), name="report"),
    path(
        "workspace/events/<int:pk>/report/photos/",
        photo_views.ReportPhotosView.as_view(),
        name="photos",
    ),
    path(
        "workspace/events/photos/<int:pk>/delete/",
        photo_views.DeletePhotoView.as_view(),
        name="photo-delete",
    ),
    # Registrations and attendance
    path(
        "workspace/events/<int:pk>/registrations/",
        attendance_views.RegistrationListView.as_view(),
        name="registrations",
    ),
    path(
        "workspace/events/<int:pk>/signature-list.pdf",
        attendance_views.SignatureListView.as_view(),
        name="signature-list",
    ),
    path(
        "workspace/events/<int:pk>/attendance/",
        attendance_views.AttendanceView.as_view(),
        name="attendance",
    ),
]
