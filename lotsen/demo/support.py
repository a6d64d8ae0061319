"""The professionalisation cycle of seed 001 in the demo: the expert pool "MO und
Arbeitsmarkt", a training followed by a tandem with its follow-up (the MO guide's advice),
descriptions of a few organisations, and a few notes of the contact log.

The experts are invented people. Rows are created directly (no mail is sent); a second run
changes nothing.
"""

import datetime
from typing import NamedTuple

from django.utils import timezone

from lotsen.core.roles import Role
from lotsen.core.visibility import Visibility
from lotsen.demo.network import GUIDE_WITH_ACCOUNT, DemoNetwork, day, upsert
from lotsen.models import ContactNote
from organisations.models import (
    Conditions,
    Expert,
    ExpertRequest,
    MigrantOrganisation,
    RequestState,
    SupportMeasure,
)


class DemoExpert(NamedTuple):
    name: str
    organisation: str | None  # an organisation or agency of the demo, by name
    topics: str  # keys of the demo's professionalisation topics
    languages: str  # ISO codes
    regions: str  # region slugs; empty: statewide
    availability: str
    conditions: str
    profile: str
    public: bool = False


# fmt: off
EXPERTS = (
    DemoExpert("Dr. Selma Yıldız", "Türkisch-Deutscher Unternehmerverein Duisburg e.V.",
               "finanzierung projekt", "tr de", "niederrhein meo",
               "zwei Abendtermine im Monat", Conditions.HONORARIUM,
               "Berät Vereine zu Fördermitteln und Projektanträgen.", True),
    DemoExpert("Nermin Hodžić", "Bosnische Gemeinde Witten e.V.", "vereinsrecht ehrenamt",
               "bs de", "mittleres-ruhrgebiet", "samstags", Conditions.VOLUNTEER,
               "Vorstandsarbeit, Satzung und Gemeinnützigkeit aus eigener Erfahrung.", True),
    DemoExpert("Anna Kowalski", "Polnischer Kulturverein Iserlohn e.V.", "oeffentlichkeit",
               "pl de", "maerkische-region hellweg-hochsauerland", "nach Absprache",
               Conditions.VOLUNTEER, "Pressearbeit und Social Media für kleine Vereine."),
    DemoExpert("Thomas Becker", "Regionalagentur Mittleres Ruhrgebiet", "netzwerk projekt",
               "de en", "", "werktags", Conditions.VOLUNTEER,
               "Arbeitsmarktpolitik und Förderprogramme des Landes."),
    DemoExpert("Jelena Petrović", "Kommunales Integrationszentrum Solingen", "netzwerk ehrenamt",
               "bs de", "bergisches-staedtedreieck", "dienstags und donnerstags",
               Conditions.VOLUNTEER, "Vernetzung mit Kommune, Jobcenter und Kammern."),
    DemoExpert("Kofi Mensah", None, "finanzierung nachhaltigkeit", "en fr de", "",
               "ab April 2014", Conditions.HONORARIUM,
               "Freiberuflicher Organisationsberater für Migrantenorganisationen."),
)
# fmt: on

# Seed 001's advice: after a training, a coaching or a tandem with an experienced organisation
# works better than another training. The demo's tandem (in network.py's SUPPORT_MEASURES):
MENTEE = "Tamilischer Kultur-Sportverein Solingen e.V."
MENTOR = "Internationales Frauenzentrum Solingen e.V."

DESCRIPTIONS = {
    "Bosnische Gemeinde Witten e.V.": (
        "Kultur, Religion und Elternarbeit für Familien aus Bosnien und Herzegowina.",
        "Familien, Eltern und Jugendliche aus Bosnien und Herzegowina in Witten",
    ),
    "Tamilischer Kultur-Sportverein Solingen e.V.": (
        "Sport, Kultur und Sprachkurse für tamilische Familien.",
        "Kinder, Jugendliche und ihre Eltern",
    ),
    MENTOR: (
        "Beratung, Sprachcafés und Qualifizierung von Frauen; begleitet andere Vereine "
        "als Tandempartner.",
        "Frauen aller Herkunftsländer in Solingen",
    ),
}


def load_support(network: DemoNetwork) -> None:
    topics = network.vocab["topics"]
    languages = network.vocab["languages"]
    for expert in EXPERTS:
        linked = network.organisations.get(expert.organisation or "")
        agency = network.agencies.get(expert.organisation or "")
        visibility = Visibility.PUBLIC if expert.public else Visibility.NETWORK
        obj = upsert(
            Expert,
            {"name": expert.name},
            {
                "organisation": linked,
                "agency": agency,
                "availability": expert.availability,
                "conditions": expert.conditions,
                "profile": expert.profile,
                "name_visibility": visibility,
                "profile_visibility": visibility,
                "is_demo": True,
            },
        )
        obj.topics.set([topics[key] for key in expert.topics.split()])
        obj.languages.set([languages[code] for code in expert.languages.split()])
        obj.regions.set([network.regions[slug] for slug in expert.regions.split()])
    experts = {expert.name: Expert.objects.get(name=expert.name) for expert in EXPERTS}

    mentee, mentor = network.organisations[MENTEE], network.organisations[MENTOR]
    for name, (activities, audience) in DESCRIPTIONS.items():
        upsert(MigrantOrganisation, {"pk": network.organisations[name].pk},
               {"activities": activities, "audience": audience})  # fmt: skip

    training = upsert(
        SupportMeasure,
        {"organisation": mentee, "kind": "training", "received_on": day("2013-11-20")},
        {
            "provider": "Kommunales Integrationszentrum Solingen",
            "follow_up_on": day("2014-01-15"),
            "follow_up_note": "Praxisnah und ermutigend; als Nächstes lieber ein Tandem mit "
            "einem erfahrenen Verein als eine weitere Schulung.",
        },
    )
    training.topics.set([topics["oeffentlichkeit"]])
    tandem = SupportMeasure.objects.get(organisation=mentee, kind="tandem")
    upsert(
        SupportMeasure,
        {"pk": tandem.pk},
        {
            "providing_organisation": mentor,
            "ends_on": day("2014-07-31"),
            "note": "Monatliche Treffen der Vorstände; das Frauenzentrum begleitet den ersten "
            "Projektantrag.",
            "follow_up_on": day("2014-08-15"),
        },
    )
    coaching = upsert(
        SupportMeasure,
        {
            "organisation": network.organisations["Bosnische Gemeinde Witten e.V."],
            "kind": "coaching",
            "received_on": day("2014-03-08"),
        },
        {"expert": experts["Nermin Hodžić"], "follow_up_on": day("2014-05-10")},
    )
    coaching.topics.set([topics["vereinsrecht"]])

    _load_notes(network, mentee)
    _load_requests(network, experts)


MEETING = "Netzwerktreffen der Arbeitsmarktlotsen im Ennepe-Ruhr-Kreis"


def _load_requests(network: DemoNetwork, experts: dict[str, Expert]) -> None:
    """An assignment on the demo coordinator's upcoming network meeting, and an open request."""
    event = network.events.get(MEETING)
    if event is None:
        return
    on = timezone.localdate(event.starts_at)
    topics = network.vocab["topics"]
    coordinator = network.accounts.get(Role.COORDINATOR)
    for name, topic, state, note in (
        ("Nermin Hodžić", "vereinsrecht", RequestState.ACCEPTED,
         "Kurzer Input zur Satzungsänderung, 30 Minuten."),
        ("Kofi Mensah", "finanzierung", RequestState.REQUESTED,
         "Fördermittel für kleine Vereine: Überblick und Fragen."),
    ):  # fmt: skip
        accepted = state == RequestState.ACCEPTED
        upsert(
            ExpertRequest,
            {"expert": experts[name], "event": event},
            {
                "region": event.region,
                "topic": topics[topic],
                "date": on,
                "note": note,
                "requested_by": coordinator,
                "state": state,
                "decided_by": network.accounts.get(Role.ADMIN) if accepted else None,
                "decided_at": event.starts_at - datetime.timedelta(days=14) if accepted else None,
            },
        )


def _load_notes(network: DemoNetwork, mentee: MigrantOrganisation) -> None:
    coordinator = network.accounts.get(Role.COORDINATOR)
    admin = network.accounts.get(Role.ADMIN)
    notes = (
        ({"organisation": mentee}, "meeting", "2014-01-15", admin, "Vorstand",
         "Rückblick auf die Schulung: sehr praxisnah.",
         "Tandem mit dem Frauenzentrum vereinbaren", "2014-02-01", False),
        ({"organisation": network.organisations["Bosnische Gemeinde Witten e.V."]}, "call",
         "2014-02-24", coordinator, "Vorsitzender", "Fragen zur Satzungsänderung.",
         "Expertin für Vereinsrecht anfragen", "2014-03-03", False),
        ({"agency": network.agencies["Regionalagentur Mittleres Ruhrgebiet"]}, "mail",
         "2014-02-10", coordinator, "Regionalagentur", "Termine für das Austauschtreffen.",
         "", None, False),
        ({"guide": network.guides[GUIDE_WITH_ACCOUNT]}, "visit", "2014-02-18", coordinator,
         "Edin Mujić", "Danke für die Begleitung beim Jobcenter Witten.", "", None, True),
    )  # fmt: skip
    for subject, kind, on, author, who, summary, next_step, next_on, shareable in notes:
        upsert(
            ContactNote,
            {**subject, "kind": kind, "happened_on": day(on)},
            {
                "author": author,
                "who": who,
                "summary": summary,
                "next_step": next_step,
                "next_step_on": day(next_on) if next_on else None,
                "shareable": shareable,
            },
        )
