"""Changes to staff accounts; each one is in the account's change history.

Role, name and active state are recorded by django-auditlog when the account is saved. The
regions belong to the region (``Region.coordinators``): adding or removing them is recorded on
each region by auditlog and, here, once more on the account, so that both pages tell it.
"""

from collections.abc import Iterable

from allauth.account.models import EmailAddress
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotsen.accounts.lockout import reset_failed_logins
from lotsen.accounts.mail import queue_account_mail, set_password_link, set_password_valid_days
from lotsen.core.audit import note_event
from lotsen.core.links import portal_url
from lotsen.core.roles import Role
from lotsen.models.accounts import User
from regions.models import Region

STAFF_ROLES = (Role.ADMIN, Role.COORDINATOR)
# The account's history names its regions under this reverse relation (see audit.describe).
REGIONS_FIELD = "coordinated_regions"


def _check_staff_role(role: str) -> None:
    if role not in STAFF_ROLES:
        raise ValidationError(_("Choose Landeskoordination or regional coordination."))


def _keep_one_landeskoordination(user: User, *, role: str, is_active: bool) -> None:
    """Refuse a change that would leave no active account of the Landeskoordination."""
    if user.role != Role.ADMIN or (role == Role.ADMIN and is_active):
        return
    # Locked, so that two admins demoting each other at once cannot both succeed.
    others = list(
        User.objects.select_for_update()
        .filter(role=Role.ADMIN, is_active=True)
        .exclude(pk=user.pk)
        .values_list("pk", flat=True)
    )
    if not others:
        raise ValidationError(
            _(
                "This is the last active account of the Landeskoordination. Invite or activate "
                "another one first, so that someone can still manage the portal."
            ),
            code="last_admin",
        )


def _set_regions(user: User, regions: Iterable[Region]) -> None:
    wanted = {region.pk: region for region in regions}
    current = set(user.coordinated_regions.values_list("pk", flat=True))
    added = [wanted[pk] for pk in wanted.keys() - current]
    removed = list(Region.objects.filter(pk__in=current - wanted.keys()))
    # Through each region, so that the region's own history records it as well.
    for region in added:
        region.coordinators.add(user)
    for region in removed:
        region.coordinators.remove(user)
    if added:
        LogEntry.objects.log_m2m_changes(
            Region.objects.filter(pk__in=[r.pk for r in added]), user, "add", REGIONS_FIELD
        )
    if removed:
        LogEntry.objects.log_m2m_changes(
            Region.objects.filter(pk__in=[r.pk for r in removed]), user, "delete", REGIONS_FIELD
        )


def _send_invitation(user: User, *, invited_by: User, base_url: str) -> None:
    queue_account_mail(
        "staff_invitation",
        to=user.email,
        context={
            "user": user,
            "role": user.get_role_display(),
            "regions": ", ".join(r.name for r in user.coordinated_regions.all()),
            "inviter": invited_by.get_full_name(),
            "link": set_password_link(user, base_url),
            "valid_days": set_password_valid_days(),
        },
    )


@transaction.atomic
def invite_staff(
    *,
    email: str,
    name: str,
    role: str,
    regions: Iterable[Region] = (),
    invited_by: User,
    base_url: str = "",
) -> User:
    """Create a staff account and mail its owner a link to choose a password.

    The account has no usable password and a verified address, so the link (allauth's
    password-reset key) is the only way in. Regions count for coordinators only. Raises
    ``ValidationError`` when the address already has an account.
    """
    _check_staff_role(role)
    email = User.objects.normalize_email(email).strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            _("The address %(email)s already has an account. Find it in the list instead."),
            code="email_taken",
            params={"email": email},
        )
    user = User.objects.create_user(email, None, name=name.strip(), role=role)
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    if role == Role.COORDINATOR:
        _set_regions(user, regions)
    user.invited_at = timezone.now()
    user.save(update_fields=["invited_at"])
    _send_invitation(user, invited_by=invited_by, base_url=base_url)
    return user


@transaction.atomic
def resend_invitation(*, user: User, invited_by: User, base_url: str = "") -> None:
    """Mail a fresh set-password link to someone who has not logged in yet."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.is_active:
        raise ValidationError(
            _("The account is deactivated. Activate it before sending the invitation again."),
            code="inactive",
        )
    if user.last_login is not None:
        raise ValidationError(
            _(
                "%(name)s has logged in already. A forgotten password can be reset with "
                "“Forgot your password?” on the login page."
            ),
            code="logged_in",
            params={"name": user.get_full_name()},
        )
    user.invited_at = timezone.now()
    user.save(update_fields=["invited_at"])
    _send_invitation(user, invited_by=invited_by, base_url=base_url)


@transaction.atomic
def change_account(
    *, user: User, name: str, role: str, regions: Iterable[Region], changed_by: User
) -> User:
    """Change the name, role and regions of a staff account in one step.

    The Landeskoordination works in every region, so an account that becomes one gives up
    its regions. Refused when it would leave no active Landeskoordination.
    """
    _check_staff_role(role)
    user = User.objects.select_for_update().get(pk=user.pk)
    _keep_one_landeskoordination(user, role=role, is_active=user.is_active)
    user.name = name.strip()
    user.role = role
    user.save(update_fields=["name", "role"])
    _set_regions(user, regions if role == Role.COORDINATOR else ())
    return user


@transaction.atomic
def set_active(*, user: User, active: bool, changed_by: User) -> User:
    """Deactivate (no more login, sessions end) or reactivate an account."""
    user = User.objects.select_for_update().get(pk=user.pk)
    _keep_one_landeskoordination(user, role=user.role, is_active=active)
    if user.is_active != active:
        user.is_active = active
        user.save(update_fields=["is_active"])
    return user


def unlock(*, user: User, unlocked_by: User) -> None:
    """Lift the lockout after failed logins, from every address, and tell the owner.

    The mail says who unlocked the account: if the owner did not ask for it, someone else is
    guessing their password.
    """
    reset_failed_logins(user.email)
    with transaction.atomic():
        note_event(user, event="unlocked", actor=unlocked_by)
        queue_account_mail(
            "account_unlocked",
            to=user.email,
            context={
                "user": user,
                "unlocked_by": unlocked_by.get_full_name(),
                "login_link": portal_url(reverse("account_login")),
                "reset_link": portal_url(reverse("account_reset_password")),
            },
        )
