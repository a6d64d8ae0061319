"""The demo network as the March 2014 newsletter shows it, and the code that loads it.

Rows are found by a natural key (slug, name, person, title and start) and written only where
they differ from the data here, so a second run changes nothing. Status histories go through
the services, so the demo's history looks exactly like one recorded in the portal.
"""

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from allauth.account.models import EmailAddress
from django.db import models

from events.models import Event
from lotsen.core.roles import Role
from lotsen.core.visibility import Visibility
from lotsen.demo import members, vocabularies
from lotsen.guides.services import set_guide_status
from lotsen.models.accounts import User
from lotsen.models.guides import CompletedTraining, ExpertiseArea, Guide, GuideLanguage
from organisations.models import (
    Agency,
    AgencyKind,
    Community,
    ContactPerson,
    Language,
    MigrantOrganisation,
    OrganisationRole,
    ProfessionalisationTopic,
    SupportMeasure,
    ThematicField,
)
from regions.models import FederalState, Region, RegionKind
from regions.workspace.services import set_cooperation_status

ModelT = TypeVar("ModelT", bound=models.Model)

NEWSLETTER_DATE = datetime.date(2014, 3, 1)
DEMO_PASSWORD = "demo-lotsen-2014"

# fmt: off
REGIONS = (
    # slug, name, area; cooperation history as (date, status[, note])
    ("aachen", "Aachen", "StädteRegion Aachen, Kreise Düren, Euskirchen und Heinsberg", (
        ("2013-10-07", "contacted"),
        ("2014-02-14", "in_talks", "Erstes Austauschgespräch in Aachen"),
        ("2014-05-19", "interested", "Auftaktveranstaltung im Kreis Euskirchen"))),
    ("bergisches-staedtedreieck", "Bergisches Städtedreieck", "Remscheid, Solingen, Wuppertal", (
        ("2013-09-02", "contacted"), ("2013-11-04", "in_talks"), ("2013-12-16", "interested"),
        ("2014-02-03", "binding", "Kooperation mit dem KI Solingen vereinbart"))),
    ("bonn-rhein-sieg", "Bonn/Rhein-Sieg", "Bonn und Rhein-Sieg-Kreis", (
        ("2013-09-09", "contacted"), ("2013-11-18", "in_talks"), ("2014-01-13", "interested"),
        ("2014-02-10", "binding"))),
    ("duesseldorf-kreis-mettmann", "Düsseldorf/Kreis Mettmann", "Düsseldorf und Kreis Mettmann", (
        ("2013-07-15", "contacted"), ("2013-09-09", "in_talks"), ("2013-11-11", "binding"))),
    ("emscher-lippe", "Emscher-Lippe", "Bottrop, Gelsenkirchen und Kreis Recklinghausen", (
        ("2013-07-01", "contacted"), ("2013-08-26", "in_talks"), ("2013-10-14", "binding"))),
    ("hellweg-hochsauerland", "Hellweg-Hochsauerland", "Kreis Soest und Hochsauerlandkreis", (
        ("2013-07-08", "contacted"), ("2013-09-02", "in_talks"), ("2013-09-30", "interested"),
        ("2013-10-28", "binding"))),
    ("koeln", "Köln", "Köln, Leverkusen, Rhein-Erft-Kreis, Oberbergischer und Rheinisch-Bergischer "
        "Kreis", (
        ("2013-10-14", "contacted"), ("2014-01-15", "in_talks"), ("2014-06-02", "interested"))),
    ("maerkische-region", "Märkische Region", "Hagen und Märkischer Kreis", (
        ("2013-06-17", "contacted"), ("2013-07-29", "in_talks"), ("2013-09-16", "binding"))),
    ("meo", "MEO (Mülheim-Essen-Oberhausen)", "Mülheim an der Ruhr, Essen, Oberhausen", (
        ("2013-10-21", "contacted"), ("2014-01-22", "in_talks"))),
    ("mittlerer-niederrhein", "Mittlerer Niederrhein",
        "Krefeld, Mönchengladbach, Rhein-Kreis Neuss und Kreis Viersen", (
        ("2013-09-23", "contacted"), ("2013-12-09", "in_talks"), ("2014-02-17", "interested"),
        ("2014-04-14", "binding"))),
    ("mittleres-ruhrgebiet", "Mittleres Ruhrgebiet", "Bochum, Herne und Ennepe-Ruhr-Kreis", (
        ("2013-06-24", "contacted"), ("2013-08-12", "in_talks"),
        ("2013-10-01", "binding", "Kooperation mit dem KI Ennepe-Ruhr-Kreis vereinbart"))),
    ("muensterland", "Münsterland", "Münster und Kreise Borken, Coesfeld, Steinfurt, Warendorf", (
        ("2013-07-22", "contacted"), ("2013-09-23", "in_talks"), ("2013-10-21", "interested"),
        ("2013-11-25", "binding"))),
    ("niederrhein", "NiederRhein", "Duisburg, Kreis Kleve und Kreis Wesel", (
        ("2013-08-05", "contacted"), ("2013-10-07", "in_talks"), ("2013-12-09", "binding"))),
    ("ostwestfalen-lippe", "Ostwestfalen-Lippe", "Bielefeld und die Kreise Ostwestfalen-Lippes", (
        ("2013-09-16", "contacted"), ("2013-11-25", "in_talks"), ("2014-01-27", "interested"),
        ("2014-03-19", "binding", "Nach dem Austauschworkshop in Bielefeld"))),
    ("siegen-wittgenstein-olpe", "Siegen-Wittgenstein/Olpe",
        "Kreis Siegen-Wittgenstein und Kreis Olpe", (
        ("2013-08-19", "contacted"), ("2013-10-28", "in_talks"), ("2013-12-02", "interested"),
        ("2014-01-20", "binding"))),
    ("westfaelisches-ruhrgebiet", "Westfälisches Ruhrgebiet", "Dortmund, Hamm und Kreis Unna", (
        ("2013-10-28", "contacted"), ("2014-02-05", "in_talks"),
        ("2014-09-30", "ended", "Keine Kooperation vereinbart"))),
)

RA, KI = AgencyKind.REGIONAL_AGENCY, AgencyKind.INTEGRATION_CENTRE
AGENCIES = (
    # name, kind, region slugs (none: statewide), city, signed a cooperation, invented contact
    ("Regionalagentur Region Aachen", RA, ("aachen",), "Aachen", True, "Claudia Schröder"),
    ("Regionalagentur Bergisches Städtedreieck", RA, ("bergisches-staedtedreieck",),
     "Wuppertal", True, "Jens Hartmann"),
    ("Regionalagentur Bonn/Rhein-Sieg", RA, ("bonn-rhein-sieg",), "Bonn", True, "Birgit Lehmann"),
    ("Regionalagentur Düsseldorf/Kreis Mettmann", RA, ("duesseldorf-kreis-mettmann",),
     "Düsseldorf", True, "Thomas Krüger"),
    ("Regionalagentur Emscher-Lippe", RA, ("emscher-lippe",), "Gelsenkirchen", True,
     "Sabine Wolff"),
    ("Regionalagentur Hellweg-Hochsauerland", RA, ("hellweg-hochsauerland",), "Soest", True,
     "Markus Schulte"),
    ("Regionalagentur Region Köln", RA, ("koeln",), "Köln", True, "Andrea Zimmermann"),
    ("Regionalagentur Märkische Region (agenturmark)", RA, ("maerkische-region",), "Hagen", True,
     "Frank Bauer"),
    ("Regionalagentur MEO", RA, ("meo",), "Essen", True, "Stefanie Koch"),
    ("Regionalagentur Mittlerer Niederrhein", RA, ("mittlerer-niederrhein",), "Krefeld", True,
     "Michael Braun"),
    ("Regionalagentur Mittleres Ruhrgebiet", RA, ("mittleres-ruhrgebiet",), "Bochum", True,
     "Julia Richter"),
    ("Regionalagentur Münsterland", RA, ("muensterland",), "Münster", True, "Stefan Wagner"),
    ("Regionalagentur NiederRhein", RA, ("niederrhein",), "Duisburg", True, "Monika Schäfer"),
    ("Regionalagentur OstWestfalenLippe", RA, ("ostwestfalen-lippe",), "Bielefeld", True,
     "Christian Neumann"),
    ("Regionalagentur Siegen-Wittgenstein und Olpe", RA, ("siegen-wittgenstein-olpe",),
     "Siegen", True, "Kerstin Jung"),
    ("Regionalagentur Westfälisches Ruhrgebiet", RA, ("westfaelisches-ruhrgebiet",),
     "Dortmund", True, "Daniel Hofmann"),
    ("Kommunales Integrationszentrum Ennepe-Ruhr-Kreis", KI, ("mittleres-ruhrgebiet",),
     "Schwelm", True, "Nicole Vogel"),
    ("Kommunales Integrationszentrum Märkischer Kreis", KI, ("maerkische-region",),
     "Lüdenscheid", True, "Oliver Roth"),
    ("Kommunales Integrationszentrum Hochsauerlandkreis", KI, ("hellweg-hochsauerland",),
     "Meschede", True, "Anja Peters"),
    ("Kommunales Integrationszentrum Solingen", KI, ("bergisches-staedtedreieck",),
     "Solingen", True, "Martina Krause"),
    ("Kommunales Integrationszentrum Aachen", KI, ("aachen",), "Aachen", False, "Sven Lorenz"),
    ("Jobcenter Hochsauerlandkreis", AgencyKind.JOB_CENTRE, ("hellweg-hochsauerland",),
     "Meschede", False, "Ulrike Franke"),
    ("Jobcenter StädteRegion Aachen", AgencyKind.JOB_CENTRE, ("aachen",), "Aachen", False,
     "Heike Simon"),
    ("Wirtschaftsförderung Hochsauerland", AgencyKind.ECONOMIC_DEVELOPMENT,
     ("hellweg-hochsauerland",), "Meschede", False, "Peter Albrecht"),
    ("Bildungswerk für Friedensarbeit", AgencyKind.EDUCATION_PROVIDER, ("bonn-rhein-sieg",),
     "Bonn", True, "Tanja Ludwig"),
    ("N.U.R.E.C. Institute Duisburg e.V.", AgencyKind.EDUCATION_PROVIDER, ("niederrhein",),
     "Duisburg", True, "Rainer Böhm"),
    ("Stabsstelle Integration der Bundesstadt Bonn", AgencyKind.MUNICIPALITY,
     ("bonn-rhein-sieg",), "Bonn", True, "Susanne Winter"),
    ("Kreis Heinsberg", AgencyKind.MUNICIPALITY, ("aachen",), "Heinsberg", False, "Dirk Haas"),
    ("G.I.B. – Gesellschaft für innovative Beschäftigungsförderung mbH", AgencyKind.STATE_BODY,
     (), "Bottrop", False, "Karin Schubert"),
    ("MOZAIK gGmbH", AgencyKind.STATE_BODY, (), "Bielefeld", False, "Derya Kaplan"),
)
# fmt: on

AGENCY_ADDRESSES = {
    "MOZAIK gGmbH": ("Herforder Str. 46", "33602", "https://www.mozaik.de"),
    "G.I.B. – Gesellschaft für innovative Beschäftigungsförderung mbH": (
        "Im Blankenfeld 4",
        "46238",
        "https://www.gib.nrw.de",
    ),
}
MOZAIK = "MOZAIK gGmbH"
CONTACT_POSITION = "Ansprechperson für das Modellprojekt"

ACCOUNTS = (
    ("admin@demo.lotsen.de", Role.ADMIN, "Landeskoordination (Demo)"),
    ("koordination@demo.lotsen.de", Role.COORDINATOR, "Regionalkoordination (Demo)"),
    ("lotse@demo.lotsen.de", Role.GUIDE, "Edin Mujić"),
)
COORDINATED_REGION = "mittleres-ruhrgebiet"
GUIDE_WITH_ACCOUNT = ("Edin", "Mujić")


@dataclass
class DemoNetwork:
    """What the loader put in place, by natural key, for the steps that link to it."""

    vocab: dict[str, dict[str, models.Model]] = field(default_factory=dict)
    regions: dict[str, Region] = field(default_factory=dict)
    agencies: dict[str, Agency] = field(default_factory=dict)
    organisations: dict[str, MigrantOrganisation] = field(default_factory=dict)
    guides: dict[tuple[str, str], Guide] = field(default_factory=dict)
    events: dict[str, Event] = field(default_factory=dict)
    accounts: dict[str, User] = field(default_factory=dict)


def day(iso: str) -> datetime.date:
    return datetime.date.fromisoformat(iso)


def upsert(model: type[ModelT], lookup: dict[str, Any], values: dict[str, Any]) -> ModelT:
    """Return the row matching ``lookup``, created or updated to carry ``values``.

    Only a row that differs is saved, so running the demo again leaves rows (and their
    ``updated_at``) alone. ``__iexact`` lookups are stored with the exact spelling given.
    """
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        fields = {key.removesuffix("__iexact"): value for key, value in lookup.items()}
        return model._default_manager.create(**fields, **values)
    changed = False
    for name, value in values.items():
        current = getattr(obj, model._meta.get_field(name).attname)
        if current != (value.pk if isinstance(value, models.Model) else value):
            setattr(obj, name, value)
            changed = True
    if changed:
        obj.save()
    return obj


def ensure_history(
    instance: Region | Guide,
    entries: Iterable[tuple[datetime.date, str, str]],
    record: Callable[..., Any],
    owner: str,
) -> None:
    """Record each (date, status, note) entry through ``record`` unless it is already there."""
    existing = {e.valid_from: (e.status, e.note) for e in instance.status_changes.all()}
    for valid_from, status, note in entries:
        if existing.get(valid_from) != (status, note):
            record(**{owner: instance}, status=status, valid_from=valid_from, note=note)


def _history(rows: Iterable[tuple[str, ...]]) -> list[tuple[datetime.date, str, str]]:
    return [(day(row[0]), row[1], row[2] if len(row) > 2 else "") for row in rows]


def _keys(network: DemoNetwork, vocabulary: str, keys: str) -> list[models.Model]:
    return [network.vocab[vocabulary][key] for key in keys.split()]


def load_network() -> DemoNetwork:
    """Create or update vocabularies, regions, agencies, organisations, guides and logins.

    Running it twice changes nothing; call it inside a transaction to get all or nothing.
    """
    network = DemoNetwork()
    _load_vocabularies(network)
    _load_regions(network)
    _load_agencies(network)
    _load_organisations(network)
    _load_guides(network)
    _load_accounts(network)
    return network


def _load_vocabularies(network: DemoNetwork) -> None:
    network.vocab["languages"] = {
        code: upsert(Language, {"name__iexact": name}, {"name_en": name_en, "code": code})
        for code, name, name_en in vocabularies.LANGUAGES
    }
    for label, model, rows in (
        ("communities", Community, vocabularies.COMMUNITIES),
        ("fields", ThematicField, vocabularies.THEMATIC_FIELDS),
        ("roles", OrganisationRole, vocabularies.ORGANISATION_ROLES),
        ("topics", ProfessionalisationTopic, vocabularies.PROFESSIONALISATION_TOPICS),
        ("expertise", ExpertiseArea, vocabularies.EXPERTISE_AREAS),
    ):
        network.vocab[label] = {
            key: upsert(model, {"name__iexact": name}, {"name_en": name_en})
            for key, name, name_en in rows
        }


def binding_since(slug: str) -> datetime.date | None:
    """The first day the demo region ``slug`` had a binding cooperation, if it ever had one."""
    history = next(rows for s, _name, _area, rows in REGIONS if s == slug)
    return next((day(row[0]) for row in history if row[1] == "binding"), None)


def _load_regions(network: DemoNetwork) -> None:
    for slug, name, area, history in REGIONS:
        region = upsert(
            Region,
            {"slug": slug},
            {
                "name": name,
                "kind": RegionKind.LABOUR_MARKET_REGION,
                "federal_state": FederalState.NW,
                "description": f"Arbeitsmarktregion der Regionalagentur: {area}.",
            },
        )
        ensure_history(region, _history(history), set_cooperation_status, "region")
        network.regions[slug] = region


def _load_agencies(network: DemoNetwork) -> None:
    for name, kind, slugs, city, cooperates, contact in AGENCIES:
        street, postal_code, website = AGENCY_ADDRESSES.get(name, ("", "", ""))
        agreed_on = binding_since(slugs[0]) if cooperates and slugs else None
        agency = upsert(
            Agency,
            {"name__iexact": name},
            {
                "kind": kind,
                "city": city,
                "street": street,
                "postal_code": postal_code,
                "website": website,
                "cooperation_agreed_on": agreed_on,
            },
        )
        agency.regions.set([network.regions[slug] for slug in slugs])
        upsert(
            ContactPerson,
            {"agency": agency, "name": contact},
            {"position": CONTACT_POSITION, "is_demo": True},
        )
        network.agencies[name] = agency


def _load_organisations(network: DemoNetwork) -> None:
    for slug, orgs in members.ORGANISATIONS.items():
        region = network.regions[slug]
        for org in orgs:
            obj = upsert(
                MigrantOrganisation,
                {"name__iexact": org.name, "region": region},
                {
                    "legal_form": org.legal_form,
                    "city": org.city,
                    "member_count": org.members,
                    "has_full_time_staff": org.full_time,
                    "joined_on": day(org.joined_on),
                    "listed_publicly": org.listed,
                    "is_demo": org.invented,
                },
            )
            obj.communities.set(_keys(network, "communities", org.communities))
            obj.languages.set(_keys(network, "languages", org.languages))
            obj.thematic_fields.set(_keys(network, "fields", org.fields))
            obj.roles.set(_keys(network, "roles", org.roles))
            obj.professionalisation_needs.set(_keys(network, "topics", org.needs))
            if org.contact:
                name, position = org.contact
                upsert(
                    ContactPerson,
                    {"organisation": obj, "name": name},
                    {"position": position, "is_demo": True},
                )
            network.organisations[org.name] = obj
    for org_name, kind, topic, received_on, provider in members.SUPPORT_MEASURES:
        measure = upsert(
            SupportMeasure,
            {
                "organisation": network.organisations[org_name],
                "kind": kind,
                "received_on": day(received_on),
            },
            {
                "provider": provider,
                # A provider from the network is a real link (the tandem partner of seed 001).
                "providing_organisation": network.organisations.get(provider),
            },
        )
        measure.topics.set([network.vocab["topics"][topic]])


def _load_guides(network: DemoNetwork) -> None:
    later: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for first, last, valid_from, status, note in members.LATER_GUIDE_CHANGES:
        later.setdefault((first, last), []).append((valid_from, status, note))
    title, provider = members.BASIC_TRAINING
    for org_name, people in members.GUIDES.items():
        org = network.organisations[org_name]
        track = members.GUIDE_TRACKS[org.region.slug]
        for person in people:
            key = (person.first_name, person.last_name)
            guide = upsert(
                Guide,
                {
                    "first_name": person.first_name,
                    "last_name": person.last_name,
                    "region": org.region,
                },
                {"is_demo": True, **published_parts(person.public_profile)},
            )
            guide.organisations.set([org])
            guide.expertise.set(_keys(network, "expertise", person.expertise))
            for pair in person.languages.split():
                code, level = pair.split(":")
                upsert(
                    GuideLanguage,
                    {"guide": guide, "language": network.vocab["languages"][code]},
                    {"level": level},
                )
            ensure_history(
                guide, _history((*track, *later.get(key, ()))), set_guide_status, "guide"
            )
            for valid_from, status in track:
                if status == "active":
                    upsert(
                        CompletedTraining,
                        {"guide": guide, "title": title, "event": None},
                        {"completed_on": day(valid_from), "provider": provider},
                    )
            network.guides[key] = guide


def published_parts(public_profile: bool) -> dict[str, str | bool]:
    """Demo guides with a public profile publish name, languages and expertise; the others
    share them with the network's members only. Contact details and photo stay with the
    coordination, as most real guides would choose."""
    shown = Visibility.PUBLIC if public_profile else Visibility.NETWORK
    return {
        "public_profile": public_profile,
        "name_visibility": shown,
        "languages_visibility": shown,
        "expertise_visibility": shown,
    }


def _load_accounts(network: DemoNetwork) -> None:
    """Create the three demo logins; an existing account keeps its password and role."""
    for email, role, name in ACCOUNTS:
        user = User.objects.filter(email__iexact=email).first()
        if user is None:
            user = User.objects.create_user(email, DEMO_PASSWORD, role=role, name=name)
        upsert(EmailAddress, {"user": user, "email": email}, {"verified": True, "primary": True})
        network.accounts[role] = user
    network.regions[COORDINATED_REGION].coordinators.add(network.accounts[Role.COORDINATOR])
    guide = network.guides[GUIDE_WITH_ACCOUNT]
    lotse = network.accounts[Role.GUIDE]
    if guide.user_id is None and not Guide.objects.filter(user=lotse).exists():
        guide.user = lotse
        guide.save(update_fields=["user", "updated_at"])


def demo_logins() -> list[tuple[str, str]]:
    """(email, role label) of the demo accounts, for printing."""
    return [(email, str(Role(role).label)) for email, role, _name in ACCOUNTS]
