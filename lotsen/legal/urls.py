"""The legal pages: public at German addresses, the editor in the workspace."""

from django.urls import path

from lotsen.legal import views
from lotsen.models.legal import LegalDocument

app_name = "legal"

urlpatterns = [
    path(
        "impressum/",
        views.LegalPageView.as_view(document=LegalDocument.IMPRINT),
        name="imprint",
    ),
    path(
        "impressum/fassung/<int:number>/",
        views.LegalVersionView.as_view(document=LegalDocument.IMPRINT),
        name="imprint-version",
    ),
    path(
        "datenschutz/",
        views.LegalPageView.as_view(document=LegalDocument.PRIVACY),
        name="privacy",
    ),
    path(
        "datenschutz/fassung/<int:number>/",
        views.LegalVersionView.as_view(document=LegalDocument.PRIVACY),
        name="privacy-version",
    ),
    path("barrierefreiheit/", views.AccessibilityView.as_view(), name="accessibility"),
    path(
        "barrierefreiheit/fassung/<int:number>/",
        views.LegalVersionView.as_view(document=LegalDocument.ACCESSIBILITY),
        name="accessibility-version",
    ),
    path("workspace/rechtstexte/", views.LegalTextsView.as_view(), name="manage"),
    path(
        "workspace/rechtstexte/<str:document>/",
        views.EditLegalTextView.as_view(),
        name="edit",
    ),
]
