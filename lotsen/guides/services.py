import datetime

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from auditlog.signals import accessed
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.signing import TimestampSigner
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotsen.accounts.mail import queue_account_mail, set_password_link, set_password_valid_days
from lotsen.core.links import portal_url
from lotsen.core.roles import Role
from lotsen.core.services import save_form
from lotsen.core.status_history import record_status_change
from lotsen.guides.selectors import contact_note_entries, due_for_reminder, log_entries_of
from lotsen.models.accounts import User
from lotsen.models.guides import Guide, GuideStatus, GuideStatusChange


@transaction.atomic
def set_guide_status(
    *,
    guide: Guide,
    status: GuideStatus | str,
    valid_from: datetime.date,
    note: str = "",
    recorded_by=None,
) -> GuideStatusChange:
    """Record the guide's status from ``valid_from`` on, keeping the history.

    Raises ``ValidationError`` for a date in the future.
    """
    return record_status_change(
        history=GuideStatusChange,
        owner="guide",
        instance=guide,
        status=GuideStatus(status),
        valid_from=valid_from,
        note=note,
        recorded_by=recorded_by,
    )


# --- Guides: workspace and profile ----------------------------------------------------------


@transaction.atomic
def save_guide(
    *,
    form: "forms.ModelForm[Guide]",
    languages: forms.BaseInlineFormSet,
    initial_status: GuideStatus | str | None = None,
    recorded_by=None,
) -> Guide:
    """Save a guide's form and language formset together, or nothing at all.

    The form goes through ``save_form`` (refusing a conflicting edit); a new guide gets
    ``initial_status`` from today on.
    """
    guide = save_form(form=form)
    languages.instance = guide
    languages.save()
    if initial_status:
        set_guide_status(
            guide=guide,
            status=initial_status,
            valid_from=timezone.localdate(),
            recorded_by=recorded_by,
        )
    return guide


@transaction.atomic
def save_profile(*, form: "forms.ModelForm[Guide]", languages: forms.BaseInlineFormSet) -> Guide:
    """Save the guide's own edit of their profile; saving it also confirms it is current.

    A replaced or removed photo is deleted from storage once the change is committed.
    """
    old_photo = Guide.objects.filter(pk=form.instance.pk).values_list("photo", flat=True).first()
    form.instance.profile_confirmed_at = timezone.now()
    guide = save_form(form=form)
    languages.instance = guide
    languages.save()
    if old_photo and old_photo != guide.photo.name:
        storage = guide.photo.storage
        transaction.on_commit(lambda: storage.delete(old_photo))
    return guide


@transaction.atomic
def confirm_profile(*, guide: Guide) -> None:
    """Record that the guide confirmed their profile as current, now.

    Written without touching ``updated_at``, so a form opened before does not turn into a
    conflict.
    """
    Guide.objects.filter(pk=guide.pk).update(profile_confirmed_at=timezone.now())


@transaction.atomic
def request_deletion(*, guide: Guide) -> None:
    """Record the guide's wish to have their data deleted (once; repeating keeps the date)."""
    Guide.objects.filter(pk=guide.pk, deletion_requested_at__isnull=True).update(
        deletion_requested_at=timezone.now()
    )


@transaction.atomic
def withdraw_deletion_request(*, guide: Guide) -> None:
    Guide.objects.filter(pk=guide.pk).update(deletion_requested_at=None)


@transaction.atomic
def erase_guide(*, guide: Guide) -> None:
    """Delete a guide with every piece of personal data the portal holds about them.

    Gone in one transaction: the profile with languages, status history, trainings and event
    attendance, the account with its email addresses, the change-history entries about the
    profile, and the guide's name in the attendance history of events. The photo file is
    deleted once that has been committed. Figures already published stay as they were.
    """
    guide = Guide.objects.select_for_update(of=("self",)).select_related("user").get(pk=guide.pk)
    name = guide.full_name
    user = guide.user
    photo = guide.photo.name
    storage = guide.photo.storage
    entries = list(log_entries_of(guide).values_list("pk", flat=True))
    # The contact log's notes go with the profile (CASCADE), their history with them.
    entries += list(contact_note_entries(guide).values_list("pk", flat=True))
    with disable_auditlog():
        guide.delete()
        if user is not None:
            LogEntry.objects.filter(actor=user).update(actor=None, actor_email=None)
            # The account's own history (name, address) goes with it.
            LogEntry.objects.get_for_object(user).delete()
            user.delete()
    LogEntry.objects.filter(pk__in=entries).delete()
    _forget_attendance(name)
    if photo:
        transaction.on_commit(lambda: storage.delete(photo))


def _forget_attendance(name: str) -> None:
    """Replace ``name`` in the recorded changes of events' attending guides."""
    event_type = ContentType.objects.get(app_label="events", model="event")
    erased = str(_("(deleted guide)"))
    for entry in LogEntry.objects.filter(
        content_type=event_type, changes__has_key="attending_guides"
    ).only("pk", "changes"):
        change = entry.changes["attending_guides"]
        objects = change.get("objects", []) if isinstance(change, dict) else []
        if name in objects:
            change["objects"] = [erased if obj == name else obj for obj in objects]
            LogEntry.objects.filter(pk=entry.pk).update(changes=entry.changes)


# --- Invitation -----------------------------------------------------------------------------


@transaction.atomic
def invite_guide(*, guide: Guide, invited_by, base_url: str = ""):
    """Give the guide an account (once) and mail them a link to set their password.

    The account gets the guide role, no usable password and a verified email address, so the
    link (allauth's password-reset key) is the only way in. Inviting again re-sends the link
    to the same account. Raises ``ValidationError`` when the guide has no email address or the
    address belongs to someone else's account.
    """
    from allauth.account.models import EmailAddress

    guide = Guide.objects.select_for_update(of=("self",)).select_related("user").get(pk=guide.pk)
    user = guide.user
    if user is None:
        if not guide.email:
            raise ValidationError(
                _(
                    "%(name)s has no email address. Add one to the profile, then send the "
                    "invitation."
                ),
                code="no_email",
                params={"name": guide.full_name},
            )
        user = User.objects.filter(email__iexact=guide.email).first()
        if user is not None and (user.role != Role.GUIDE or hasattr(user, "guide")):
            raise ValidationError(
                _(
                    "The address %(email)s already belongs to another account. Please check "
                    "the guide's email address."
                ),
                code="email_taken",
                params={"email": guide.email},
            )
        if user is None:
            user = User.objects.create_user(guide.email, None, name=guide.full_name)
        guide.user = user
    if not user.is_active:
        raise ValidationError(
            _(
                "The account of %(name)s is deactivated. The Landeskoordination can activate "
                "it again."
            ),
            code="inactive",
            params={"name": guide.full_name},
        )
    address, _created = EmailAddress.objects.get_or_create(
        user=user, email__iexact=user.email, defaults={"email": user.email}
    )
    if not (address.verified and address.primary):
        address.verified = True
        address.primary = True
        address.save(update_fields=["verified", "primary"])
    guide.invited_at = timezone.now()
    guide.save(update_fields=["user", "invited_at"])

    queue_account_mail(
        "guide_invitation",
        to=user.email,
        context={
            "guide": guide,
            "inviter": invited_by.get_full_name(),
            "link": set_password_link(user, base_url),
            "valid_days": set_password_valid_days(),
            "account_exists": user.has_usable_password(),
        },
    )
    return user


# --- Freshness ------------------------------------------------------------------------------

CONFIRM_LINK_VALID_FOR = datetime.timedelta(days=30)
_CONFIRM_SALT = "lotsen.profile-confirmation"


def profile_confirmation_token(guide: Guide) -> str:
    """A signed token that lets whoever holds it confirm this one profile for 30 days."""
    return TimestampSigner(salt=_CONFIRM_SALT).sign(str(guide.pk))


def guide_for_confirmation_token(token: str) -> Guide | None:
    """The guide of a valid, unexpired token; ``None`` for anything else."""
    try:
        pk = TimestampSigner(salt=_CONFIRM_SALT).unsign(token, max_age=CONFIRM_LINK_VALID_FOR)
    except signing.BadSignature:  # includes SignatureExpired
        return None
    return Guide.objects.filter(pk=pk).first() if pk.isdigit() else None


def send_profile_reminders(*, now: datetime.datetime | None = None) -> int:
    """Mail every guide whose profile is due for confirmation; returns how many were mailed.

    Each guide is locked, checked again and marked as reminded in its own transaction, and
    the mail leaves after that commits: two runs at the same time remind nobody twice.
    """
    now = now or timezone.now()
    sent = 0
    for pk in list(due_for_reminder(now).values_list("pk", flat=True)):
        with transaction.atomic():
            guide = due_for_reminder(now).select_for_update(of=("self",)).filter(pk=pk).first()
            if guide is None:
                continue
            assert guide.user is not None  # due_for_reminder() takes only guides with an account
            Guide.objects.filter(pk=pk).update(profile_reminder_sent_at=now)
            token = profile_confirmation_token(guide)
            queue_account_mail(
                "profile_reminder",
                to=guide.user.email,
                context={
                    "guide": guide,
                    "confirm_link": portal_url(reverse("guides:confirm-profile", args=[token])),
                    "profile_link": portal_url(reverse("guides:profile-edit")),
                    "valid_days": CONFIRM_LINK_VALID_FOR.days,
                },
            )
            sent += 1
    return sent


# --- Reads of the full profile ----------------------------------------------------------------


def record_profile_read(*, guide: Guide, reader) -> None:
    """Log that ``reader`` opened the guide's full profile in the workspace (who and when).

    The entry joins the guide's change history, so coordinators, the Landeskoordination and the
    guide's data export all see who looked. The guide reading their own profile is not logged.
    """
    if guide.user_id is not None and guide.user_id == reader.pk:
        return
    # auditlog's access entry takes the actor from the request (AuditlogMiddleware).
    accessed.send(sender=Guide, instance=guide)
