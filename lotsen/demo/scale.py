"""A synthetic network N times the demo's size, on top of the demo, for benchmarks.

Each numbered unit mirrors the demo's proportions: 16 regions (10 binding, 2 interested,
4 in talks) with their regional agencies, 30 organisations, 43 guides and 100 events spread
over 2013-2027, with status histories, languages, vocabularies, attendance, reports and
trainings. A unit's regions mark it as present: a second run skips it, a larger N adds only
the missing units. Rows go in with ``bulk_create`` (services per row would take minutes at
N=100); the caller's transaction makes a unit all or nothing.
"""

import datetime
import random
import zoneinfo
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.db import models, reset_queries
from django.utils import timezone

from events.models import Event, EventKind, EventReport
from lotsen.core.status_history import refresh_current_status
from lotsen.demo.accompaniments import FULL_YEAR, PER_PERIOD, invented
from lotsen.demo.network import published_parts
from lotsen.models.accompaniments import Accompaniment, Sector
from lotsen.models.guides import (
    CompletedTraining,
    ExpertiseArea,
    Guide,
    GuideLanguage,
    GuideStatus,
    GuideStatusChange,
)
from organisations.models import (
    Agency,
    AgencyKind,
    Community,
    Language,
    LegalForm,
    MigrantOrganisation,
    OrganisationRole,
    ProfessionalisationTopic,
    ThematicField,
)
from regions.models import CooperationStatus, FederalState, Region, RegionKind, RegionStatusChange

REGIONS_PER_UNIT = 16
BINDING_PER_UNIT = 10  # regions 0-9; 10-11 interested, 12-15 in talks, as on 2014-03-01
ORGANISATIONS_PER_REGION = 3  # in binding regions only: 30 per unit
EXTRA_GUIDES = 13  # the first 13 organisations have two guides: 43 per unit
EVENTS_PER_UNIT = 100
SLUG_PREFIX = "synthetische-region-"
BATCH_SIZE = 1000
UNITS_PER_CHUNK = 25  # bounds memory; each chunk is a handful of bulk inserts per table

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
FIRST_EVENT_DAY = datetime.date(2013, 1, 1)
LAST_EVENT_DAY = datetime.date(2027, 12, 31)

# community, mother tongue, first names, last names
COMMUNITY_PROFILES = tuple(
    (community, language, tuple(first.split()), tuple(last.split()))
    for community, language, first, last in (
        ("türkisch", "tr", "Ayşe Mehmet Elif Emre Zeynep", "Yılmaz Kaya Demir Şahin Çelik"),
        ("arabisch", "ar", "Fatima Ahmad Layla Yusuf Rania", "Haddad Khalil Saleh Nasser Aziz"),
        ("bosnisch", "bs", "Amra Edin Lejla Haris Selma", "Hodžić Mujić Begić Delić Kovač"),
        ("griechisch", "el", "Eleni Nikos Maria Giorgos Sofia", "Georgiou Nikolaou Ioannou"),
        ("italienisch", "it", "Giulia Marco Francesca Luca", "Russo Romano Esposito Ricci"),
        ("polnisch", "pl", "Anna Tomasz Katarzyna Piotr", "Nowak Kowalski Wójcik Zając"),
        ("portugiesisch", "pt", "Ana João Beatriz Pedro Inês", "Ferreira Pereira Santos Costa"),
        ("russlanddeutsch", "ru", "Natalia Viktor Olga Sergej Irina", "Becker Wolf Meier Fischer"),
        ("tamilisch", "ta", "Kavitha Suresh Priya Ravi Meena", "Sivakumar Rajendran Kumar"),
        ("kurdisch", "ku", "Rojda Azad Berfin Dilan Serhat", "Baran Tekin Ekinci Doğan"),
        ("albanisch", "sq", "Arben Drita Besnik Liridona Valon", "Krasniqi Gashi Berisha Shala"),
        ("iranisch", "fa", "Shirin Reza Parisa Amir Neda", "Rahimi Karimi Ahmadi Moradi"),
        ("afrikanisch", "fr", "Fatou Amadou Aminata Moussa Awa", "Diallo Ndiaye Sow Traoré Diop"),
    )
)
CITIES = (
    "Aachen", "Arnsberg", "Bielefeld", "Bochum", "Bonn", "Bottrop", "Dortmund", "Duisburg",
    "Düren", "Düsseldorf", "Essen", "Gelsenkirchen", "Gütersloh", "Hagen", "Hamm", "Herne",
    "Iserlohn", "Köln", "Krefeld", "Leverkusen", "Lüdenscheid", "Meschede", "Moers",
    "Mönchengladbach", "Mülheim an der Ruhr", "Münster", "Neuss", "Oberhausen", "Paderborn",
    "Recklinghausen", "Remscheid", "Siegen", "Solingen", "Witten", "Wuppertal",
)  # fmt: skip
EVENT_KINDS = (  # kind, title, weight
    (EventKind.NETWORK_MEETING, "Netzwerktreffen", 30),
    (EventKind.INFORMATION, "Informationsveranstaltung", 20),
    (EventKind.TRAINING, "Qualifizierung", 20),
    (EventKind.KICK_OFF, "Auftaktveranstaltung", 10),
    (EventKind.EXCHANGE_WORKSHOP, "Austauschworkshop", 8),
    (EventKind.CONFERENCE, "Fachtagung", 8),
    (EventKind.CLOSING_CONFERENCE, "Abschlusstagung", 4),
)
STATEWIDE_KINDS = {EventKind.CONFERENCE, EventKind.CLOSING_CONFERENCE}
REPORTED_KINDS = {
    EventKind.KICK_OFF,
    EventKind.INFORMATION,
    EventKind.EXCHANGE_WORKSHOP,
    EventKind.NETWORK_MEETING,
}
LEVELS = ("B1", "B2", "C1", "C2")


@dataclass
class Vocab:
    """Primary keys of the demo's vocabularies, which the synthetic rows point at."""

    languages: dict[str, int]
    communities: dict[str, int]
    fields: list[int]
    roles: list[int]
    topics: list[int]
    expertise: list[int]

    @classmethod
    def load(cls) -> "Vocab":
        def pks(model: type[models.Model]) -> list[int]:
            return list(model.objects.order_by("pk").values_list("pk", flat=True))

        return cls(
            languages=dict(Language.objects.exclude(code="").values_list("code", "pk")),
            communities=dict(Community.objects.values_list("name", "pk")),
            fields=pks(ThematicField),
            roles=pks(OrganisationRole),
            topics=pks(ProfessionalisationTopic),
            expertise=pks(ExpertiseArea),
        )


@dataclass
class Unit:
    """One synthetic unit while it is being built; rows get their keys stage by stage."""

    number: int
    rng: random.Random
    regions: list[Region] = field(default_factory=list)
    binding_on: dict[int, datetime.date] = field(default_factory=dict)  # region index -> day
    agencies: list[Agency] = field(default_factory=list)
    organisations: list[tuple[MigrantOrganisation, int, tuple]] = field(default_factory=list)
    guides_by_org: dict[int, list[Guide]] = field(default_factory=dict)


def existing_units() -> set[int]:
    """Numbers of the units already in the database."""
    slugs = Region.objects.filter(slug__startswith=SLUG_PREFIX).values_list("slug", flat=True)
    return {int(slug.removeprefix(SLUG_PREFIX).split("-")[0]) for slug in slugs}


def scale_up(*, units: int, today: datetime.date | None = None) -> Counter:
    """Make sure synthetic units 1..``units`` exist; return the rows created, by model.

    Existing units are left alone, so the same ``units`` twice creates nothing.
    """
    today = today or timezone.localdate()
    missing = sorted(set(range(1, units + 1)) - existing_units())
    created: Counter = Counter()
    if not missing:
        return created
    vocab = Vocab.load()
    for start in range(0, len(missing), UNITS_PER_CHUNK):
        chunk = [Unit(n, random.Random(n)) for n in missing[start : start + UNITS_PER_CHUNK]]
        _build(chunk, vocab, today, created)
        # With DEBUG on (the embedded default), Django keeps the last 9,000 statements' SQL:
        # bulk inserts of a thousand rows each, some 300 MB by --scale 1000.
        reset_queries()
    created["units"] = len(missing)
    return created


def _insert(model: type[models.Model], rows: list, created: Counter) -> None:
    model.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    created[model._meta.label] += len(rows)


def _link(
    model: type[models.Model], name: str, pairs: Iterable[tuple[int, int]], created: Counter
) -> None:
    """Bulk-insert the through rows of ``model.name`` for (owner pk, target pk) pairs."""
    m2m = model._meta.get_field(name)
    through = m2m.remote_field.through
    source, target = f"{m2m.m2m_field_name()}_id", f"{m2m.m2m_reverse_field_name()}_id"
    rows = [through(**{source: a, target: b}) for a, b in pairs]
    through.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    created[f"{model._meta.label}.{name}"] += len(rows)


def _dates(start: datetime.date, steps: Iterable[int], today: datetime.date) -> Iterator:
    """Successive days ``start + step``, stopping before the future (histories record facts)."""
    for step in steps:
        day = start + datetime.timedelta(days=step)
        if day > today:
            return
        yield day


def _build(chunk: list[Unit], vocab: Vocab, today: datetime.date, created: Counter) -> None:
    _build_regions(chunk, today, created)
    _build_organisations(chunk, vocab, today, created)
    _build_guides(chunk, vocab, today, created)
    _build_events(chunk, today, created)
    _build_accompaniments(chunk, vocab, today, created)


def _build_regions(chunk: list[Unit], today: datetime.date, created: Counter) -> None:
    for unit in chunk:
        unit.regions = [
            Region(
                name=f"Synthetische Region {unit.number:04d}-{i:02d}",
                slug=f"{SLUG_PREFIX}{unit.number:04d}-{i:02d}",
                kind=RegionKind.LABOUR_MARKET_REGION,
                federal_state=FederalState.NW,
                description="Synthetische Region für Last- und Leistungstests.",
            )
            for i in range(REGIONS_PER_UNIT)
        ]
    _insert(Region, [r for unit in chunk for r in unit.regions], created)

    changes, agencies = [], []
    for unit in chunk:
        # Units join the network one after another over ten years, like a growing network.
        base = datetime.date(2013, 6, 3) + datetime.timedelta(days=(unit.number - 1) * 29 % 3650)
        for i, region in enumerate(unit.regions):
            path = [CooperationStatus.CONTACTED, CooperationStatus.IN_TALKS]
            if i < 12:
                path.append(CooperationStatus.INTERESTED)
            if i < BINDING_PER_UNIT:
                path.append(CooperationStatus.BINDING)
            steps = [7 * i + offset for offset in (0, 42, 84, 140)][: len(path)]
            if i == BINDING_PER_UNIT - 1 and unit.number % 4 == 0:
                path.append(CooperationStatus.ENDED)
                steps.append(steps[-1] + 1800)
            for status, valid_from in zip(path, _dates(base, steps, today), strict=False):
                changes.append(
                    RegionStatusChange(region=region, status=status, valid_from=valid_from)
                )
                if status == CooperationStatus.BINDING:
                    unit.binding_on[i] = valid_from
            agency = Agency(
                name=f"Synthetische Regionalagentur {unit.number:04d}-{i:02d}",
                kind=AgencyKind.REGIONAL_AGENCY,
                city=CITIES[(unit.number * REGIONS_PER_UNIT + i) % len(CITIES)],
                cooperation_agreed_on=unit.binding_on.get(i),
            )
            unit.agencies.append(agency)
            agencies.append(agency)
    _insert(RegionStatusChange, changes, created)
    refresh_current_status(  # bulk inserts send no signal
        Region.objects.filter(pk__in={change.region_id for change in changes}),
        history=RegionStatusChange,
        owner="region",
    )
    _insert(Agency, agencies, created)
    _link(
        Agency,
        "regions",
        ((a.pk, r.pk) for unit in chunk for a, r in zip(unit.agencies, unit.regions, strict=True)),
        created,
    )


def _build_organisations(
    chunk: list[Unit], vocab: Vocab, today: datetime.date, created: Counter
) -> None:
    for unit in chunk:
        rng = unit.rng
        for i in range(BINDING_PER_UNIT):
            region, agency = unit.regions[i], unit.agencies[i]
            for k in range(ORGANISATIONS_PER_REGION):
                number = i * ORGANISATIONS_PER_REGION + k
                profile = rng.choice(COMMUNITY_PROFILES)
                binding_on = unit.binding_on.get(i, today)
                joined_on = min(binding_on + datetime.timedelta(rng.randrange(120)), today)
                org = MigrantOrganisation(
                    name=f"Synthetischer Verein {unit.number:04d}-{number:02d} e.V.",
                    legal_form=LegalForm.REGISTERED_ASSOCIATION
                    if rng.random() < 0.85
                    else LegalForm.RELIGIOUS_COMMUNITY,
                    region=region,
                    city=agency.city,
                    member_count=rng.randrange(20, 300),
                    has_full_time_staff=rng.random() < 0.15,
                    joined_on=joined_on,
                    listed_publicly=rng.random() < 0.85,
                    is_demo=True,
                )
                unit.organisations.append((org, i, profile))
    orgs = [org for unit in chunk for org, _i, _profile in unit.organisations]
    _insert(MigrantOrganisation, orgs, created)

    links: dict[str, list[tuple[int, int]]] = {
        "communities": [],
        "languages": [],
        "thematic_fields": [],
        "roles": [],
        "professionalisation_needs": [],
    }
    for unit in chunk:
        rng = unit.rng
        for org, _i, (community, language, _first, _last) in unit.organisations:
            links["communities"].append((org.pk, vocab.communities[community]))
            codes = {language, "de"} | ({"en"} if rng.random() < 0.3 else set())
            links["languages"] += [(org.pk, vocab.languages[code]) for code in sorted(codes)]
            for name, pool, low in (
                ("thematic_fields", vocab.fields, 1),
                ("roles", vocab.roles, 1),
                ("professionalisation_needs", vocab.topics, 0),
            ):
                picks = rng.sample(pool, rng.randint(low, min(3, len(pool))))
                links[name] += [(org.pk, pk) for pk in picks]
    for name, pairs in links.items():
        _link(MigrantOrganisation, name, pairs, created)


def _build_guides(chunk: list[Unit], vocab: Vocab, today: datetime.date, created: Counter) -> None:
    guides: list[tuple[Guide, MigrantOrganisation, tuple, random.Random]] = []
    for unit in chunk:
        rng = unit.rng
        for number, (org, _i, profile) in enumerate(unit.organisations):
            for _ in range(2 if number < EXTRA_GUIDES else 1):
                _community, _language, first_names, last_names = profile
                guide = Guide(
                    first_name=rng.choice(first_names),
                    last_name=rng.choice(last_names),
                    region_id=org.region_id,
                    is_demo=True,
                    **published_parts(rng.random() < 0.25),
                )
                unit.guides_by_org.setdefault(org.pk, []).append(guide)
                guides.append((guide, org, profile, rng))
    _insert(Guide, [g for g, *_rest in guides], created)

    memberships, expertise, languages, changes = [], [], [], []
    for guide, org, profile, rng in guides:
        memberships.append((guide.pk, org.pk))
        expertise += [(guide.pk, pk) for pk in rng.sample(vocab.expertise, rng.randint(1, 3))]
        languages.append(
            GuideLanguage(guide=guide, language_id=vocab.languages[profile[1]], level="native")
        )
        languages.append(
            GuideLanguage(guide=guide, language_id=vocab.languages["de"], level=rng.choice(LEVELS))
        )
        path = [GuideStatus.INTERESTED, GuideStatus.IN_TRAINING, GuideStatus.ACTIVE]
        steps = [rng.randrange(30), rng.randrange(30, 90), rng.randrange(90, 180)]
        roll = rng.random()
        if roll < 0.08:
            path.append(GuideStatus.PAUSED)
            steps.append(steps[-1] + rng.randrange(300, 900))
        elif roll < 0.14:
            path.append(GuideStatus.LEFT)
            steps.append(steps[-1] + rng.randrange(300, 1500))
        for status, valid_from in zip(path, _dates(org.joined_on, steps, today), strict=False):
            changes.append(GuideStatusChange(guide=guide, status=status, valid_from=valid_from))
    _link(Guide, "organisations", memberships, created)
    _link(Guide, "expertise", expertise, created)
    _insert(GuideLanguage, languages, created)
    _insert(GuideStatusChange, changes, created)
    refresh_current_status(  # bulk inserts send no signal
        Guide.objects.filter(pk__in={change.guide_id for change in changes}),
        history=GuideStatusChange,
        owner="guide",
    )


def _build_events(chunk: list[Unit], today: datetime.date, created: Counter) -> None:
    span = (LAST_EVENT_DAY - FIRST_EVENT_DAY).days
    kinds = [kind for kind, _title, _weight in EVENT_KINDS]
    titles = {kind: title for kind, title, _weight in EVENT_KINDS}
    weights = [weight for _kind, _title, weight in EVENT_KINDS]
    events: list[tuple[Event, list, list, list]] = []
    for unit in chunk:
        rng = unit.rng
        orgs_by_region: dict[int, list[MigrantOrganisation]] = {}
        for org, i, _profile in unit.organisations:
            orgs_by_region.setdefault(i, []).append(org)
        all_orgs = [org for org, _i, _p in unit.organisations]
        for number in range(1, EVENTS_PER_UNIT + 1):
            kind = rng.choices(kinds, weights)[0]
            date = FIRST_EVENT_DAY + datetime.timedelta(days=rng.randrange(span))
            starts_at = datetime.datetime.combine(
                date, datetime.time(rng.choice((10, 14, 17, 18))), tzinfo=BERLIN
            )
            if kind in STATEWIDE_KINDS:
                region, where = None, f"Synthetisches Netzwerk {unit.number:04d}"
                city = rng.choice(CITIES)
                orgs = rng.sample(all_orgs, rng.randint(2, 6))
                agencies = rng.sample(unit.agencies, rng.randint(2, 4))
            else:
                i = rng.randrange(BINDING_PER_UNIT if rng.random() < 0.85 else REGIONS_PER_UNIT)
                region, where = unit.regions[i], unit.regions[i].name
                city = unit.agencies[i].city
                candidates = orgs_by_region.get(i, [])
                orgs = rng.sample(candidates, rng.randint(0, len(candidates)))
                agencies = [unit.agencies[i]]
            pool = [g for org in orgs for g in unit.guides_by_org[org.pk]]
            guides = rng.sample(pool, min(len(pool), rng.randint(0, 5)))
            past = date < today
            event = Event(
                title=f"{titles[kind]} {where} #{number:03d}",
                kind=kind,
                region=region,
                city=city,
                starts_at=starts_at,
                ends_at=starts_at + datetime.timedelta(hours=rng.randint(2, 6)),
                is_public=kind != EventKind.EXCHANGE_WORKSHOP and rng.random() < 0.85,
                headcount=len(orgs) * 2 + len(guides) + rng.randrange(15) if past else None,
            )
            events.append((event, orgs, agencies, guides))
    _insert(Event, [e for e, *_rest in events], created)

    _link(Event, "organising_agencies", ((e.pk, a[0].pk) for e, _o, a, _g in events), created)
    _link(
        Event, "attending_agencies", ((e.pk, a.pk) for e, _o, ag, _g in events for a in ag), created
    )
    _link(
        Event,
        "attending_organisations",
        ((e.pk, o.pk) for e, os, _a, _g in events for o in os),
        created,
    )
    _link(
        Event, "attending_guides", ((e.pk, g.pk) for e, _o, _a, gs in events for g in gs), created
    )

    reports, trainings = [], []
    for event, _orgs, _agencies, guides in events:
        local_day = event.starts_at.date()
        if local_day >= today:
            continue
        if event.kind in REPORTED_KINDS and event.pk % 2 == 0:
            reports.append(
                EventReport(
                    event=event,
                    headline=f"{event.title}: Bericht",
                    dateline=f"{event.city} – Am {local_day:%d.%m.%Y}",
                    teaser="trafen sich Migrantenorganisationen und Kooperationspartner zum "
                    "Austausch über die Arbeit der Lotsinnen und Lotsen in der Region.",
                    body="Synthetischer Bericht für Last- und Leistungstests.",
                )
            )
        if event.kind == EventKind.TRAINING:
            trainings += [
                CompletedTraining(
                    guide=guide, title=event.title, completed_on=local_day, event=event
                )
                for guide in guides
            ]
    _insert(EventReport, reports, created)
    _insert(CompletedTraining, trainings, created)


def _build_accompaniments(
    chunk: list[Unit], vocab: Vocab, today: datetime.date, created: Counter
) -> None:
    """The demo's accompaniments once per unit (100x the records at --scale 100), in 2014 and
    in the twelve months up to ``today``."""
    sectors = list(Sector.objects.order_by("pk").values_list("pk", flat=True))
    languages = [pk for code, pk in sorted(vocab.languages.items()) if code != "de"]
    periods = [FULL_YEAR, (today - datetime.timedelta(days=364), today)]
    records = []
    for unit in chunk:
        guides = [
            (guide.pk, guide.region_id)
            for org_guides in unit.guides_by_org.values()
            for guide in org_guides
        ]
        for days in periods:
            records += invented(
                unit.rng, guides, days, PER_PERIOD, sectors=sectors, languages=languages
            )
    _insert(Accompaniment, records, created)
