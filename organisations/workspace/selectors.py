"""Reads of organisations, agencies and contact persons, with their joins decided once."""

from django.db.models import Count, QuerySet

from lotsen.core.permissions import visible_to
from lotsen.core.search import german
from organisations.models import Agency, MigrantOrganisation


def organisations_for(user) -> QuerySet[MigrantOrganisation]:
    """The organisations ``user`` may see in the workspace, ready for a list page."""
    return (
        visible_to(user, MigrantOrganisation.objects.all())
        .select_related("region")
        .prefetch_related("communities", "languages")
        .annotate(
            guide_count=Count("guides", distinct=True),
            contact_count=Count("contact_persons", distinct=True),
        )
        # Grouped queries drop Meta.ordering; pages need a stable order.
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
        .annotate(contact_count=Count("contact_persons"))
        .order_by(german("name"), "pk")
    )
