"""Needs of the migrant organisations (Bedarfe der Migrantenorganisationen, seed 001): needs
assessments sent and submitted in the period beside the previous period, and the
professionalisation topics the submitted questionnaires name; two queries.

Organisations are not people: their counts are shown as they are.
"""

from django.db.models import Count, Q
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lotsen.core.search import german
from newsletters.reports.figures.base import Figure, FigureGroup, Period, Table
from newsletters.reports.figures.queries import in_period
from organisations.models import NeedsInvitation, QuestionOption


def needs_figures(period: Period) -> FigureGroup:
    previous = period.previous()
    counts = NeedsInvitation.objects.aggregate(
        sent=Count("pk", filter=in_period(period, "sent_at__date")),
        sent_before=Count("pk", filter=in_period(previous, "sent_at__date")),
        submitted=Count("pk", filter=in_period(period, "submitted_at__date")),
        submitted_before=Count("pk", filter=in_period(previous, "submitted_at__date")),
    )
    figures = [
        Figure(
            _("Organisations invited to the needs assessment"),
            counts["sent"],
            counts["sent_before"],
            _(
                "Invitations to the needs assessment sent within the period, one per "
                "organisation and questionnaire version."
            ),
        ),
        Figure(
            _("Needs assessments submitted"),
            counts["submitted"],
            counts["submitted_before"],
            _(
                "Questionnaires organisations submitted through their personal link within "
                "the period."
            ),
        ),
    ]
    submitted_in = in_period(period, "answers__invitation__submitted_at__date")
    submitted_before = in_period(previous, "answers__invitation__submitted_at__date")
    rows = (
        QuestionOption.objects.filter(topic__isnull=False)
        .filter(Q(submitted_in) | Q(submitted_before))
        .order_by()
        .values("topic__name", "topic__name_en")
        .annotate(
            now=Count("answers__invitation", filter=submitted_in, distinct=True),
            before=Count("answers__invitation", filter=submitted_before, distinct=True),
        )
        .order_by(german("topic__name"))
    )
    english = (get_language() or "de").startswith("en")
    table = Table(
        "needs-by-topic",
        _("Professionalisation needs named"),
        _(
            "Organisations that chose the topic in a needs assessment submitted within the "
            "period; an organisation naming several topics counts under each."
        ),
        [_("Topic"), str(period), str(previous)],
        [
            [
                (row["topic__name_en"] if english and row["topic__name_en"] else "")
                or row["topic__name"],
                row["now"],
                row["before"],
            ]
            for row in rows
        ],
    )
    return FigureGroup("needs", _("Needs of the migrant organisations"), figures, [table])
