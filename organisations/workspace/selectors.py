"""Reads of organisations, agencies and contact persons, with their joins decided once."""

from django.db.models import QuerySet

from lotsen.core.counting import count_per
from lotsen.core.permissions import visible_to
from lotsen.core.search import german
from organisations.models import Agency, ContactPerson, MigrantOrganisation


def organisations_for(user) -> QuerySet[MigrantOrganisation]:
    """The organisations ``user`` may see in the workspace, ready for a list page."""
    guide_links = MigrantOrganisation.guides.through.objects.all()
    return (
        visible_to(user, MigrantOrganisation.objects.all())
        .select_related("region")
        .prefetch_related("communities", "languages")
        .annotate(
            guide_count=count_per(guide_links, "migrantorganisation"),
            contact_count=count_per(ContactPerson.objects.all(), "organisation"),
        )
        # The order of the index organisations_name_de (migration 0006): the first page is read
        # from it instead of sorting every organisation.
        .order_by(german("name"), "pk")
    )


# --- Cooperating agencies -------------------------------------------------------------------


def agencies_for(user) -> QuerySet[Agency]:
    """The agencies ``user`` may see, each once, ready for a list page.

    An agency spanning several of the user's regions matches once per region; filtering by
    primary key instead of ``DISTINCT`` keeps counting and German sorting simple.
    """
    visible = visible_to(user, Agency.objects.all())
    return (
        Agency.objects.filter(pk__in=visible.values("pk"))
        .prefetch_related("regions")
        .annotate(contact_count=count_per(ContactPerson.objects.all(), "agency"))
        .order_by(german("name"), "pk")  # the index organisations_agency_name_de
    )
