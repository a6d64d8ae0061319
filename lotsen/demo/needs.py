"""The demo's needs assessment (Bedarfsermittlung, seed 001): the questionnaire of the
Landeskoordination, sent, and about twenty organisations' submitted answers, so that the
results page, an organisation's page and the interim report show something from the first run;
three more organisations are invited and have not answered yet.

Rows are created directly, not through the services, so that seeding sends no mail. The
questionnaire is found by its title and left alone once it exists; an invitation is found by
organisation and version: a second run changes nothing.
"""

import datetime
import random

from django.utils import timezone

from lotsen.demo.network import DemoNetwork
from organisations.models import (
    NeedsAnswer,
    NeedsInvitation,
    Question,
    QuestionKind,
    Questionnaire,
    QuestionnaireVersion,
    QuestionOption,
)

TITLE = "Bedarfsermittlung Professionalisierung 2014"
INTRO = (
    "Welche Unterstützung braucht Ihre Organisation, um bei Arbeitsmarktthemen aktiv zu "
    "werden? Ihre Antworten helfen der Regionalkoordination, passgenaue Schulungen, Coachings "
    "und Tandems anzubieten. Das Ausfüllen dauert etwa zehn Minuten."
)
# (kind, text, help text, required, options as (label, topic key or ""))
QUESTIONS: tuple[tuple[str, str, str, bool, tuple[tuple[str, str], ...]], ...] = (
    (
        QuestionKind.CHOOSE_SEVERAL,
        "In welchen Bereichen wünscht sich Ihre Organisation Unterstützung?",
        "Mehrere Antworten sind möglich.",
        True,
        (
            ("Vereinsrecht", "vereinsrecht"),
            ("Finanzen und Fördermittel", "finanzierung"),
            ("Projektmanagement", "projekt"),
            ("Öffentlichkeitsarbeit", "oeffentlichkeit"),
            ("Ehrenamtsmanagement", "ehrenamt"),
            ("Vernetzung mit Arbeitsmarktakteuren", "netzwerk"),
        ),
    ),
    (
        QuestionKind.CHOOSE_ONE,
        "Welche Form der Unterstützung passt am besten zu Ihnen?",
        "",
        True,
        (
            ("Schulung", ""),
            ("Coaching", ""),
            ("Tandem mit einer erfahrenen Migrantenorganisation", ""),
            ("Beratung durch den Expertenpool „MO und Arbeitsmarkt“", ""),
        ),
    ),
    (
        QuestionKind.SCALE,
        "Wie gut fühlt sich Ihre Organisation für Arbeitsmarktthemen aufgestellt?",
        "1 = gar nicht, 5 = sehr gut",
        True,
        (),
    ),
    (
        QuestionKind.SCALE,
        "Wie viel Zeit können Ihre Aktiven für Fortbildungen aufbringen?",
        "1 = kaum, 5 = viel",
        False,
        (),
    ),
    (
        QuestionKind.TEXT,
        "Was sollte die Regionalkoordination sonst noch wissen?",
        "",
        False,
        (),
    ),
)
TEXTS = (
    "Wir suchen Unterstützung beim ersten Förderantrag.",
    "Abends und am Wochenende passt es uns am besten.",
    "Eine Schulung auf Türkisch wäre hilfreich.",
    "Wir möchten ein Tandem mit einem erfahrenen Verein.",
    "Unsere Website ist veraltet.",
    "Der Vorstand hat sich neu aufgestellt und braucht eine Einführung.",
)
ANSWERS = 20
OPEN = 3  # invited a few days ago, not answered yet


def questionnaire(network: DemoNetwork) -> QuestionnaireVersion:
    """The demo questionnaire's first version, created with its questions if missing."""
    existing = QuestionnaireVersion.objects.filter(questionnaire__title=TITLE, number=1).first()
    if existing is not None:
        return existing
    version = QuestionnaireVersion.objects.create(
        questionnaire=Questionnaire.objects.create(title=TITLE),
        number=1,
        intro=INTRO,
        released=True,
    )
    topics = network.vocab["topics"]
    for position, (kind, text, help_text, required, options) in enumerate(QUESTIONS):
        question = Question.objects.create(
            version=version,
            position=position,
            kind=kind,
            text=text,
            help_text=help_text,
            required=required,
        )
        for option_position, (label, topic) in enumerate(options):
            QuestionOption.objects.create(
                question=question,
                position=option_position,
                label=label,
                topic=topics[topic] if topic else None,
            )
    return version


def load_needs(network: DemoNetwork, *, now: datetime.datetime | None = None) -> None:
    now = now or timezone.now()
    version = questionnaire(network)
    if version.sent_at is None:
        version.sent_at = now - datetime.timedelta(days=20)
        version.save(update_fields=["sent_at"])
    questions = list(version.questions.prefetch_related("options"))
    # The same "random" answers on every run and every machine.
    rng = random.Random(2014)
    organisations = sorted(network.organisations.values(), key=lambda o: o.name)
    for index, organisation in enumerate(organisations[:ANSWERS]):
        invitation, created = NeedsInvitation.objects.get_or_create(
            organisation=organisation,
            version=version,
            defaults={
                "email": organisation.email or f"mo-{index + 1}@demo.lotsen.de",
                "sent_at": now - datetime.timedelta(days=20),
                "expires_at": now + datetime.timedelta(days=8),
                "first_reminder_at": now - datetime.timedelta(days=13),
                "submitted_at": now - datetime.timedelta(days=rng.randint(1, 12)),
            },
        )
        if created:
            _answer(invitation, questions, rng)
        # The network's loader sets each organisation's needs anew: add the chosen topics back,
        # as a submission does.
        topics = [
            option.topic_id
            for option in QuestionOption.objects.filter(
                answers__invitation=invitation, topic__isnull=False
            )
        ]
        organisation.professionalisation_needs.add(*topics)

    for index, organisation in enumerate(organisations[ANSWERS : ANSWERS + OPEN]):
        NeedsInvitation.objects.get_or_create(
            organisation=organisation,
            version=version,
            defaults={
                "email": organisation.email or f"mo-{ANSWERS + index + 1}@demo.lotsen.de",
                "sent_at": now - datetime.timedelta(days=3),
                "expires_at": now + datetime.timedelta(days=25),
            },
        )


def _answer(invitation: NeedsInvitation, questions: list[Question], rng: random.Random) -> None:
    for question in questions:
        answer = NeedsAnswer.objects.create(invitation=invitation, question=question)
        options = list(question.options.all())
        if question.kind == QuestionKind.CHOOSE_SEVERAL:
            answer.options.set(rng.sample(options, rng.randint(1, 3)))
        elif question.kind == QuestionKind.CHOOSE_ONE:
            answer.options.set([rng.choice(options)])
        elif question.kind == QuestionKind.SCALE:
            answer.scale = rng.randint(1, 5)
            answer.save(update_fields=["scale"])
        elif rng.random() < 0.4:
            answer.text = rng.choice(TEXTS)
            answer.save(update_fields=["text"])
