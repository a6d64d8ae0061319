"""Reads of the organisations endpoints: the public directory's selector and the workspace
list's, unchanged, so the API shows what the pages show."""

import datetime

from django.db.models import Max, QuerySet

from lotsen.public.selectors import directory, listed_organisations
from organisations.models import MigrantOrganisation
from organisations.workspace.selectors import organisations_for


def public_directory() -> QuerySet[MigrantOrganisation]:
    return directory()


def directory_changed_at() -> datetime.datetime | None:
    return listed_organisations().order_by().aggregate(newest=Max("updated_at"))["newest"]


def workspace_organisations(user) -> QuerySet[MigrantOrganisation]:
    return organisations_for(user)
