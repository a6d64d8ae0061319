"""Reads of support measures: an organisation's way from its needs to measures and follow-ups."""

import datetime
from dataclasses import dataclass, field

from django.db.models import QuerySet
from django.utils import timezone

from organisations.models import MigrantOrganisation, ProfessionalisationTopic, SupportMeasure


def measures_of(organisation: MigrantOrganisation) -> QuerySet[SupportMeasure]:
    return (
        organisation.support_received.select_related("providing_organisation", "expert")
        .prefetch_related("topics")
        .order_by("received_on", "pk")
    )


@dataclass
class Need:
    topic: ProfessionalisationTopic
    measure_count: int


@dataclass
class TimelineEntry:
    date: datetime.date
    kind: str  # "measure" or "follow_up"
    measure: SupportMeasure
    state: str = ""  # follow-ups: "done", "due" or "planned"


@dataclass
class Timeline:
    needs: list[Need] = field(default_factory=list)
    entries: list[TimelineEntry] = field(default_factory=list)
    # Topics addressed by measures although not (or no longer) ticked as needs.
    other_topics: list[ProfessionalisationTopic] = field(default_factory=list)


def support_timeline(
    organisation: MigrantOrganisation, *, today: datetime.date | None = None
) -> Timeline:
    """Needs first, then every measure and every follow-up in the order of their dates."""
    today = today or timezone.localdate()
    measures = list(measures_of(organisation))
    counts: dict[int, int] = {}
    addressed: dict[int, ProfessionalisationTopic] = {}
    for measure in measures:
        for topic in measure.topics.all():
            counts[topic.pk] = counts.get(topic.pk, 0) + 1
            addressed[topic.pk] = topic
    needs = list(organisation.professionalisation_needs.all())
    need_ids = {topic.pk for topic in needs}
    entries = []
    for measure in measures:
        entries.append(TimelineEntry(measure.received_on, "measure", measure))
        if measure.follow_up_on:
            if measure.follow_up_note:
                state = "done"
            elif measure.follow_up_on <= today:
                state = "due"
            else:
                state = "planned"
            entries.append(TimelineEntry(measure.follow_up_on, "follow_up", measure, state))
    entries.sort(key=lambda entry: (entry.date, entry.kind != "measure", entry.measure.pk))
    return Timeline(
        needs=[Need(topic, counts.get(topic.pk, 0)) for topic in needs],
        entries=entries,
        other_topics=[topic for pk, topic in addressed.items() if pk not in need_ids],
    )
