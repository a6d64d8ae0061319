from django.shortcuts import get_object_or_404
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers, status
from rest_framework.response import Response

from events.api import selectors, services
from events.api.filters import WorkspaceEventFilter
from events.api.serializers import (
    AttendanceResultSerializer,
    AttendanceSerializer,
    EventCreateSerializer,
    EventPatchSerializer,
    EventReportReadSerializer,
    EventReportWriteSerializer,
    PublicEventSerializer,
    RegistrationSerializer,
    WorkspaceEventSerializer,
)
from events.models import Event, EventReport, Registration
from lotsen.core.api.problems import Conflict
from lotsen.core.api.views import PublicDetailView, PublicListView, WorkspaceMixin


def _refused(error: services.NotSaved) -> Exception:
    """The API's answer to what the form refused: 409 for a stale version, else 400."""
    if error.conflict:
        return Conflict(next(iter(error.errors.values()))[0])
    return serializers.ValidationError(error.errors)


class PublicEventList(PublicListView):
    """The events of the public calendar, newest first, each with its report once it began."""

    serializer_class = PublicEventSerializer
    ordering = ("-starts_at", "pk")

    def get_queryset(self):
        return selectors.public_events()

    def last_modified(self):
        return selectors.public_events_changed_at()


class PublicEventDetail(PublicDetailView):
    """One event of the public calendar, with its report once it began."""

    serializer_class = PublicEventSerializer

    def get_queryset(self):
        return selectors.public_events()

    def last_modified(self):
        return selectors.public_events_changed_at()


class WorkspaceEventList(WorkspaceMixin, generics.ListAPIView):
    """The events of the workspace list: one's regions' (all for the Landeskoordination);
    POST files a new one as the "new event" page does."""

    permission_required = "events.view_event"
    write_permission_required = "events.add_event"
    serializer_class = WorkspaceEventSerializer
    filterset_class = WorkspaceEventFilter
    ordering = ("-starts_at", "pk")

    def get_queryset(self):
        return selectors.workspace_events(self.request.user)

    @extend_schema(request=EventCreateSerializer, responses={201: WorkspaceEventSerializer})
    def post(self, request, *args, **kwargs):
        facts = EventCreateSerializer(data=request.data)
        facts.is_valid(raise_exception=True)
        try:
            event = services.create_event(user=request.user, values=dict(facts.validated_data))
        except services.NotSaved as error:
            raise _refused(error) from error
        event = self.get_queryset().get(pk=event.pk)
        location = reverse("api:workspace-event", args=[event.pk])
        return Response(
            self.get_serializer(event).data,
            status=status.HTTP_201_CREATED,
            headers={"Location": request.build_absolute_uri(location)},
        )


class WorkspaceEventDetail(WorkspaceMixin, generics.RetrieveAPIView):
    """One event of one's regions; PATCH changes its facts as the edit page would."""

    permission_required = "events.view_event"
    write_permission_required = "events.change_event"
    serializer_class = WorkspaceEventSerializer
    http_method_names = ["get", "head", "patch", "options"]

    def get_queryset(self):
        return selectors.workspace_events(self.request.user)

    @extend_schema(request=EventPatchSerializer, responses=WorkspaceEventSerializer)
    def patch(self, request, *args, **kwargs):
        event = self.get_object()
        patch = EventPatchSerializer(data=request.data, partial=True)
        patch.is_valid(raise_exception=True)
        try:
            services.update_event(
                event=event, user=request.user, changes=dict(patch.validated_data)
            )
        except services.NotSaved as error:
            raise _refused(error) from error
        return Response(self.get_serializer(self.get_object()).data)


class EventScopedView(WorkspaceMixin, generics.GenericAPIView):
    """An endpoint under one event of one's regions: another region's event answers 404, then
    the permission is asked about ``permission_object``."""

    def get_event(self) -> Event:
        event = get_object_or_404(
            self.scoped(Event.objects.select_related("region")), pk=self.kwargs["pk"]
        )
        self.check_object_permissions(self.request, self.permission_object(event))
        return event

    def permission_object(self, event: Event):
        return event


class WorkspaceEventReport(EventScopedView):
    """The event's report: GET reads it (404 before one is written), PUT writes or replaces it
    as the report page does (replacing needs the version last read)."""

    permission_required = "events.view_eventreport"
    write_permission_required = "events.change_eventreport"
    serializer_class = EventReportReadSerializer
    http_method_names = ["get", "head", "put", "options"]

    def permission_object(self, event):
        return EventReport.objects.filter(event=event).first() or EventReport(event=event)

    def get(self, request, *args, **kwargs):
        report = get_object_or_404(EventReport, event=self.get_event())
        return Response(self.get_serializer(report).data)

    @extend_schema(request=EventReportWriteSerializer, responses=EventReportReadSerializer)
    def put(self, request, *args, **kwargs):
        event = self.get_event()
        values = EventReportWriteSerializer(data=request.data)
        values.is_valid(raise_exception=True)
        written = dict(values.validated_data)
        version = written.pop("version", None)
        try:
            report = services.save_report(
                event=event, user=request.user, values=written, version=version
            )
        except services.NotSaved as error:
            raise _refused(error) from error
        return Response(self.get_serializer(report).data)


class WorkspaceRegistrationList(EventScopedView, generics.ListAPIView):
    """Who registered for the event (personal data: workspace tokens only)."""

    permission_required = "events.view_registration"
    serializer_class = RegistrationSerializer
    ordering = ("created_at", "pk")
    queryset = Registration.objects.none()  # for the schema; ``get_queryset`` decides

    def permission_object(self, event):
        return Registration(event=event)

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator, without a URL
            return self.queryset
        return Registration.objects.filter(event=self.get_event())


class WorkspaceAttendance(EventScopedView):
    """PUT records which confirmed registrations came, as the attendance page does."""

    permission_required = "events.change_event"
    serializer_class = AttendanceResultSerializer
    http_method_names = ["put", "options"]

    @extend_schema(request=AttendanceSerializer, responses=AttendanceResultSerializer)
    def put(self, request, *args, **kwargs):
        event = self.get_event()
        attendance = AttendanceSerializer(data=request.data)
        attendance.is_valid(raise_exception=True)
        try:
            result = services.record_attendance_from(
                event=event, user=request.user, **attendance.validated_data
            )
        except services.NotSaved as error:
            raise _refused(error) from error
        return Response(self.get_serializer(result).data)
