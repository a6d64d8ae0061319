"""Referral requests: the public form, the guide's personal link, the coordinators' pages."""

from django.urls import path

from lotsen.referrals import views

app_name = "referrals"

urlpatterns = [
    path("lotsen-anfragen/", views.RequestFormView.as_view(), name="request"),
    path("lotsen-anfragen/danke/", views.RequestDoneView.as_view(), name="request-done"),
    path("vermittlung/<str:token>/", views.ProposalView.as_view(), name="proposal"),
    path("workspace/referrals/", views.RequestListView.as_view(), name="list"),
    path("workspace/referrals/<int:pk>/", views.RequestDetailView.as_view(), name="detail"),
    path("workspace/referrals/<int:pk>/propose/", views.ProposeView.as_view(), name="propose"),
    path("workspace/referrals/<int:pk>/close/", views.CloseView.as_view(), name="close"),
    path("workspace/referrals/<int:pk>/cancel/", views.CancelView.as_view(), name="cancel"),
]
