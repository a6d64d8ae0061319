"""The guide's kit: own page, the coordination's page, the PDFs and the public check."""

from django.urls import path

from lotsen.kit import views

app_name = "kit"

urlpatterns = [
    path("profile/kit/", views.OwnKitView.as_view(), name="own"),
    path("workspace/guides/<int:pk>/kit/", views.GuideKitView.as_view(), name="guide"),
    path(
        "workspace/guides/<int:pk>/kit/attestations/",
        views.IssueAttestationView.as_view(),
        name="issue",
    ),
    path(
        "workspace/attestations/<int:pk>/revoke/",
        views.RevokeAttestationView.as_view(),
        name="revoke",
    ),
    path("kit/<int:pk>/visitenkarten.pdf", views.CardsView.as_view(), name="cards"),
    path("kit/<int:pk>/informationsblatt.pdf", views.InfoSheetView.as_view(), name="info-sheet"),
    path(
        "kit/attestations/<int:pk>/bescheinigung.pdf",
        views.AttestationPdfView.as_view(),
        name="attestation",
    ),
    # Public: an office checks the code printed on an attestation.
    path("pruefen/", views.VerifyView.as_view(), name="verify"),
]
