from django.urls import path

from newsletters.subscriptions import views

app_name = "subscriptions"

urlpatterns = [
    # Public pages for partners (German paths: they appear in mails and on printed flyers).
    path("newsletter/abonnieren/", views.SubscribeView.as_view(), name="subscribe"),
    path(
        "newsletter/abonnieren/danke/",
        views.SubscribeDoneView.as_view(),
        name="subscribe-done",
    ),
    path("newsletter/bestaetigen/<str:token>/", views.ConfirmView.as_view(), name="confirm"),
    path("newsletter/abmelden/<str:token>/", views.UnsubscribeView.as_view(), name="unsubscribe"),
    path(
        "newsletter/einstellungen/<str:token>/",
        views.PreferencesView.as_view(),
        name="preferences",
    ),
    # The Landeskoordination's subscriber list.
    path("workspace/newsletter/subscribers/", views.SubscriberListView.as_view(), name="list"),
    path(
        "workspace/newsletter/subscribers/<int:pk>/",
        views.SubscriberDetailView.as_view(),
        name="detail",
    ),
    path(
        "workspace/newsletter/subscribers/<int:pk>/export/",
        views.SubscriberExportView.as_view(),
        name="export",
    ),
    path(
        "workspace/newsletter/subscribers/<int:pk>/erase/",
        views.SubscriberEraseView.as_view(),
        name="erase",
    ),
]
