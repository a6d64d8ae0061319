from django.urls import path

from newsletters.archive import views

app_name = "archive"
urlpatterns = [
    path("newsletter/archiv/", views.ArchiveListView.as_view(), name="list"),
    path("newsletter/archiv/<int:number>/", views.ArchiveIssueView.as_view(), name="detail"),
    path("newsletter/archiv/<int:number>.pdf", views.ArchivePdfView.as_view(), name="pdf"),
    path(
        "newsletter/archiv/<int:number>/beitrag/<int:pk>/",
        views.ArchiveItemView.as_view(),
        name="item",
    ),
    path(
        "newsletter/archiv/<int:number>/download/<int:pk>/",
        views.ArchiveDownloadView.as_view(),
        name="download",
    ),
]
