from django.db import transaction
from django.utils import timezone

from organisations.models import Agency, MigrantOrganisation


@transaction.atomic
def archive(*, obj: MigrantOrganisation | Agency) -> None:
    """Archive instead of deleting, so that reports of past periods keep counting it.

    Archiving twice keeps the first date.
    """
    if obj.archived_at is None:
        obj.archived_at = timezone.now()
        obj.save(update_fields=["archived_at", "updated_at"])


@transaction.atomic
def restore(*, obj: MigrantOrganisation | Agency) -> None:
    obj.archived_at = None
    obj.save(update_fields=["archived_at", "updated_at"])
