from django.urls import path

from newsletters.reports import views

app_name = "reports"
urlpatterns = [
    path("workspace/reports/", views.ReportListView.as_view(), name="list"),
    path("workspace/reports/new/", views.ReportRequestView.as_view(), name="request"),
    path("workspace/reports/<int:pk>/", views.ReportDetailView.as_view(), name="detail"),
    path(
        "workspace/reports/<int:pk>/report.pdf",
        views.ReportFileView.as_view(kind="pdf"),
        name="pdf",
    ),
    path(
        "workspace/reports/<int:pk>/report.xlsx",
        views.ReportFileView.as_view(kind="xlsx"),
        name="xlsx",
    ),
    path(
        "workspace/reports/<int:pk>/tables.zip",
        views.ReportFileView.as_view(kind="csv"),
        name="csv",
    ),
]
