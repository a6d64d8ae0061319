from django.urls import path

from newsletters.previews import views

app_name = "previews"
urlpatterns = [
    path(
        "workspace/newsletter/issues/<int:pk>/preview/",
        views.WebPreviewView.as_view(),
        name="web",
    ),
    path(
        "workspace/newsletter/issues/<int:pk>/preview/email/",
        views.EmailPreviewView.as_view(),
        name="email",
    ),
    path(
        "workspace/newsletter/issues/<int:pk>/preview/text/",
        views.TextPreviewView.as_view(),
        name="text",
    ),
    path(
        "workspace/newsletter/issues/<int:pk>/preview/newsletter.pdf",
        views.PdfPreviewView.as_view(),
        name="pdf",
    ),
    path(
        "workspace/newsletter/issues/<int:pk>/preview/test-send/",
        views.TestSendView.as_view(),
        name="test-send",
    ),
]
