"""Guides: the coordinators' guide pages, and each guide's own profile."""

from django.urls import path

from lotsen.guides import views

app_name = "guides"

urlpatterns = [
    # Workspace: coordinators and the Landeskoordination
    path("workspace/guides/", views.GuideListView.as_view(), name="list"),
    path("workspace/guides/new/", views.GuideCreateView.as_view(), name="create"),
    path("workspace/guides/search/", views.GuideSearchView.as_view(), name="search"),
    path(
        "workspace/guides/deletion-requests/",
        views.DeletionRequestListView.as_view(),
        name="deletion-requests",
    ),
    path("workspace/guides/<int:pk>/", views.GuideDetailView.as_view(), name="detail"),
    path("workspace/guides/<int:pk>/edit/", views.GuideUpdateView.as_view(), name="update"),
    path("workspace/guides/<int:pk>/status/", views.GuideStatusView.as_view(), name="status"),
    path("workspace/guides/<int:pk>/invite/", views.GuideInviteView.as_view(), name="invite"),
    path(
        "workspace/guides/<int:pk>/delete/",
        views.ConfirmDeletionView.as_view(),
        name="confirm-deletion",
    ),
    # The guide's own profile
    path("profile/", views.ProfileView.as_view(), name="profile"),
    path("profile/edit/", views.ProfileEditView.as_view(), name="profile-edit"),
    path("profile/export/", views.ProfileExportView.as_view(), name="profile-export"),
    path(
        "profile/delete/",
        views.ProfileDeletionRequestView.as_view(),
        name="profile-delete-request",
    ),
    path(
        "trainings/<int:pk>/certificate.pdf",
        views.CertificateView.as_view(),
        name="certificate",
    ),
    # Reached from mails and public pages, without the guide's login
    path(
        "profile/confirm/<str:token>/",
        views.ConfirmProfileView.as_view(),
        name="confirm-profile",
    ),
    path("guides/<int:pk>/photo/", views.GuidePhotoView.as_view(), name="photo"),
]
