"""The members' area: start page and directory, for signed-in members only."""

from django.urls import path

from lotsen.members import views

app_name = "members"

urlpatterns = [
    path("mitglieder/", views.StartView.as_view(), name="start"),
    path("mitglieder/verzeichnis/", views.GuideDirectoryView.as_view(), name="directory"),
    path(
        "mitglieder/verzeichnis/koordination/",
        views.CoordinatorDirectoryView.as_view(),
        name="coordinators",
    ),
]
