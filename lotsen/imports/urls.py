"""Importing organisations and guides from the lists coordinators keep today."""

from django.urls import path

from lotsen.imports import views as import_views

app_name = "imports"

urlpatterns = [
    path("workspace/import/", import_views.ImportUploadView.as_view(), name="upload"),
    path("workspace/import/preview/", import_views.ImportPreviewView.as_view(), name="preview"),
    path("workspace/import/confirm/", import_views.ImportConfirmView.as_view(), name="confirm"),
    path(
        "workspace/import/template/<slug:kind>/",
        import_views.ImportTemplateView.as_view(),
        name="template",
    ),
]
