"""Previews of an issue for the editors: web page, email, plain text, PDF, and a test send.

A rendered issue shows what was stored (exactly what goes out); a draft is rendered on the
fly. Admins and coordinators may preview (``newsletters.view_issue``); only the
Landeskoordination sends a test copy (``newsletters.manage_newsletter``).
"""

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView

from lotsen.core.pdf import pdf_response
from lotsen.core.workspace import WorkspaceMixin
from newsletters.models import PREFERENCES_PLACEHOLDER, UNSUBSCRIBE_PLACEHOLDER, Issue
from newsletters.previews.forms import TestSendForm
from newsletters.rendering import render

# The email is shown as a mail client gets it, with its own inline styles; it runs nothing,
# loads nothing and cannot submit anything.
EMAIL_PREVIEW_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def preview_language(request) -> str:
    """``?language=`` if it is one of the portal's languages, else the page's language."""
    codes = [code for code, _name in settings.LANGUAGES]
    wanted = request.GET.get("language") or get_language() or settings.LANGUAGE_CODE
    return wanted if wanted in codes else settings.LANGUAGE_CODE


def email_of(issue: Issue, language: str) -> tuple[str, str, str]:
    """The stored (subject, html, text) of a rendered issue, a fresh rendering otherwise."""
    if issue.rendered_at:
        rendition = issue.renditions.filter(language=language).first()
        if rendition is not None:
            return rendition.subject, rendition.html, rendition.text
    return render.render_email(issue, language)


class IssuePreviewMixin(WorkspaceMixin):
    permission_required = "newsletters.view_issue"

    def get_issue(self) -> Issue:
        return get_object_or_404(Issue, pk=self.kwargs["pk"])


class WebPreviewView(IssuePreviewMixin, TemplateView):
    template_name = "newsletters/previews/web.html"

    def get_context_data(self, **kwargs):
        issue = self.get_issue()
        body = issue.web_html if issue.rendered_at else render.render_web(issue)
        return super().get_context_data(
            issue=issue,
            body=body,
            languages=settings.LANGUAGES,
            may_send_test=self.request.user.has_perm("newsletters.manage_newsletter"),
            **kwargs,
        )


class EmailPreviewView(IssuePreviewMixin, View):
    def get(self, request, pk: int):
        _subject, html, _text = email_of(self.get_issue(), preview_language(request))
        # Each copy gets the subscriber's own links when it is sent; the preview has no
        # subscriber, so its links lead to the newsletter's public page instead of nowhere.
        public_page = reverse("subscriptions:subscribe")
        for placeholder in (UNSUBSCRIBE_PLACEHOLDER, PREFERENCES_PLACEHOLDER):
            html = html.replace(placeholder, public_page)
        response = HttpResponse(html, content_type="text/html; charset=utf-8")
        response["Content-Security-Policy"] = EMAIL_PREVIEW_CSP
        return response


class TextPreviewView(IssuePreviewMixin, View):
    def get(self, request, pk: int):
        subject, _html, text = email_of(self.get_issue(), preview_language(request))
        return HttpResponse(f"{subject}\n\n{text}", content_type="text/plain; charset=utf-8")


class PdfPreviewView(IssuePreviewMixin, View):
    def get(self, request, pk: int):
        issue = self.get_issue()
        filename = render.pdf_filename(issue)
        if issue.rendered_at and issue.pdf:
            try:
                return FileResponse(
                    issue.pdf.open("rb"),
                    as_attachment=True,
                    filename=filename,
                    content_type="application/pdf",
                )
            except OSError:
                pass  # the stored file is gone: render it again below rather than fail
        return pdf_response(render.render_pdf_bytes(issue), filename)


class TestSendView(IssuePreviewMixin, FormView):
    permission_required = "newsletters.manage_newsletter"
    template_name = "newsletters/previews/test_send.html"
    form_class = TestSendForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.has_permission():
            self.issue = self.get_issue()
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {"email": self.request.user.email, "language": preview_language(self.request)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(issue=self.issue, **kwargs)

    def form_valid(self, form):
        email, language = form.cleaned_data["email"], form.cleaned_data["language"]
        subject = render.send_test_email(self.issue, to=email, language=language)
        messages.success(
            self.request,
            _(
                "The test copy “%(subject)s” is on its way to %(email)s. It may take a minute "
                "to arrive."
            )
            % {"subject": subject, "email": email},
        )
        return redirect("previews:web", self.issue.pk)
