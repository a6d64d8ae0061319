from lotsen.core.api.views import PublicDetailView, PublicListView
from newsletters.api import selectors
from newsletters.api.serializers import ArchivedIssueSerializer


class ArchiveList(PublicListView):
    """The newsletter archive: sent issues, newest first, with their items and PDF links."""

    serializer_class = ArchivedIssueSerializer
    ordering = ("-number",)

    def get_queryset(self):
        return selectors.archive()

    def last_modified(self):
        return selectors.archive_changed_at()


class ArchiveDetail(PublicDetailView):
    """One sent issue with its items and PDF links."""

    serializer_class = ArchivedIssueSerializer
    lookup_field = "number"

    def get_queryset(self):
        return selectors.archive()

    def last_modified(self):
        return selectors.archive_changed_at()
