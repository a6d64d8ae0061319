"""Workspace views for migrant organisations, cooperating agencies and their contact persons."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, DetailView, UpdateView, View
from django.views.generic.detail import SingleObjectMixin
from django_filters.views import FilterView

from events.models import Event
from lotsen.contacts.selectors import notes_about, with_last_contact
from lotsen.core.audit import history_of_records
from lotsen.core.exports import names
from lotsen.core.permissions import visible_to
from lotsen.core.workspace import (
    ExportMixin,
    FilteredListMixin,
    SaveFormMixin,
    ScopedObjectMixin,
    WorkspaceMixin,
)
from lotsen.models import ContactNote
from organisations.models import Agency, ContactPerson, MigrantOrganisation
from organisations.needs.selectors import submitted_of
from organisations.support.selectors import support_timeline
from organisations.workspace import services
from organisations.workspace.filters import AgencyFilter, OrganisationFilter
from organisations.workspace.forms import AgencyForm, ContactPersonForm, OrganisationForm
from organisations.workspace.selectors import agencies_for, organisations_for


class OrganisationListView(WorkspaceMixin, FilteredListMixin, ExportMixin, FilterView):
    permission_required = "organisations.view_migrantorganisation"
    filterset_class = OrganisationFilter
    template_name = "organisations/organisation_list.html"
    paginate_by = 50
    export_filename = "migrantenorganisationen"
    export_columns = [
        (_("Name"), lambda o: o.name),
        (_("Legal form"), lambda o: o.get_legal_form_display()),
        (_("Region"), lambda o: o.region.name),
        (_("Street and number"), lambda o: o.street),
        (_("Postal code"), lambda o: o.postal_code),
        (_("City"), lambda o: o.city),
        (_("Website"), lambda o: o.website),
        (_("Communities"), lambda o: names(o.communities)),
        (_("Languages"), lambda o: names(o.languages)),
        (_("Guides"), lambda o: o.guide_count),
        (_("Contact persons"), lambda o: o.contact_count),
        (_("Listed publicly"), lambda o: _("yes") if o.listed_publicly else _("no")),
        (_("In the network since"), lambda o: o.joined_on),
        (_("Last contact"), lambda o: o.last_contact),
    ]

    def get_queryset(self):
        queryset = organisations_for(self.request.user)
        return with_last_contact(queryset) if self.request.GET.get("export") else queryset


class OrganisationDetailView(ScopedObjectMixin, DetailView):
    permission_required = "organisations.view_migrantorganisation"
    model = MigrantOrganisation
    template_name = "organisations/organisation_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("region")

    def get_context_data(self, **kwargs):
        organisation = self.object
        user = self.request.user
        notes = notes_about(user, organisation)
        return super().get_context_data(
            contact_persons=organisation.contact_persons.all(),
            guides=organisation.guides.all(),
            events=organisation.attended_events.order_by("-starts_at")[:10],
            history=history_of_records(organisation, organisation.support_received.all(), notes),
            timeline=support_timeline(organisation),
            notes=notes,
            may_add_note=user.has_perm(
                "lotsen.add_contactnote", ContactNote(organisation=organisation)
            ),
            add_note_url=reverse("contacts:organisation-note-create", args=[organisation.pk]),
            may_change=user.has_perm("organisations.change_migrantorganisation", organisation),
            needs_answers=submitted_of(organisation),
            **kwargs,
        )


class OrganisationCreateView(WorkspaceMixin, SaveFormMixin, CreateView):
    permission_required = "organisations.add_migrantorganisation"
    model = MigrantOrganisation
    form_class = OrganisationForm
    template_name = "organisations/organisation_form.html"
    success_message = _("The organisation “%(object)s” was created.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_success_url(self):
        return self.object.get_absolute_url()


class OrganisationUpdateView(ScopedObjectMixin, SaveFormMixin, UpdateView):
    permission_required = "organisations.change_migrantorganisation"
    model = MigrantOrganisation
    form_class = OrganisationForm
    template_name = "organisations/organisation_form.html"
    success_message = _("Your changes to “%(object)s” were saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_success_url(self):
        return self.object.get_absolute_url()


class ArchiveView(ScopedObjectMixin, SingleObjectMixin, View):
    """POST only: archive an organisation or agency, or restore it; nothing is deleted here."""

    http_method_names = ["post"]

    def post(self, request, pk):
        obj = self.get_object()
        if request.POST.get("restore"):
            services.restore(obj=obj)
            messages.success(request, _("“%s” was restored from the archive.") % obj)
        else:
            services.archive(obj=obj)
            messages.success(request, _("“%s” was archived.") % obj)
        return redirect(obj)


class OrganisationArchiveView(ArchiveView):
    permission_required = "organisations.archive_migrantorganisation"
    model = MigrantOrganisation


# --- Contact persons ------------------------------------------------------------------------


class ContactPersonCreateView(WorkspaceMixin, SaveFormMixin, CreateView):
    """A new contact person for an organisation (``organisation``) or an agency (``agency``)."""

    permission_required = "organisations.add_contactperson"
    model = ContactPerson
    form_class = ContactPersonForm
    template_name = "organisations/contactperson_form.html"
    success_message = _("The contact person “%(object)s” was added.")
    parent_field: str = "organisation"

    def has_permission(self) -> bool:
        user = self.request.user
        if not user.has_perm(self.permission_required):
            return False
        parent_model = ContactPerson._meta.get_field(self.parent_field).related_model
        self.parent = get_object_or_404(
            visible_to(user, parent_model.objects.all()), pk=self.kwargs["pk"]
        )
        return user.has_perm(
            self.permission_required, ContactPerson(**{self.parent_field: self.parent})
        )

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = ContactPerson(**{self.parent_field: self.parent})
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(parent=self.parent, **kwargs)

    def get_success_url(self):
        return self.parent.get_absolute_url()


class ContactPersonUpdateView(ScopedObjectMixin, SaveFormMixin, UpdateView):
    permission_required = "organisations.change_contactperson"
    model = ContactPerson
    form_class = ContactPersonForm
    template_name = "organisations/contactperson_form.html"
    success_message = _("Your changes to “%(object)s” were saved.")

    def get_context_data(self, **kwargs):
        return super().get_context_data(parent=self.object.parent, **kwargs)

    def get_success_url(self):
        return self.object.parent.get_absolute_url()


class ContactPersonDeleteView(ScopedObjectMixin, SingleObjectMixin, View):
    """POST only: a contact person is removed for good (personal data, no archive)."""

    permission_required = "organisations.delete_contactperson"
    model = ContactPerson
    http_method_names = ["post"]

    def post(self, request, pk):
        person = self.get_object()
        parent = person.parent
        person.delete()
        messages.success(request, _("The contact person “%s” was removed.") % person.name)
        return redirect(parent)


# --- Cooperating agencies -------------------------------------------------------------------


class AgencyListView(WorkspaceMixin, FilteredListMixin, ExportMixin, FilterView):
    permission_required = "organisations.view_agency"
    filterset_class = AgencyFilter
    template_name = "organisations/agency_list.html"
    paginate_by = 50
    export_filename = "kooperationspartner"
    export_columns = [
        (_("Name"), lambda a: a.name),
        (_("Kind"), lambda a: a.get_kind_display()),
        (_("Regions"), lambda a: names(a.regions) or _("statewide")),
        (_("Street and number"), lambda a: a.street),
        (_("Postal code"), lambda a: a.postal_code),
        (_("City"), lambda a: a.city),
        (_("Website"), lambda a: a.website),
        (_("Cooperation agreement signed on"), lambda a: a.cooperation_agreed_on),
        (_("Contact persons"), lambda a: a.contact_count),
        (_("Archived"), lambda a: _("yes") if a.is_archived else _("no")),
        (_("Last contact"), lambda a: a.last_contact),
    ]

    def get_queryset(self):
        queryset = agencies_for(self.request.user)
        return with_last_contact(queryset) if self.request.GET.get("export") else queryset


class AgencyDetailView(ScopedObjectMixin, DetailView):
    permission_required = "organisations.view_agency"
    model = Agency
    template_name = "organisations/agency_detail.html"

    def get_context_data(self, **kwargs):
        agency = self.object
        user = self.request.user
        # Events of a shared agency may lie in regions the user does not coordinate.
        events = visible_to(user, Event.objects.select_related("region")).order_by("-starts_at")
        notes = notes_about(user, agency)
        return super().get_context_data(
            regions=agency.regions.all(),
            contact_persons=agency.contact_persons.all(),
            organised_events=events.filter(organising_agencies=agency)[:20],
            attended_events=events.filter(attending_agencies=agency)[:20],
            history=history_of_records(agency, notes),
            notes=notes,
            may_add_note=user.has_perm("lotsen.add_contactnote", ContactNote(agency=agency)),
            add_note_url=reverse("contacts:agency-note-create", args=[agency.pk]),
            may_change=user.has_perm("organisations.change_agency", agency),
            may_archive=user.has_perm("organisations.archive_agency", agency),
            **kwargs,
        )


class AgencyCreateView(WorkspaceMixin, SaveFormMixin, CreateView):
    permission_required = "organisations.add_agency"
    model = Agency
    form_class = AgencyForm
    template_name = "organisations/agency_form.html"
    success_message = _("The agency “%(object)s” was created.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_success_url(self):
        return self.object.get_absolute_url()


class AgencyUpdateView(ScopedObjectMixin, SaveFormMixin, UpdateView):
    permission_required = "organisations.change_agency"
    model = Agency
    form_class = AgencyForm
    template_name = "organisations/agency_form.html"
    success_message = _("Your changes to “%(object)s” were saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_success_url(self):
        return self.object.get_absolute_url()


class AgencyArchiveView(ArchiveView):
    permission_required = "organisations.archive_agency"
    model = Agency
