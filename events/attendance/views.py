"""Workspace pages around an event's participants: registrations, signature list, attendance."""

from itertools import chain

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView

from events.attendance.forms import AttendanceForm
from events.attendance.services import organiser_names, record_attendance
from events.models import Registration
from events.registrations.selectors import registrations_by_status
from events.workspace.views import EventScopedMixin
from lotsen.core.exports import local_time
from lotsen.core.pdf import pdf_response, render_pdf
from lotsen.core.workspace import ExportMixin

# Walk-ins sign on empty rows at the end of the signature list.
EMPTY_SIGNATURE_ROWS = 10


def _attended(registration: Registration) -> str:
    if registration.attended is None:
        return ""
    return gettext("yes") if registration.attended else gettext("no")


class RegistrationListView(EventScopedMixin, ExportMixin, TemplateView):
    """Who registered: seats, the waiting list in order, cancellations; with their needs."""

    permission_required = "events.view_registration"
    template_name = "events/registration_list.html"
    export_columns = [
        (_("Status"), lambda r: r.get_status_display()),
        (_("Name"), lambda r: r.name),
        (_("Organisation"), lambda r: r.organisation),
        (_("Email address"), lambda r: r.email),
        (_("Interpreting needed into"), lambda r: r.interpreting),
        (_("Accessibility needs"), lambda r: r.accessibility),
        (_("Registered at"), lambda r: local_time(r.created_at)),
        (_("Cancelled at"), lambda r: local_time(r.cancelled_at)),
        (_("Attended"), _attended),
    ]

    @property
    def export_filename(self) -> str:
        return f"anmeldungen-{timezone.localdate(self.event.starts_at).isoformat()}"

    def get_export_rows(self):
        lists = registrations_by_status(self.event)
        return chain(lists["confirmed"], lists["waiting"], lists["cancelled"])

    def get_context_data(self, **kwargs):
        lists = registrations_by_status(self.event)
        capacity = self.event.capacity
        confirmed = len(lists["confirmed"])
        needs = [r for r in chain(lists["confirmed"], lists["waiting"]) if _has_needs(r)]
        return super().get_context_data(
            lists=lists,
            counts={key: len(rows) for key, rows in lists.items()},
            places_left=max(capacity - confirmed, 0) if capacity is not None else None,
            needs=needs,
            started=self.event.starts_at <= timezone.now(),
            may_record=self.request.user.has_perm("events.change_event", self.event),
            **kwargs,
        )


def _has_needs(registration: Registration) -> bool:
    return bool(registration.interpreting or registration.accessibility)


class SignatureListView(EventScopedMixin, View):
    """The list participants sign at the door, which funders ask for, as a PDF."""

    permission_required = "events.view_registration"

    def get(self, request, *args, **kwargs):
        event = self.event
        confirmed = registrations_by_status(event)["confirmed"]
        title = gettext("Signature list – %(title)s") % {"title": event.title}
        pdf = render_pdf(
            "pdf/signature_list.html",
            {
                "event": event,
                "registrations": confirmed,
                "empty_rows": range(len(confirmed) + 1, len(confirmed) + 1 + EMPTY_SIGNATURE_ROWS),
                "organisers": organiser_names(event),
                # The name alone is what templates/pdf/base.html puts into the metadata.
                "publisher": settings.PUBLISHER["name"],
                "imprint": settings.PUBLISHER,
            },
            title=title,
            lang=translation.get_language() or settings.LANGUAGE_CODE,
        )
        day = timezone.localdate(event.starts_at).isoformat()
        return pdf_response(pdf, f"unterschriftenliste-{day}.pdf")


class AttendanceView(EventScopedMixin, FormView):
    """Record afterwards who came: the one place where an event's attendance is entered."""

    permission_required = "events.change_event"
    form_class = AttendanceForm
    template_name = "events/attendance_form.html"

    def permission_object(self):
        return self.event

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.event, "user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(started=self.event.starts_at <= timezone.now(), **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            result = record_attendance(
                event=self.event,
                registrations_attended=data["registrations"],
                organisations=data["attending_organisations"],
                agencies=data["attending_agencies"],
                guides=data["attending_guides"],
                headcount=data["headcount"],
                by=self.request.user,
                version=data.get("version"),
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        parts = [
            ngettext(
                "Attendance at “%(event)s” was saved: %(count)d participant.",
                "Attendance at “%(event)s” was saved: %(count)d participants.",
                result.headcount,
            )
            % {"event": self.event.title, "count": result.headcount}
        ]
        if result.trainings_added:
            parts.append(
                ngettext(
                    "%(count)d guide got the training in their profile.",
                    "%(count)d guides got the training in their profile.",
                    result.trainings_added,
                )
                % {"count": result.trainings_added}
            )
        if result.trainings_removed:
            parts.append(
                ngettext(
                    "The training was removed from %(count)d guide's profile.",
                    "The training was removed from %(count)d guides' profiles.",
                    result.trainings_removed,
                )
                % {"count": result.trainings_removed}
            )
        messages.success(self.request, " ".join(parts))
        return HttpResponseRedirect(reverse("events:detail", args=[self.event.pk]))
