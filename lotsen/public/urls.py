"""Public pages of the network: no login, only what is public or consented."""

from django.urls import path

from lotsen.public import views

app_name = "public"

urlpatterns = [
    path("regionen/<slug:slug>/", views.RegionView.as_view(), name="region"),
    path("migrantenorganisationen/", views.DirectoryView.as_view(), name="directory"),
    path(
        "migrantenorganisationen/<int:pk>/",
        views.OrganisationView.as_view(),
        name="organisation",
    ),
    path("lotsen-finden/", views.GuideFinderView.as_view(), name="guide-finder"),
]
