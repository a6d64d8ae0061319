"""Public pages of events: the calendar ("Termine"), its feeds, registration and cancellation."""

from django.urls import path

from events.calendar import views as public_views
from events.photos import views as photo_views
from events.registrations import views as registration_views

app_name = "calendar"

urlpatterns = [
    path("termine/", public_views.UpcomingView.as_view(), name="list"),
    path("termine/<int:year>/<int:month>/", public_views.MonthView.as_view(), name="month"),
    path("termine/archiv/", public_views.ArchiveView.as_view(), name="archive"),
    path("termine/<int:pk>/", public_views.EventView.as_view(), name="event"),
    path("termine/<int:pk>/termin.ics", public_views.event_ics, name="event-ics"),
    path("termine.ics", public_views.feed, name="feed"),
    path("termine/region/<slug:slug>.ics", public_views.region_feed, name="region-feed"),
    path("termine/art/<str:kind>.ics", public_views.kind_feed, name="kind-feed"),
    # Each member's own feed (public and internal events) and the page to find and reset it
    path(
        "termine/mein-kalender/", public_views.MemberFeedView.as_view(), name="member-feed-settings"
    ),
    path(
        "termine/mein-kalender/<str:token>.ics",
        public_views.member_feed,
        name="member-feed",
    ),
    path("termine/fotos/<int:pk>/", photo_views.ReportPhotoView.as_view(), name="photo"),
    # Registration, and the personal link from the confirmation mail
    path(
        "termine/<int:pk>/anmelden/",
        registration_views.RegisterView.as_view(),
        name="register",
    ),
    path(
        "anmeldung/<str:token>/",
        registration_views.ManageRegistrationView.as_view(),
        name="registration",
    ),
]
