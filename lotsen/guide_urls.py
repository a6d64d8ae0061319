"""Guides: the coordinators' guide pages, and each guide's own profile."""

from django.urls import path

from lotsen import certificate_views, guide_views, profile_views

app_name = "guides"

urlpatterns = [
    # Workspace: coordinators and the Landeskoordination
    path("workspace/guides/", guide_views.GuideListView.as_view(), name="list"),
    path("workspace/guides/new/", guide_views.GuideCreateView.as_view(), name="create"),
    path("workspace/guides/search/", guide_views.GuideSearchView.as_view(), name="search"),
    path(
        "workspace/guides/deletion-requests/",
        guide_views.DeletionRequestListView.as_view(),
        name="deletion-requests",
    ),
    path("workspace/guides/<int:pk>/", guide_views.GuideDetailView.as_view(), name="detail"),
    path("workspace/guides/<int:pk>/edit/", guide_views.GuideUpdateView.as_view(), name="update"),
    path("workspace/guides/<int:pk>/status/", guide_views.GuideStatusView.as_view(), name="status"),
    path("workspace/guides/<int:pk>/invite/", guide_views.GuideInviteView.as_view(), name="invite"),
    path(
        "workspace/guides/<int:pk>/delete/",
        guide_views.ConfirmDeletionView.as_view(),
        name="confirm-deletion",
    ),
    # The guide's own profile
    path("profile/", profile_views.ProfileView.as_view(), name="profile"),
    path("profile/edit/", profile_views.ProfileEditView.as_view(), name="profile-edit"),
    path("profile/export/", profile_views.ProfileExportView.as_view(), name="profile-export"),
    path(
        "profile/delete/",
        profile_views.ProfileDeletionRequestView.as_view(),
        name="profile-delete-request",
    ),
    path(
        "trainings/<int:pk>/certificate.pdf",
        certificate_views.CertificateView.as_view(),
        name="certificate",
    ),
    # Reached from mails and public pages, without the guide's login
    path(
        "profile/confirm/<str:token>/",
        profile_views.ConfirmProfileView.as_view(),
        name="confirm-profile",
    ),
    path("guides/<int:pk>/photo/", profile_views.GuidePhotoView.as_view(), name="photo"),
]
