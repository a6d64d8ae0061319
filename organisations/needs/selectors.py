"""Reads of the needs assessment: the current questionnaire, invitations, and the results
aggregated in the database (a fixed number of queries, whatever the number of answers)."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Avg, Count, Exists, OuterRef, Prefetch, Q, QuerySet

from lotsen.accompaniments.figures import SMALL_CELL
from lotsen.core.permissions import visible_to
from lotsen.core.search import german
from organisations.models import (
    ContactPerson,
    MigrantOrganisation,
    NeedsAnswer,
    NeedsInvitation,
    Question,
    QuestionKind,
    QuestionnaireVersion,
    QuestionOption,
)


def current_version() -> QuestionnaireVersion | None:
    """The version coordinators invite to: the newest one ready to send that has questions."""
    return (
        QuestionnaireVersion.objects.filter(released=True, questions__isnull=False)
        .select_related("questionnaire")
        .order_by("-created_at", "-pk")
        .distinct()
        .first()
    )


def questions_of(version: QuestionnaireVersion) -> list[Question]:
    return list(
        version.questions.prefetch_related(
            Prefetch("options", queryset=QuestionOption.objects.select_related("topic"))
        )
    )


def invitable_organisations(user, version: QuestionnaireVersion) -> QuerySet[MigrantOrganisation]:
    """The active organisations of ``user``'s regions with an email address (their own or a
    contact person's) that have not been invited to ``version`` yet."""
    has_contact_email = Exists(
        ContactPerson.objects.filter(organisation=OuterRef("pk")).exclude(email="")
    )
    invited = NeedsInvitation.objects.filter(organisation=OuterRef("pk"), version=version)
    return (
        visible_to(user, MigrantOrganisation.objects.active())
        .filter(~Q(email="") | has_contact_email)
        .exclude(Exists(invited))
        .select_related("region")
        .prefetch_related("contact_persons")
        .order_by(german("name"), "pk")
    )


def invitations_for(user) -> QuerySet[NeedsInvitation]:
    """The invitations ``user`` may see, newest first, ready for a list page."""
    return (
        visible_to(user, NeedsInvitation.objects.all())
        .select_related("organisation__region", "version__questionnaire")
        .order_by("-created_at", "-pk")
    )


def invitation_for_token(token: str) -> NeedsInvitation | None:
    return (
        NeedsInvitation.objects.select_related("organisation", "version__questionnaire")
        .filter(token=token)
        .first()
    )


def answers_of(invitation: NeedsInvitation) -> dict[int, NeedsAnswer]:
    """The invitation's answers by question pk, chosen options prefetched."""
    answers = invitation.answers.prefetch_related("options")
    return {answer.question_id: answer for answer in answers}


def submitted_of(organisation: MigrantOrganisation) -> list[tuple[NeedsInvitation, list]]:
    """The organisation's submitted questionnaires with (question, answer) pairs, newest
    first, for its workspace page."""
    invitations = list(
        organisation.needs_invitations.filter(submitted_at__isnull=False)
        .select_related("version__questionnaire")
        .prefetch_related(
            "version__questions",
            Prefetch("answers", queryset=NeedsAnswer.objects.prefetch_related("options")),
        )
        .order_by("-submitted_at")
    )
    result = []
    for invitation in invitations:
        by_question = {answer.question_id: answer for answer in invitation.answers.all()}
        pairs = [(q, by_question.get(q.pk)) for q in invitation.version.questions.all()]
        result.append((invitation, pairs))
    return result


# --- Results ------------------------------------------------------------------------------------

# How the results are broken down: the lookup from an answer to its group's name.
DIMENSIONS = {
    "region": "invitation__organisation__region__name",
    "community": "invitation__organisation__communities__name",
    "thematic_field": "invitation__organisation__thematic_fields__name",
}


@dataclass
class QuestionResult:
    question: Question
    groups: list[str]  # the column heads: one per group that answered
    # choice questions: (option label, count per group, total)
    option_rows: list[tuple[str, list[int], int]] = field(default_factory=list)
    # scale questions: (group, count, mean) and the whole as the last row
    scale_rows: list[tuple[str, int, float | None]] = field(default_factory=list)
    scale_distribution: list[int] = field(default_factory=list)  # count of 1, 2, ..., 5
    texts: list[str] = field(default_factory=list)
    text_count: int = 0
    answered: int = 0  # organisations that answered the question

    @property
    def texts_hidden(self) -> bool:
        """Free text of fewer than ``SMALL_CELL`` organisations is not shown: a handful of
        answers could be told apart by who wrote them."""
        return 0 < self.text_count < SMALL_CELL


def results(
    version: QuestionnaireVersion, invitations: QuerySet[NeedsInvitation], dimension: str
) -> list[QuestionResult]:
    """Per question of ``version``, the submitted answers of ``invitations`` counted by
    ``dimension`` (region, community or thematic field). An organisation with several
    communities counts in each of them; the totals count it once. A group without a name
    ("—") holds the organisations without any community or field."""
    group_lookup = DIMENSIONS[dimension]
    submitted = invitations.filter(submitted_at__isnull=False, version=version)
    answers = NeedsAnswer.objects.filter(invitation__in=submitted.values("pk"))
    questions = questions_of(version)

    chosen_by_group = (
        answers.filter(options__isnull=False)
        .values("question_id", "options", group_lookup)
        .annotate(n=Count("invitation_id", distinct=True))
        .order_by()
    )
    chosen_total = (
        answers.filter(options__isnull=False)
        .values("question_id", "options")
        .annotate(n=Count("invitation_id", distinct=True))
        .order_by()
    )
    scale_by_group = (
        answers.filter(scale__isnull=False)
        .values("question_id", group_lookup)
        .annotate(n=Count("invitation_id", distinct=True), mean=Avg("scale"))
        .order_by()
    )
    scale_total = (
        answers.filter(scale__isnull=False)
        .values("question_id", "scale")
        .annotate(n=Count("invitation_id", distinct=True))
        .order_by()
    )
    answered = (
        answers.filter(Q(options__isnull=False) | Q(scale__isnull=False) | ~Q(text=""))
        .values("question_id")
        .annotate(n=Count("invitation_id", distinct=True))
        .order_by()
    )
    texts = (
        answers.exclude(text="").order_by("question_id", "text").values_list("question_id", "text")
    )

    def group_name(row) -> str:
        return row[group_lookup] or "—"

    by_option: dict[int, dict[str, int]] = defaultdict(dict)
    groups_of_question: dict[int, set[str]] = defaultdict(set)
    for row in chosen_by_group:
        by_option[row["options"]][group_name(row)] = row["n"]
        groups_of_question[row["question_id"]].add(group_name(row))
    option_totals = {row["options"]: row["n"] for row in chosen_total}
    scale_groups: dict[int, list[tuple[str, int, float | None]]] = defaultdict(list)
    for row in scale_by_group:
        scale_groups[row["question_id"]].append((group_name(row), row["n"], row["mean"]))
    distribution: dict[int, list[int]] = defaultdict(lambda: [0] * 5)
    for row in scale_total:
        distribution[row["question_id"]][row["scale"] - 1] = row["n"]
    answered_of = {row["question_id"]: row["n"] for row in answered}
    texts_of: dict[int, list[str]] = defaultdict(list)
    for question_id, text in texts:
        texts_of[question_id].append(text)

    output = []
    for question in questions:
        groups = sorted(groups_of_question[question.pk], key=str.casefold)
        result = QuestionResult(
            question=question, groups=groups, answered=answered_of.get(question.pk, 0)
        )
        if question.has_options:
            for option in question.options.all():
                counts = [by_option[option.pk].get(group, 0) for group in groups]
                result.option_rows.append((option.label, counts, option_totals.get(option.pk, 0)))
        elif question.kind == QuestionKind.SCALE:
            rows = sorted(scale_groups[question.pk], key=lambda row: row[0].casefold())
            dist = distribution[question.pk]
            total = sum(dist)
            mean = sum((i + 1) * n for i, n in enumerate(dist)) / total if total else None
            result.scale_rows = [*rows, ("", total, mean)]
            result.scale_distribution = list(dist)
        else:
            result.text_count = len(texts_of[question.pk])
            if not result.texts_hidden:
                result.texts = texts_of[question.pk]
        output.append(result)
    return output


def submitted_count(version: QuestionnaireVersion, invitations: QuerySet[NeedsInvitation]) -> int:
    return invitations.filter(submitted_at__isnull=False, version=version).count()
