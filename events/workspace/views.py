"""Workspace views for events and their reports."""

from django.contrib import messages
from django.db import IntegrityError
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import CreateView, DetailView, UpdateView
from django_filters.views import FilterView

from events.models import Event, EventReport, Registration
from events.registrations.selectors import registration_counts
from events.registrations.services import fill_free_seats
from events.workspace.filters import EventFilter
from events.workspace.forms import (
    EventForm,
    EventReportForm,
    EventUpdateForm,
    default_dateline,
)
from events.workspace.selectors import events_for
from lotsen.core.audit import history_of, history_of_records
from lotsen.core.exports import local_time, names
from lotsen.core.permissions import visible_to
from lotsen.core.services import conflict
from lotsen.core.workspace import (
    ExportMixin,
    FilteredListMixin,
    SaveFormMixin,
    ScopedObjectMixin,
    WorkspaceMixin,
)
from organisations.experts.selectors import accepted_for_event
from regions.scope.selectors import regions_of


def _detail_url(event: Event) -> str:
    return reverse("events:detail", args=[event.pk])


class EventListView(WorkspaceMixin, FilteredListMixin, ExportMixin, FilterView):
    permission_required = "events.view_event"
    filterset_class = EventFilter
    template_name = "events/event_list.html"
    paginate_by = 50
    export_filename = "veranstaltungen"
    export_columns = [
        (_("Starts at"), lambda e: local_time(e.starts_at)),
        (_("Ends at"), lambda e: local_time(e.ends_at)),
        (_("Title"), lambda e: e.title),
        (_("Kind"), lambda e: e.get_kind_display()),
        (_("Region"), lambda e: e.region.name if e.region else _("statewide")),
        (_("Venue"), lambda e: e.venue),
        (_("City"), lambda e: e.city),
        (_("Public"), lambda e: _("yes") if e.is_public else _("no")),
        (_("Organising agencies"), lambda e: names(e.organising_agencies)),
        (_("Organising migrant organisations"), lambda e: names(e.organising_organisations)),
        (_("Number of participants"), lambda e: e.headcount),
        (_("Report"), lambda e: _("yes") if e.has_report else _("no")),
    ]

    def get_queryset(self):
        return events_for(self.request.user)

    def get_context_data(self, **kwargs):
        # Past events without a report are flagged in the list.
        return super().get_context_data(now=timezone.now(), **kwargs)


class EventDetailView(ScopedObjectMixin, DetailView):
    permission_required = "events.view_event"
    model = Event
    template_name = "events/event_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("region")

    def get_context_data(self, **kwargs):
        event = self.object
        user = self.request.user
        # Guides are personal data: name those of the user's regions only, count the others.
        guides = visible_to(user, event.attending_guides.all()).order_by("last_name", "first_name")
        report = EventReport.objects.filter(event=event).select_related("author").first()
        return super().get_context_data(
            organising_agencies=event.organising_agencies.all(),
            organising_organisations=event.organising_organisations.all(),
            attending_organisations=event.attending_organisations.all(),
            attending_agencies=event.attending_agencies.all(),
            attending_guides=guides,
            other_guides=event.attending_guides.exclude(pk__in=guides.values("pk")).count(),
            report=report,
            history=history_of(event),
            experts=accepted_for_event(event),
            may_view_experts=user.has_perm("organisations.view_expert"),
            may_change=user.has_perm("events.change_event", event),
            registration_counts=registration_counts(event),
            may_see_registrations=user.has_perm(
                "events.view_registration", Registration(event=event)
            ),
            started=event.starts_at <= timezone.now(),
            may_report=user.has_perm(
                "events.change_eventreport" if report else "events.add_eventreport",
                report or EventReport(event=event),
            ),
            **kwargs,
        )


class EventCreateView(WorkspaceMixin, SaveFormMixin, CreateView):
    permission_required = "events.add_event"
    model = Event
    form_class = EventForm
    template_name = "events/event_form.html"
    success_message = _(
        "The event “%(object)s” was created. Add its organisers and, afterwards, who attended."
    )

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_initial(self):
        # A coordinator of a single region files every event there: choose it for them.
        regions = list(regions_of(self.request.user)[:2])
        return {"region": regions[0]} if len(regions) == 1 else {}

    def get_success_url(self):
        return _detail_url(self.object)


class EventUpdateView(ScopedObjectMixin, SaveFormMixin, UpdateView):
    permission_required = "events.change_event"
    model = Event
    form_class = EventUpdateForm
    template_name = "events/event_form.html"
    success_message = _("Your changes to “%(object)s” were saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        response = super().form_valid(form)
        # More places (or no limit any more): the waiting list moves up at once, with mails.
        if self.object.pk and {"capacity", "takes_registrations"} & set(form.changed_data):
            moved_up = fill_free_seats(event=self.object)
            if moved_up:
                message = ngettext(
                    "%(count)d person moved up from the waiting list and was informed.",
                    "%(count)d people moved up from the waiting list and were informed.",
                    len(moved_up),
                )
                messages.info(self.request, message % {"count": len(moved_up)})
        return response

    def get_success_url(self):
        return _detail_url(self.object)


class EventReportView(WorkspaceMixin, SaveFormMixin, UpdateView):
    """Write the report of an event, or edit it: one report per event, at its own URL."""

    permission_required = "events.add_eventreport"
    form_class = EventReportForm
    template_name = "events/eventreport_form.html"
    success_message = _("The report “%(object)s” was saved.")

    def has_permission(self) -> bool:
        user = self.request.user
        if not user.has_perm(self.permission_required):
            return False
        self.event = get_object_or_404(
            visible_to(user, Event.objects.select_related("region")), pk=self.kwargs["pk"]
        )
        existing = EventReport.objects.filter(event=self.event).first()
        self.report = existing or EventReport(event=self.event)
        action = "change" if existing else "add"
        return user.has_perm(f"events.{action}_eventreport", self.report)

    def get_object(self, queryset=None):
        return self.report

    def get_initial(self):
        return {} if self.report.pk else {"dateline": default_dateline(self.event)}

    def get_context_data(self, **kwargs):
        report = self.report
        history = history_of_records(report, report.photos.all()) if report.pk else []
        return super().get_context_data(event=self.event, history=history, **kwargs)

    def form_valid(self, form):
        # A report written in another tab since this form was opened would be overwritten.
        if form.instance.pk and not form.cleaned_data.get("version"):
            form.add_error(None, conflict())
            return self.form_invalid(form)
        if form.instance.author_id is None:
            form.instance.author = self.request.user
        try:
            return super().form_valid(form)
        except IntegrityError:  # both tabs created the report at the same moment
            form.add_error(None, conflict())
            return self.form_invalid(form)

    def get_success_url(self):
        return _detail_url(self.event)


class EventScopedMixin(WorkspaceMixin):
    """The event of the URL: 404 outside the user's regions, then the object's permission.

    ``permission_object`` turns the event into what ``permission_required`` is about.
    """

    def has_permission(self) -> bool:
        user = self.request.user
        if not user.has_perm(self.permission_required):
            return False
        events = visible_to(user, Event.objects.select_related("region"))
        self.event = get_object_or_404(events, pk=self.kwargs["pk"])
        return user.has_perm(self.permission_required, self.permission_object())

    def permission_object(self):
        return Registration(event=self.event)

    def get_context_data(self, **kwargs):
        return super().get_context_data(event=self.event, **kwargs)
