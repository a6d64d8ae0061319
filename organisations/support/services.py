"""Recording support measures and reminding the coordination of their follow-ups."""

import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from lotsen.core.links import portal_url
from lotsen.core.mail import templated_email
from lotsen.core.roles import Role
from lotsen.core.services import save_form
from lotsen.core.tasks import queue_email
from organisations.models import SupportMeasure
from organisations.support.forms import SupportMeasureForm


@transaction.atomic
def save_measure(*, form: SupportMeasureForm) -> SupportMeasure:
    """Save a measure; a follow-up date that changed is reminded of again on its new day."""
    if "follow_up_on" in form.changed_data:
        form.instance.follow_up_reminded_at = None
    return save_form(form=form)


@transaction.atomic
def delete_measure(*, measure: SupportMeasure) -> None:
    measure.delete()


def _due(today: datetime.date) -> QuerySet[SupportMeasure]:
    return SupportMeasure.objects.filter(
        follow_up_on__lte=today,
        follow_up_reminded_at__isnull=True,
        follow_up_note="",
        organisation__archived_at__isnull=True,
    )


def _coordination_addresses(measure: SupportMeasure) -> list[str]:
    users = measure.organisation.region.coordinators.filter(is_active=True, role=Role.COORDINATOR)
    addresses = list(users.values_list("email", flat=True))
    if addresses:
        return addresses
    # Nobody coordinates the region: the Landeskoordination follows up instead.
    admins = get_user_model().objects.filter(is_active=True, role=Role.ADMIN)
    return list(admins.values_list("email", flat=True))


def send_follow_up_reminders(*, today: datetime.date | None = None, base_url: str = "") -> int:
    """Mail the coordinators of each measure whose follow-up day has come, once per date.

    Returns the number of measures reminded of. Each measure is claimed under a row lock and
    checked again, so two runs at the same time (or a run repeated the same day) send nothing
    twice; a failure to queue the mails rolls the claim back for the next run.
    """
    today = today or timezone.localdate()
    reminded = 0
    for pk in _due(today).order_by("pk").values_list("pk", flat=True):
        with transaction.atomic():
            measure = (
                _due(today)
                .filter(pk=pk)
                .select_for_update(of=("self",))
                .select_related("organisation__region")
                .first()
            )
            if measure is None:
                continue
            link = portal_url(
                reverse("organisations:detail", args=[measure.organisation_id]), base_url
            )
            context = {"measure": measure, "organisation": measure.organisation, "link": link}
            for address in _coordination_addresses(measure):
                queue_email(
                    templated_email(
                        "support/follow_up",
                        to=address,
                        context=context,
                        language=settings.LANGUAGE_CODE,
                    )
                )
            measure.follow_up_reminded_at = timezone.now()
            measure.save(update_fields=["follow_up_reminded_at"])
        reminded += 1
    return reminded
