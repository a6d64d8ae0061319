"""The document library: list and search, a document's page with its versions, upload, new
version, and downloads that check the document's audience every time.

Every document outside the user's audience is a 404 by every URL, as if it did not exist.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, FormView, View
from django_filters.views import FilterView

from events.models import Event
from lotsen.core.permissions import is_member, visible_to
from lotsen.documents import services
from lotsen.documents.filters import DocumentFilter
from lotsen.documents.forms import DocumentForm, VersionForm
from lotsen.documents.selectors import documents_for, versions_of
from lotsen.models import DocumentVersion


class MemberMixin:
    """Signed in (any role); the response never cached."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_member(request.user):
            raise PermissionDenied
        response = super().dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response


class DocumentListView(MemberMixin, FilterView):
    filterset_class = DocumentFilter
    template_name = "lotsen/documents/document_list.html"
    paginate_by = 25

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "user": self.request.user}

    def get_queryset(self):
        return documents_for(self.request.user).order_by("-date", "-created_at", "-pk")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            may_add=self.request.user.has_perm("lotsen.add_document"), **kwargs
        )


class DocumentDetailView(MemberMixin, DetailView):
    template_name = "lotsen/documents/document_detail.html"
    context_object_name = "document"

    def get_queryset(self):
        return documents_for(self.request.user)

    def get_context_data(self, **kwargs):
        document = self.object
        return super().get_context_data(
            versions=list(versions_of(document)),
            may_change=self.request.user.has_perm("lotsen.change_document", document),
            **kwargs,
        )


def _events_for(user, current: Event | None = None):
    """Events a document can be attached to: the user's, of the last year and the future."""
    since = timezone.now() - datetime.timedelta(days=366)
    events = visible_to(user, Event.objects.all())
    wanted = Q(starts_at__gte=since)
    if current is not None:
        wanted |= Q(pk=current.pk)
    return events.filter(wanted).order_by("-starts_at")


class DocumentCreateView(MemberMixin, FormView):
    form_class = DocumentForm
    template_name = "lotsen/documents/document_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_perm("lotsen.add_document"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        initial = super().get_initial()
        event = self.request.GET.get("event", "")
        if event.isdigit() and len(event) < 12:
            initial["event"] = event
        return initial

    def get_form_kwargs(self):
        user = self.request.user
        return {**super().get_form_kwargs(), "user": user, "events": _events_for(user)}

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            document = services.create_document(
                document=form.instance,
                data=upload.read(),
                filename=upload.name,
                user=self.request.user,
            )
        except ValidationError as error:
            form.add_error("file" if error.code != "invalid" else None, error)
            return self.form_invalid(form)
        except PermissionDenied:
            form.add_error(None, _("You may not add documents for this region or group."))
            return self.form_invalid(form)
        messages.success(self.request, _("The document was uploaded."))
        return redirect("documents:detail", pk=document.pk)


class _ChangeMixin(MemberMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.document = get_object_or_404(documents_for(request.user), pk=kwargs["pk"])
            if not request.user.has_perm("lotsen.change_document", self.document):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class DocumentUpdateView(_ChangeMixin, FormView):
    form_class = DocumentForm
    template_name = "lotsen/documents/document_form.html"

    def get_form_kwargs(self):
        user = self.request.user
        events = _events_for(user, self.document.event)
        return {**super().get_form_kwargs(), "instance": self.document, "user": user,
                "events": events}  # fmt: skip

    def get_context_data(self, **kwargs):
        return super().get_context_data(document=self.document, **kwargs)

    def form_valid(self, form):
        try:
            services.update_document(document=form.instance, user=self.request.user)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        except PermissionDenied:
            form.add_error(None, _("You may not move the document to this region or group."))
            return self.form_invalid(form)
        messages.success(self.request, _("The document was saved."))
        return redirect("documents:detail", pk=self.document.pk)


class VersionCreateView(_ChangeMixin, FormView):
    form_class = VersionForm
    template_name = "lotsen/documents/version_form.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(document=self.document, **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            services.add_version(
                document=self.document, data=upload.read(), filename=upload.name,
                user=self.request.user,
            )  # fmt: skip
        except ValidationError as error:
            form.add_error("file", error)
            return self.form_invalid(form)
        messages.success(self.request, _("The new version was uploaded; the older ones stay."))
        return redirect("documents:detail", pk=self.document.pk)


class DownloadView(MemberMixin, View):
    """One version of a document, always as an attachment of its checked type.

    ``nosniff`` and a sandboxing CSP keep a browser from treating it as a page, whatever is in
    the file.
    """

    def get(self, request, pk, number=None):
        document = get_object_or_404(documents_for(request.user), pk=pk)
        versions = DocumentVersion.objects.filter(document=document)
        version = (
            versions.order_by("-number").first()
            if number is None
            else versions.filter(number=number).first()
        )
        if version is None:
            raise Http404
        try:
            handle = version.file.open("rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=version.filename,
            content_type=version.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
        return response
