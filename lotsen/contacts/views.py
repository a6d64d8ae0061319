"""Workspace views of the contact log (calls, visits, meetings, mails)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, UpdateView, View
from django.views.generic.detail import SingleObjectMixin

from lotsen.contacts import services
from lotsen.contacts.forms import ContactNoteForm
from lotsen.core.permissions import visible_to
from lotsen.core.workspace import ScopedObjectMixin, WorkspaceMixin
from lotsen.models import ContactNote, Guide
from organisations.models import Agency, MigrantOrganisation

SUBJECTS = {"organisation": MigrantOrganisation, "agency": Agency, "guide": Guide}


def record_url(record) -> str:
    """The workspace page of an organisation, agency or guide."""
    if isinstance(record, Guide):
        return reverse("guides:detail", args=[record.pk])
    return record.get_absolute_url()


class NoteFormMixin:
    model = ContactNote
    form_class = ContactNoteForm
    template_name = "lotsen/contacts/contactnote_form.html"
    success_message = ""

    def form_valid(self, form):
        try:
            self.object = services.save_note(form=form, author=self.request.user)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message % {"object": self.object})
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self):
        return record_url(self.object.subject) + "#notes-heading"


class ContactNoteCreateView(NoteFormMixin, WorkspaceMixin, CreateView):
    """A new note about an organisation, an agency or a guide (``subject``)."""

    permission_required = "lotsen.add_contactnote"
    success_message = _("The note “%(object)s” was saved.")
    subject: str = "organisation"

    def has_permission(self) -> bool:
        user = self.request.user
        if not user.has_perm(self.permission_required):
            return False
        model = SUBJECTS[self.subject]
        self.record = get_object_or_404(visible_to(user, model.objects.all()), pk=self.kwargs["pk"])
        return user.has_perm(self.permission_required, ContactNote(**{self.subject: self.record}))

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = ContactNote(**{self.subject: self.record})
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            record=self.record, record_url=record_url(self.record), **kwargs
        )


class ContactNoteUpdateView(NoteFormMixin, ScopedObjectMixin, UpdateView):
    permission_required = "lotsen.change_contactnote"
    success_message = _("Your changes to “%(object)s” were saved.")

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            record=self.object.subject,
            record_url=record_url(self.object.subject),
            may_delete=user.has_perm("lotsen.delete_contactnote", self.object),
            **kwargs,
        )


class ContactNoteDeleteView(ScopedObjectMixin, SingleObjectMixin, View):
    """POST only: a note is removed for good."""

    permission_required = "lotsen.delete_contactnote"
    model = ContactNote
    http_method_names = ["post"]

    def post(self, request, pk):
        note = self.get_object()
        record = note.subject
        services.delete_note(note=note)
        messages.success(request, _("The note “%s” was removed.") % note)
        return redirect(record_url(record))
