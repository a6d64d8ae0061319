"""The workspace list's filters for the API, by the same names; the cursor keeps its order."""

from events.workspace.filters import EventFilter


class WorkspaceEventFilter(EventFilter):
    order = None  # type: ignore[assignment]
