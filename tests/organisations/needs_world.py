"""A small questionnaire and invitations for the needs assessment tests."""

import datetime

from django.utils import timezone

from organisations.models import (
    NeedsInvitation,
    ProfessionalisationTopic,
    Question,
    QuestionKind,
    Questionnaire,
    QuestionnaireVersion,
    QuestionOption,
)


def make_version() -> QuestionnaireVersion:
    version = QuestionnaireVersion.objects.create(
        questionnaire=Questionnaire.objects.create(title="Bedarfsermittlung"),
        number=1,
        released=True,
    )
    topics = Question.objects.create(
        version=version,
        position=0,
        kind=QuestionKind.CHOOSE_SEVERAL,
        text="Where do you need support?",
        required=True,
    )
    for position, name in enumerate(["Vereinsrecht", "Finanzen/Fördermittel", "Vernetzung"]):
        topic, _ = ProfessionalisationTopic.objects.get_or_create(name=name)
        QuestionOption.objects.create(question=topics, position=position, label=name, topic=topic)
    form = Question.objects.create(
        version=version, position=1, kind=QuestionKind.CHOOSE_ONE, text="Which form of support?"
    )
    for position, label in enumerate(["Schulung", "Coaching", "Tandem"]):
        QuestionOption.objects.create(question=form, position=position, label=label)
    Question.objects.create(
        version=version, position=2, kind=QuestionKind.SCALE, text="How ready are you?"
    )
    Question.objects.create(
        version=version, position=3, kind=QuestionKind.TEXT, text="Anything else?"
    )
    return version


def questions(version) -> dict[str, Question]:
    return {q.kind: q for q in version.questions.all()}


def option(version, label: str) -> QuestionOption:
    return QuestionOption.objects.get(question__version=version, label=label)


def invite(version, organisation, *, days_ago: int = 0, email: str = "") -> NeedsInvitation:
    sent = timezone.now() - datetime.timedelta(days=days_ago)
    return NeedsInvitation.objects.create(
        version=version,
        organisation=organisation,
        email=email or organisation.email or f"mo{organisation.pk}@example.org",
        sent_at=sent,
        expires_at=sent + datetime.timedelta(days=28),
    )


def post_data(version, *, topics=(), form="", scale="", text="", action="save") -> dict:
    by_kind = questions(version)
    data = {"action": action}
    data[f"q{by_kind['several'].pk}"] = [str(option(version, label).pk) for label in topics]
    if form:
        data[f"q{by_kind['one'].pk}"] = str(option(version, form).pk)
    data[f"q{by_kind['scale'].pk}"] = str(scale)
    data[f"q{by_kind['text'].pk}"] = text
    return data
