from rest_framework import generics

from lotsen.core.api.views import PublicDetailView, PublicListView, WorkspaceMixin
from lotsen.public.filters import DirectoryFilter
from organisations.api import selectors
from organisations.api.serializers import (
    DirectoryEntrySerializer,
    WorkspaceOrganisationSerializer,
)


class DirectoryList(PublicListView):
    """The public directory: organisations listed with their consent and not archived."""

    serializer_class = DirectoryEntrySerializer
    filterset_class = DirectoryFilter  # the directory page's filters, by the same names
    ordering = ("name", "pk")

    def get_queryset(self):
        return selectors.public_directory()

    def last_modified(self):
        return selectors.directory_changed_at()


class DirectoryDetail(PublicDetailView):
    """One organisation of the public directory."""

    serializer_class = DirectoryEntrySerializer

    def get_queryset(self):
        return selectors.public_directory()

    def last_modified(self):
        return selectors.directory_changed_at()


class WorkspaceOrganisationList(WorkspaceMixin, generics.ListAPIView):
    """The organisations of the workspace list: one's regions' (all for the Landeskoordination)."""

    permission_required = "organisations.view_migrantorganisation"
    serializer_class = WorkspaceOrganisationSerializer
    ordering = ("name", "pk")

    def get_queryset(self):
        return selectors.workspace_organisations(self.request.user)


class WorkspaceOrganisationDetail(WorkspaceMixin, generics.RetrieveAPIView):
    """One organisation of one's regions, as the workspace shows it."""

    permission_required = "organisations.view_migrantorganisation"
    serializer_class = WorkspaceOrganisationSerializer

    def get_queryset(self):
        return selectors.workspace_organisations(self.request.user)
