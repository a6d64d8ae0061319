"""The legal pages.

- Public, for everyone without an account: ``/impressum/``, ``/datenschutz/``,
  ``/barrierefreiheit/`` (with the feedback form: rate limited, with a robot trap) and each
  earlier version under ``.../fassung/<number>/``, so that a consent record can show the text
  its person was shown.
- Workspace, for the Landeskoordination: the three texts, and an editor per text that
  publishes the next version.
"""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from lotsen.core.audit import history_of_records
from lotsen.core.throttle import allow, client_address
from lotsen.core.workspace import WorkspaceMixin
from lotsen.legal import selectors, services
from lotsen.legal.forms import AccessibilityFeedbackForm, LegalTextForm
from lotsen.models.legal import LegalDocument

# Feedback messages per client address and hour, and per recipient address and day: enough
# for a person describing several barriers, too few to use the copy to the sender for spam.
FEEDBACK_PER_ADDRESS = 5
FEEDBACK_WINDOW = 3600
COPIES_PER_RECIPIENT = 3
COPY_WINDOW = 24 * 3600

# The public page of each text, by the URL names of lotsen/legal/urls.py.
PAGE_URLS = {
    LegalDocument.IMPRINT: "legal:imprint",
    LegalDocument.PRIVACY: "legal:privacy",
    LegalDocument.ACCESSIBILITY: "legal:accessibility",
}


class LegalPageMixin:
    document: str = ""

    def get_context_data(self, **kwargs):
        page = kwargs.pop("page", None) or selectors.current_page(self.document)
        return super().get_context_data(
            page=page,
            document=self.document,
            title=LegalDocument(self.document).label,
            page_url_name=PAGE_URLS[self.document],
            versions=selectors.versions_of(self.document)[:20],
            # The texts are written in German; an English page marks them so.
            text_language=settings.LANGUAGE_CODE,
            may_edit=self.request.user.has_perm("lotsen.add_legaltext"),
            contact_email=settings.PUBLISHER["email"],
            publisher=settings.PUBLISHER,
            **{"superseded": False, "with_form": False, **kwargs},
        )


class LegalPageView(LegalPageMixin, TemplateView):
    """``/impressum/`` and ``/datenschutz/``: the version in force (or the default)."""

    template_name = "lotsen/legal/page.html"


class LegalVersionView(LegalPageMixin, TemplateView):
    """One published version, as it was shown while it was in force."""

    template_name = "lotsen/legal/page.html"

    def get_context_data(self, **kwargs):
        version = get_object_or_404(
            selectors.versions_of(self.document), number=self.kwargs["number"]
        )
        current = selectors.current_version(self.document)
        page = selectors.page_of(version)
        return super().get_context_data(
            page=page, superseded=current is not None and current.pk != version.pk, **kwargs
        )

    def get_template_names(self):
        if self.document == LegalDocument.ACCESSIBILITY:
            return ["lotsen/legal/accessibility.html"]
        return [self.template_name]


class AccessibilityView(LegalPageMixin, TemplateView):
    """``/barrierefreiheit/``: the statement after the EU model, and the feedback form."""

    template_name = "lotsen/legal/accessibility.html"
    document = LegalDocument.ACCESSIBILITY

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", AccessibilityFeedbackForm())
        return super().get_context_data(with_form=True, **kwargs)

    def post(self, request, *args, **kwargs):
        form = AccessibilityFeedbackForm(request.POST)
        if not allow(
            f"accessibility-feedback:{client_address(request)}",
            limit=FEEDBACK_PER_ADDRESS,
            window=FEEDBACK_WINDOW,
        ):
            form.is_valid()
            form.add_error(
                None,
                _("Too many messages from your connection. Please try again in an hour, or "
                  "write to %(email)s.") % {"email": settings.PUBLISHER["email"]},
            )  # fmt: skip
            return self.render_to_response(self.get_context_data(form=form), status=429)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        if form.is_spam():
            # Robots are told the same as people, so the trap does not teach them anything.
            messages.success(request, _("Thank you: your message has been sent."))
            return redirect("legal:accessibility")
        data = form.cleaned_data
        if not allow(
            f"accessibility-feedback-copy:{data['email'].lower()}",
            limit=COPIES_PER_RECIPIENT,
            window=COPY_WINDOW,
        ):
            form.add_error(
                "email",
                _("Several messages were sent from this address today. Please write to "
                  "%(email)s directly.") % {"email": settings.PUBLISHER["email"]},
            )  # fmt: skip
            return self.render_to_response(self.get_context_data(form=form), status=429)
        services.send_accessibility_feedback(
            name=data["name"],
            email=data["email"],
            message=data["message"],
            language=translation.get_language() or settings.LANGUAGE_CODE,
        )
        messages.success(
            request,
            _("Thank you: your message has been sent. We have sent you a copy at %(email)s.")
            % {"email": data["email"]},
        )
        return redirect("legal:accessibility")


# --- Workspace: the Landeskoordination edits ------------------------------------------------


class LegalTextsView(WorkspaceMixin, TemplateView):
    """The three texts with the version in force."""

    permission_required = "lotsen.add_legaltext"
    template_name = "lotsen/legal/manage.html"

    def get_context_data(self, **kwargs):
        rows = [
            (document, selectors.current_version(document), PAGE_URLS[document])
            for document in LegalDocument
        ]
        return super().get_context_data(rows=rows, **kwargs)


class EditLegalTextView(WorkspaceMixin, TemplateView):
    """The editor of one text: publishing saves the next version, earlier ones stay as they are."""

    permission_required = "lotsen.add_legaltext"
    template_name = "lotsen/legal/edit.html"

    def dispatch(self, request, *args, **kwargs):
        if kwargs["document"] not in LegalDocument.values:
            raise Http404
        self.document = kwargs["document"]
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        kwargs.pop("document", None)  # the URL's, already in self.document
        current = selectors.current_version(self.document)
        if "form" not in kwargs:
            initial = {
                "body": current.body if current else selectors.default_body(self.document),
                "conformance": (current.conformance if current else "")
                or selectors.DEFAULT_CONFORMANCE,
            }
            kwargs["form"] = LegalTextForm(initial=initial, document=self.document)
        versions = selectors.versions_of(self.document)
        return super().get_context_data(
            document=self.document,
            title=LegalDocument(self.document).label,
            current=current,
            versions=versions,
            page_url_name=PAGE_URLS[self.document],
            history=history_of_records(versions),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = LegalTextForm(request.POST, document=self.document)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        data = form.cleaned_data
        try:
            version = services.publish_text(
                document=self.document,
                body=data["body"],
                conformance=data.get("conformance", ""),
                note=data["note"],
                published_by=request.user,
            )
        except services.LegalTextError as error:
            form.add_error(None, error)
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(
            request,
            _("Version %(number)s was published; earlier versions stay available.")
            % {"number": version.number},
        )
        return redirect("legal:edit", document=self.document)
