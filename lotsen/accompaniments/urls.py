"""Accompaniments: the guide's own entries, the coordination's view and the impact figures."""

from django.urls import path

from lotsen.accompaniments import views

app_name = "accompaniments"

urlpatterns = [
    # The guide's own entries
    path("accompaniments/", views.MyAccompanimentsView.as_view(), name="mine"),
    path("accompaniments/new/", views.AccompanimentCreateView.as_view(), name="create"),
    path(
        "accompaniments/<int:pk>/edit/",
        views.AccompanimentUpdateView.as_view(),
        name="update",
    ),
    # Workspace: coordinators and the Landeskoordination
    path("workspace/accompaniments/", views.AccompanimentListView.as_view(), name="list"),
    path(
        "workspace/accompaniments/<int:pk>/",
        views.AccompanimentDetailView.as_view(),
        name="detail",
    ),
    path("workspace/impact/", views.ImpactView.as_view(), name="impact"),
]
