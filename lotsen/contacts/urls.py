"""The contact log in the workspace: notes on organisations, agencies and guides."""

from django.urls import path

from lotsen.contacts import views

app_name = "contacts"

urlpatterns = [
    path(
        "workspace/organisations/<int:pk>/notes/new/",
        views.ContactNoteCreateView.as_view(subject="organisation"),
        name="organisation-note-create",
    ),
    path(
        "workspace/agencies/<int:pk>/notes/new/",
        views.ContactNoteCreateView.as_view(subject="agency"),
        name="agency-note-create",
    ),
    path(
        "workspace/guides/<int:pk>/notes/new/",
        views.ContactNoteCreateView.as_view(subject="guide"),
        name="guide-note-create",
    ),
    path("workspace/notes/<int:pk>/edit/", views.ContactNoteUpdateView.as_view(), name="update"),
    path("workspace/notes/<int:pk>/delete/", views.ContactNoteDeleteView.as_view(), name="delete"),
]
