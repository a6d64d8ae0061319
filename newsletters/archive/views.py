"""The public newsletter archive: sent issues as a page and a PDF, their items' full texts and
their downloads. Anything of an issue that is not sent yet is a 404, as if it did not exist.

The files live in MEDIA_ROOT, which no URL serves: these views hand out single files of sent
issues only.
"""

import os

from django.http import FileResponse, Http404
from django.views import View
from django.views.generic import ListView, TemplateView

from lotsen.core.public import PublicPageMixin
from newsletters.archive import selectors
from newsletters.rendering.render import pdf_filename


def _file_response(field, *, filename: str, as_attachment: bool) -> FileResponse:
    if not field:
        raise Http404("No file.")
    try:
        file = field.open("rb")
    except OSError as error:
        raise Http404("The file is missing.") from error
    return FileResponse(file, as_attachment=as_attachment, filename=filename)


class ArchiveListView(PublicPageMixin, ListView):
    template_name = "newsletters/archive/issue_list.html"
    context_object_name = "issues"
    paginate_by = 24

    def get_queryset(self):
        return selectors.sent_issues()

    def paginate_queryset(self, queryset, page_size):
        # A stale or mistyped ?page= shows the nearest page instead of an error page.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()


class ArchiveIssueView(PublicPageMixin, TemplateView):
    template_name = "newsletters/archive/issue_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(issue=selectors.sent_issue(kwargs["number"]), **kwargs)


class ArchiveItemView(PublicPageMixin, TemplateView):
    template_name = "newsletters/archive/item_detail.html"

    def get_context_data(self, **kwargs):
        item = selectors.archived_item(kwargs["number"], kwargs["pk"])
        report = item.report
        return super().get_context_data(
            item=item,
            issue=item.issue,
            title=item.headline or (report.headline if report else ""),
            place_date=item.dateline or (report.dateline if report else ""),
            intro=item.teaser or (report.teaser if report else ""),
            full_text=item.body or (report.body if report else ""),
            **kwargs,
        )


class ArchivePdfView(PublicPageMixin, View):
    def get(self, request, number: int):
        issue = selectors.sent_issue(number)
        return _file_response(issue.pdf, filename=pdf_filename(issue), as_attachment=False)


class ArchiveDownloadView(PublicPageMixin, View):
    def get(self, request, number: int, pk: int):
        item = selectors.product_item(number, pk)
        return _file_response(
            item.attachment, filename=os.path.basename(item.attachment.name), as_attachment=True
        )
