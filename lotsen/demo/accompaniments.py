"""Invented, anonymous accompaniments for the demo: about 120 across the demo regions, half in
2014 (the period of the demo's interim report) and half in the last twelve months, so that
the dashboard, the impact page and the report's section "Begleitungen und Wirkung" show
figures from the first run. Nothing in them is about a real person: they are drawn from a
seeded random generator. ``invented`` is shared with the benchmark's synthetic network.
"""

import datetime
import decimal
import random

from lotsen.demo.network import DemoNetwork
from lotsen.models.accompaniments import (
    Accompaniment,
    AccompanimentKind,
    Motivation,
    Outcome,
    Sector,
    Usability,
)
from organisations.models import Language

PER_PERIOD = 60
# The one full calendar year with records (the demo's interim report); the other half lies in
# the twelve months up to the day of seeding.
FULL_YEAR = (datetime.date(2014, 1, 1), datetime.date(2014, 12, 31))
# Weights that make a plausible picture: most accompaniments go to the job centre or into
# recognition, few into founding a business (the seed's "Existenzgründung").
KINDS = (
    (AccompanimentKind.JOBCENTER, 30),
    (AccompanimentKind.RECOGNITION, 25),
    (AccompanimentKind.APPLICATION, 20),
    (AccompanimentKind.LANGUAGE_COURSE, 12),
    (AccompanimentKind.BUSINESS, 6),
    (AccompanimentKind.OTHER, 7),
)
LEVELS = (("none", 8), ("A1", 15), ("A2", 20), ("B1", 25), ("B2", 18), ("C1", 10), ("C2", 4))
OUTCOMES = (
    (Outcome.NO_RESULT_YET, 30),
    (Outcome.IN_WORK, 20),
    (Outcome.IN_TRAINING, 12),
    (Outcome.RECOGNITION_STARTED, 15),
    (Outcome.RECOGNITION_GRANTED, 10),
    (Outcome.REFERRED_ON, 13),
)


def _pick(rng: random.Random, weighted) -> str:
    values = [value for value, _weight in weighted]
    return rng.choices(values, weights=[weight for _value, weight in weighted])[0]


def invented(
    rng: random.Random,
    guides: list[tuple[int, int]],
    days: tuple[datetime.date, datetime.date],
    count: int,
    *,
    sectors: list[int],
    languages: list[int],
) -> list[Accompaniment]:
    """``count`` invented accompaniments by ``guides`` (guide id, region id) between ``days``."""
    first, last = days
    span = (last - first).days
    records = []
    for _ in range(count):
        guide_id, region_id = rng.choice(guides)
        kind = _pick(rng, KINDS)
        records.append(
            Accompaniment(
                guide_id=guide_id,
                region_id=region_id,
                date=first + datetime.timedelta(days=rng.randrange(span + 1)),
                kind=kind,
                language_level=_pick(rng, LEVELS),
                sector_id=rng.choice(sectors) if sectors and rng.random() < 0.9 else None,
                usability=rng.choice(Usability.values),
                motivation=rng.choice(Motivation.values),
                language_id=rng.choice(languages) if languages and rng.random() < 0.6 else None,
                hours=decimal.Decimal(rng.choice((1, 1.5, 2, 2, 3, 4))),
                outcome=_pick(rng, OUTCOMES),
            )
        )
    return records


def load_accompaniments(network: DemoNetwork, *, today: datetime.date) -> int:
    """Add the demo's accompaniments once; a second run adds nothing."""
    # Regions with many guides get many entries, those with few get counts the figures
    # suppress: the demo shows both.
    guides = sorted((guide.pk, guide.region_id) for guide in network.guides.values())
    if not guides or Accompaniment.objects.filter(guide_id__in=[g for g, _r in guides]).exists():
        return 0
    rng = random.Random(2014)
    sectors = list(Sector.objects.order_by("pk").values_list("pk", flat=True))
    languages = list(
        Language.objects.exclude(code__in=["", "de"]).order_by("pk").values_list("pk", flat=True)
    )
    periods = [FULL_YEAR, (today - datetime.timedelta(days=364), today)]
    records = [
        record
        for days in periods
        for record in invented(rng, guides, days, PER_PERIOD, sectors=sectors, languages=languages)
    ]
    Accompaniment.objects.bulk_create(records)
    return len(records)
