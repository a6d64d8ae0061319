"""Pages of the interim reports: list, request, progress and the files, for the
Landeskoordination only (``newsletters.export_report``); everyone else gets 403."""

import os

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView

from lotsen.core.workspace import WorkspaceMixin
from newsletters.models import InterimReport, ReportState
from newsletters.reports.forms import ReportRequestForm
from newsletters.reports.services import request_report

PERMISSION = "newsletters.export_report"
# How often the page of a report being built reloads itself when asked to (no JavaScript).
REFRESH_SECONDS = 3
FILE_KINDS = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "application/zip",
}


class ReportListView(WorkspaceMixin, ListView):
    permission_required = PERMISSION
    template_name = "newsletters/reports/report_list.html"
    context_object_name = "reports"
    paginate_by = 25

    def get_queryset(self):
        return InterimReport.objects.select_related("requested_by").order_by("-requested_at", "-pk")


class ReportRequestView(WorkspaceMixin, FormView):
    permission_required = PERMISSION
    template_name = "newsletters/reports/report_form.html"
    form_class = ReportRequestForm

    def form_valid(self, form):
        try:
            report = request_report(
                user=self.request.user, period=form.period, language=get_language() or "de"
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The report for %(period)s is being built. This page shows when it is ready.")
            % {"period": report},
        )
        return redirect("reports:detail", report.pk)


class ReportDetailView(WorkspaceMixin, DetailView):
    permission_required = PERMISSION
    template_name = "newsletters/reports/report_detail.html"
    context_object_name = "report"
    queryset = InterimReport.objects.select_related("requested_by")

    def get_context_data(self, **kwargs):
        report = self.object
        pending = report.state in (ReportState.QUEUED, ReportState.RUNNING)
        # Reloading by itself only when asked to (?watch=1), with a link to stop: a page that
        # reloads on its own throws screen-reader users back to the top (WCAG 2.2.1, F41).
        watching = pending and self.request.GET.get("watch") == "1"
        return super().get_context_data(
            pending=pending,
            watching=watching,
            refresh_seconds=REFRESH_SECONDS,
            files=report_files(report),
            **kwargs,
        )


def report_files(report: InterimReport) -> list[dict]:
    """The stored files of a finished report, for links: URL, label, name and size."""
    if report.state != ReportState.DONE:
        return []
    labels = {"pdf": _("PDF"), "xlsx": _("Spreadsheet (XLSX)"), "csv": _("Tables as CSV (zip)")}
    files = []
    for kind in FILE_KINDS:
        field = getattr(report, kind)
        if field:
            try:
                size = field.size
            except OSError:
                size = None
            files.append(
                {
                    "url": reverse(f"reports:{kind}", args=[report.pk]),
                    "label": labels[kind],
                    "name": os.path.basename(field.name),
                    "size": size,
                }
            )
    return files


class ReportFileView(WorkspaceMixin, View):
    """One file of a finished report, handed out after the permission check."""

    permission_required = PERMISSION
    kind = ""

    def get(self, request, pk: int):
        report = get_object_or_404(InterimReport, pk=pk, state=ReportState.DONE)
        field = getattr(report, self.kind)
        if not field:
            raise Http404
        try:
            file = field.open("rb")
        except OSError as error:
            raise Http404 from error
        return FileResponse(
            file,
            as_attachment=True,
            filename=os.path.basename(field.name),
            content_type=FILE_KINDS[self.kind],
        )
