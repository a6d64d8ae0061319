"""Changes of the guide's kit: the guide's choices, issuing and revoking attestations."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotsen.models import Attestation, Guide, GuideKit, User

# An attestation is renewed at least every two years, so a clerk never relies on an old paper.
LONGEST_VALIDITY = datetime.timedelta(days=2 * 366)


@transaction.atomic
def save_kit_choices(
    *, guide: Guide, title_form: str, contact: str, sheet_language: str
) -> GuideKit:
    """Store what the guide wants printed; the next download uses it."""
    kit, _created = GuideKit.objects.select_for_update().get_or_create(guide=guide)
    kit.title_form, kit.contact, kit.sheet_language = title_form, contact, sheet_language
    kit.full_clean()
    kit.save()
    return kit


@transaction.atomic
@transaction.atomic
def issue_attestation(*, guide: Guide, issued_by: User, valid_until: datetime.date) -> Attestation:
    """A new attestation for ``guide``, signed by a coordinator of the guide's region, valid
    from today to ``valid_until`` (at most two years).

    The same attestation issued again on the same day (a double click, a reloaded form) is the
    one already there: two valid papers for one guide would only confuse an office.
    """
    if not issued_by.has_perm("lotsen.issue_attestation", guide):
        raise PermissionDenied
    today = timezone.localdate()
    if valid_until < today:
        raise ValidationError(_("The attestation must be valid until today or later."))
    if valid_until > today + LONGEST_VALIDITY:
        raise ValidationError(_("An attestation may be valid for at most two years."))
    Guide.objects.select_for_update().filter(pk=guide.pk).first()  # one issue at a time
    same = Attestation.objects.filter(
        guide=guide, valid_from=today, valid_until=valid_until, revoked_at__isnull=True
    ).first()
    if same is not None:
        return same
    attestation = Attestation(
        guide=guide,
        region_id=guide.region_id,
        issued_by=issued_by,
        valid_from=today,
        valid_until=valid_until,
    )
    attestation.full_clean()
    attestation.save()
    return attestation


@transaction.atomic
def revoke_attestation(*, attestation: Attestation, revoked_by: User) -> Attestation:
    """Mark the attestation revoked from now on; revoking it again changes nothing."""
    if not revoked_by.has_perm("lotsen.revoke_attestation", attestation):
        raise PermissionDenied
    attestation = Attestation.objects.select_for_update().get(pk=attestation.pk)
    if attestation.revoked_at is None:
        attestation.revoked_at = timezone.now()
        attestation.revoked_by = revoked_by
        attestation.save(update_fields=["revoked_at", "revoked_by"])
    return attestation
