"""Workspace views of the import: upload → preview (nothing saved) → confirm → result."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.generic import FormView, TemplateView, View

from lotsen.core.workspace import WorkspaceMixin
from lotsen.imports import services, storage
from lotsen.imports.common import ERROR
from lotsen.imports.forms import UploadForm
from lotsen.imports.template_file import MIME_TYPE, template_workbook

PERMISSION = "lotsen.import_data"
# The preview lists this many rows in detail; the counts always cover the whole file.
SHOWN_ROWS = 200


class ImportUploadView(WorkspaceMixin, FormView):
    permission_required = PERMISSION
    form_class = UploadForm
    template_name = "imports/upload.html"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(kinds=services.ImportKind.choices, **kwargs)

    def form_valid(self, form):
        region = form.cleaned_data["region"]
        token = storage.store_upload(
            user=self.request.user,
            kind=form.cleaned_data["kind"],
            region_id=region.pk if region else None,
            filename=form.cleaned_data["file"].name,
            fmt=form.format,
            data=form.content,
        )
        return HttpResponseRedirect(f"{reverse('imports:preview')}?{urlencode({'token': token})}")


class ImportPreviewView(WorkspaceMixin, TemplateView):
    """What the import would do, row by row; the confirm button posts the token on."""

    permission_required = PERMISSION
    template_name = "imports/preview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, token = self.request.user, self.request.GET.get("token", "")
        only_errors = self.request.GET.get("show") == "errors"
        try:
            upload = storage.open_upload(user=user, token=token)
            plan = services.preview_import(
                user=user,
                kind=upload.kind,
                data=upload.read(),
                filename=upload.filename,
                region=services.region_of_upload(user=user, upload=upload),
            )
        except ValidationError as error:
            return {**context, "problem": " ".join(error.messages)}
        rows = [row for row in plan.rows if row.outcome == ERROR] if only_errors else plan.rows
        return {
            **context,
            "plan": plan,
            "token": token,
            "rows": rows[:SHOWN_ROWS],
            "shown_rows": SHOWN_ROWS,
            "more_rows": max(len(rows) - SHOWN_ROWS, 0),
            "only_errors": only_errors,
            "kind_label": services.ImportKind(plan.kind).label,
        }


class ImportConfirmView(WorkspaceMixin, View):
    """POST only: import the valid rows, then show what happened."""

    permission_required = PERMISSION
    http_method_names = ["post"]

    def post(self, request):
        try:
            plan = services.confirm_import(user=request.user, token=request.POST.get("token", ""))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("imports:upload")
        skipped = [row for row in plan.rows if row.outcome == ERROR]
        return render(
            request,
            "imports/result.html",
            {
                "plan": plan,
                "skipped": skipped[:SHOWN_ROWS],
                "more_skipped": max(len(skipped) - SHOWN_ROWS, 0),
                "kind_label": services.ImportKind(plan.kind).label,
            },
        )


class ImportTemplateView(WorkspaceMixin, View):
    """The XLSX template of one kind of import, with German headings and an example row."""

    permission_required = PERMISSION
    http_method_names = ["get", "head"]

    def get(self, request, kind):
        if kind not in services.KINDS:
            raise Http404
        response = HttpResponse(template_workbook(kind, user=request.user), content_type=MIME_TYPE)
        filename = {"organisations": "vorlage-organisationen", "guides": "vorlage-lotsen"}[kind]
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        return response
