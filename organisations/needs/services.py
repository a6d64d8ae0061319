"""Changes of the needs assessment: new questionnaire versions, invitations, answers and
reminders.

Each service runs in one transaction; mails are queued and leave only when it commits. Answers
are saved with the invitation's row locked, so a draft saved in one tab and a submission in
another are decided one after the other, and nothing changes after the submission.
"""

import datetime
from collections.abc import Iterable, Mapping

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotsen.core.links import portal_url
from lotsen.core.mail import templated_email
from lotsen.core.tasks import queue_email
from organisations.models import (
    MigrantOrganisation,
    NeedsAnswer,
    NeedsInvitation,
    Question,
    QuestionKind,
    QuestionnaireVersion,
    QuestionOption,
)

# How long a personal link stays open, and when those who have not answered hear again.
VALID_FOR = datetime.timedelta(days=28)
FIRST_REMINDER_AFTER = datetime.timedelta(days=7)
SECOND_REMINDER_AFTER = datetime.timedelta(days=14)


class NeedsError(ValidationError):
    """A change the invitation's state does not allow; nothing was saved."""


def contact_email(organisation: MigrantOrganisation) -> str:
    """Where an organisation's invitation goes: its own address, else its first contact
    person with one (contact persons prefetched or not)."""
    if organisation.email:
        return organisation.email
    for person in organisation.contact_persons.all():
        if person.email:
            return person.email
    return ""


def _mail(template: str, invitation: NeedsInvitation, base_url: str) -> None:
    link = portal_url(reverse("needs:answer", args=[invitation.token]), base_url)
    queue_email(
        templated_email(
            f"needs/{template}",
            to=invitation.email,
            context={"invitation": invitation, "organisation": invitation.organisation,
                     "link": link, "expires_at": invitation.expires_at},
            language=settings.LANGUAGE_CODE,
        )
    )  # fmt: skip


# --- The questionnaire --------------------------------------------------------------------------


@transaction.atomic
def new_version(*, version: QuestionnaireVersion) -> QuestionnaireVersion:
    """A new, unsent draft with copies of ``version``'s questions and options: the way to
    edit a questionnaire whose version has been sent (which never changes). Coordinators go on
    inviting to the older version until the draft is marked ready to send."""
    questionnaire = version.questionnaire
    number = (questionnaire.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    copy = QuestionnaireVersion.objects.create(
        questionnaire=questionnaire, number=number, intro=version.intro
    )
    for question in version.questions.prefetch_related("options"):
        options = list(question.options.all())
        question_copy = Question.objects.create(
            version=copy,
            position=question.position,
            kind=question.kind,
            text=question.text,
            help_text=question.help_text,
            required=question.required,
        )
        for option in options:
            QuestionOption.objects.create(
                question=question_copy,
                position=option.position,
                label=option.label,
                topic=option.topic,
            )
    return copy


# --- Invitations --------------------------------------------------------------------------------


@transaction.atomic
def invite(
    *,
    version: QuestionnaireVersion,
    organisations: Iterable[MigrantOrganisation],
    invited_by=None,
    now: datetime.datetime | None = None,
    base_url: str = "",
) -> list[NeedsInvitation]:
    """Invite each organisation (the caller has checked they are the user's) to ``version``
    and mail its personal link. An organisation already invited to this version, or without
    any email address, is skipped: each gets one invitation per version. The version is frozen
    from now on."""
    now = now or timezone.now()
    version = QuestionnaireVersion.objects.select_for_update().get(pk=version.pk)
    if not version.released or not version.questions.exists():
        raise NeedsError(_("This version is not ready to send yet."), code="draft")
    already = set(version.invitations.values_list("organisation_id", flat=True))
    created = []
    for organisation in organisations:
        email = contact_email(organisation)
        if organisation.pk in already or not email:
            continue
        invitation = NeedsInvitation.objects.create(
            version=version,
            organisation=organisation,
            email=email,
            invited_by=invited_by,
            sent_at=now,
            expires_at=now + VALID_FOR,
        )
        _mail("invitation", invitation, base_url)
        created.append(invitation)
    if created and version.sent_at is None:
        version.sent_at = now
        version.save(update_fields=["sent_at"])
    return created


# --- Answers ------------------------------------------------------------------------------------

AnswerValue = list[QuestionOption] | QuestionOption | int | str | None


def _store(invitation: NeedsInvitation, question: Question, value: AnswerValue) -> None:
    answer, _created = NeedsAnswer.objects.get_or_create(invitation=invitation, question=question)
    if question.kind == QuestionKind.SCALE:
        answer.scale = value if isinstance(value, int) else None
        answer.save(update_fields=["scale"])
    elif question.kind == QuestionKind.TEXT:
        answer.text = (value if isinstance(value, str) else "").strip()
        answer.save(update_fields=["text"])
    else:
        if isinstance(value, QuestionOption):
            chosen = [value]
        elif isinstance(value, list):
            chosen = value
        else:
            chosen = []
        if any(option.question_id != question.pk for option in chosen):
            raise NeedsError(_("An answer does not belong to its question."), code="foreign")
        answer.options.set(chosen)


def _is_empty(value: AnswerValue) -> bool:
    return value is None or value == "" or value == []


@transaction.atomic
def save_answers(
    *,
    invitation: NeedsInvitation,
    values: Mapping[int, AnswerValue],
    submit: bool,
    now: datetime.datetime | None = None,
) -> NeedsInvitation:
    """Save the answers given through the personal link (``values``: question pk → value).

    A draft keeps whatever was given; submitting needs every required question answered,
    happens once, and adds the professionalisation topics chosen to the organisation's needs
    (none are removed). After the submission, or once the link expired, nothing changes."""
    now = now or timezone.now()
    invitation = (
        NeedsInvitation.objects.select_for_update(of=("self",))
        .select_related("organisation")
        .get(pk=invitation.pk)
    )
    if invitation.is_submitted:
        raise NeedsError(
            _("This questionnaire has already been submitted and can no longer be changed."),
            code="submitted",
        )
    if invitation.is_expired(now):
        raise NeedsError(_("This link has expired."), code="expired")
    questions = list(invitation.version.questions.all())
    if submit:
        missing = [q.text for q in questions if q.required and _is_empty(values.get(q.pk))]
        if missing:
            raise NeedsError(
                _("Please answer every required question: %(questions)s")
                % {"questions": "; ".join(missing)},
                code="required",
            )
    for question in questions:
        _store(invitation, question, values.get(question.pk))
    if submit:
        invitation.submitted_at = now
        invitation.save(update_fields=["submitted_at", "updated_at"])
        topics = {
            option.topic_id
            for option in QuestionOption.objects.filter(
                answers__invitation=invitation, topic__isnull=False
            )
            if option.topic_id is not None
        }
        if topics:
            invitation.organisation.professionalisation_needs.add(*topics)
    return invitation


# --- Reminders ----------------------------------------------------------------------------------


def _open(now: datetime.datetime):
    return NeedsInvitation.objects.filter(
        submitted_at__isnull=True, sent_at__isnull=False, expires_at__gt=now
    )


def send_reminders(*, now: datetime.datetime | None = None, base_url: str = "") -> int:
    """Remind each open invitation 7 and 14 days after it was sent, each reminder once.

    Every reminder is claimed by a conditional UPDATE before its mail is queued: of two runs at
    the same time only one finds the timestamp still empty, so none is sent twice. Submitted
    and expired invitations are not reminded. Returns the number of reminders sent."""
    now = now or timezone.now()
    sent = 0
    # The second reminders first: an invitation claiming its first one in this run must not
    # get its second in the same run.
    stages = [
        ("second_reminder_at", SECOND_REMINDER_AFTER, {"first_reminder_at__isnull": False}),
        ("first_reminder_at", FIRST_REMINDER_AFTER, {}),
    ]
    claimed_now: set[int] = set()
    for field, after, extra in stages:
        due = (
            _open(now)
            .filter(sent_at__lte=now - after, **{f"{field}__isnull": True}, **extra)
            .exclude(pk__in=claimed_now)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        for pk in list(due):
            with transaction.atomic():
                claimed = (
                    _open(now).filter(pk=pk, **{f"{field}__isnull": True}).update(**{field: now})
                )
                if not claimed:
                    continue
                invitation = NeedsInvitation.objects.select_related("organisation").get(pk=pk)
                _mail("reminder", invitation, base_url)
            claimed_now.add(pk)
            sent += 1
    return sent
