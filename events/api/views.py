from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.response import Response

from events.api import selectors
from events.api.serializers import (
    EventPatchSerializer,
    PublicEventSerializer,
    WorkspaceEventSerializer,
)
from events.api.services import EventNotSaved, update_event
from lotsen.core.api.problems import Conflict
from lotsen.core.api.views import PublicDetailView, PublicListView, WorkspaceMixin


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
    """The events of the workspace list: one's regions' (all for the Landeskoordination)."""

    permission_required = "events.view_event"
    serializer_class = WorkspaceEventSerializer
    ordering = ("-starts_at", "pk")

    def get_queryset(self):
        return selectors.workspace_events(self.request.user)


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
            update_event(event=event, user=request.user, changes=dict(patch.validated_data))
        except EventNotSaved as error:
            if error.conflict:
                raise Conflict(error.errors["version"][0]) from error
            raise serializers.ValidationError(error.errors) from error
        return Response(self.get_serializer(self.get_object()).data)
