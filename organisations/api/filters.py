"""The workspace list's filters for the API, by the same names; the cursor keeps its order."""

from organisations.workspace.filters import AgencyFilter, OrganisationFilter


class WorkspaceOrganisationFilter(OrganisationFilter):
    order = None  # type: ignore[assignment]


class WorkspaceAgencyFilter(AgencyFilter):
    order = None  # type: ignore[assignment]
