"""A few invented referral requests in every state, so the coordinators' list, the dashboard's
"needs attention" and a request's page show something from the first run.

Requesters and notes are invented and name no migrant. Rows are created directly, not through
the services, so that seeding sends no mail. A request found by its reference is left alone:
a second run changes nothing.
"""

import datetime
from typing import NamedTuple

from django.utils import timezone

from lotsen.demo.network import DemoNetwork
from lotsen.models.referrals import (
    ProposalState,
    ReferralOutcome,
    ReferralProposal,
    ReferralRequest,
    ReferralState,
)


class DemoProposal(NamedTuple):
    guide: tuple[str, str]
    state: str
    share_email: bool = False
    share_phone: bool = False


class DemoRequest(NamedTuple):
    reference: str
    region: str | None
    organisation: str
    contact_name: str
    email: str
    languages: str  # codes of the demo's languages
    topics: str  # keys of the demo's areas of expertise
    place: str
    time_frame: str
    note: str
    state: str
    days_ago: int  # received this many days before the run
    proposals: tuple[DemoProposal, ...] = ()
    outcome: str = ""


REQUESTS = (
    DemoRequest(
        "VM-DEMO-0001",
        "mittleres-ruhrgebiet",
        "Jobcenter EN (Demodaten)",
        "Petra Sommer",
        "sommer@jobcenter.demo.lotsen.de",
        "tr",
        "jobcenter begleitung",
        "Witten",
        "Termin im Jobcenter in der nächsten Woche",
        "Erstgespräch zur Arbeitsuche; Deutschkenntnisse noch gering.",
        ReferralState.NEW,
        1,
    ),
    DemoRequest(
        "VM-DEMO-0002",
        "mittleres-ruhrgebiet",
        "Kommunales Integrationszentrum EN (Demodaten)",
        "Jan Becker",
        "becker@ki.demo.lotsen.de",
        "bs",
        "anerkennung",
        "Witten",
        "innerhalb eines Monats",
        "Anerkennung eines Abschlusses als Elektrotechniker.",
        ReferralState.PROPOSED,
        10,
        (
            DemoProposal(("Amra", "Hodžić"), ProposalState.OPEN),
            DemoProposal(("Edin", "Mujić"), ProposalState.OPEN),
        ),
    ),
    DemoRequest(
        "VM-DEMO-0003",
        "mittleres-ruhrgebiet",
        "Agentur für Arbeit Hagen (Demodaten)",
        "Sabine Krüger",
        "krueger@arbeitsagentur.demo.lotsen.de",
        "el",
        "bewerbung",
        "Gevelsberg",
        "Bewerbungsfrist Ende des Monats",
        "Unterstützung bei einer Bewerbung um einen Ausbildungsplatz.",
        ReferralState.ACCEPTED,
        5,
        (DemoProposal(("Eleni", "Papadopoulou"), ProposalState.ACCEPTED, share_email=True),),
    ),
    DemoRequest(
        "VM-DEMO-0004",
        "bergisches-staedtedreieck",
        "Migrationsberatung Solingen (Demodaten)",
        "Murat Arslan",
        "arslan@beratung.demo.lotsen.de",
        "ar",
        "anerkennung",
        "Solingen",
        "im vergangenen Monat",
        "Begleitung zur Anerkennungsberatung (Pflege).",
        ReferralState.CLOSED,
        40,
        (DemoProposal(("Nadia", "El-Amrani"), ProposalState.ACCEPTED, share_phone=True),),
        ReferralOutcome.ACCOMPANIED,
    ),
    DemoRequest(
        "VM-DEMO-0005",
        None,
        "Wirtschaftsförderung (Demodaten)",
        "Lena Vogel",
        "vogel@wirtschaft.demo.lotsen.de",
        "tr",
        "existenzgruendung",
        "Bochum",
        "kein fester Termin",
        "Fragen zur Gründung eines Handwerksbetriebs; hat sich erledigt.",
        ReferralState.CANCELLED,
        20,
    ),
)


def load_referrals(network: DemoNetwork, *, now: datetime.datetime | None = None) -> None:
    """Create the demo's referral requests that do not exist yet."""
    now = now or timezone.now()
    for demo in REQUESTS:
        if ReferralRequest.objects.filter(reference=demo.reference).exists():
            continue
        received = now - datetime.timedelta(days=demo.days_ago)
        decided = received + datetime.timedelta(days=2)
        request = ReferralRequest.objects.create(
            reference=demo.reference,
            organisation=demo.organisation,
            contact_name=demo.contact_name,
            email=demo.email,
            region=network.regions[demo.region] if demo.region else None,
            place=demo.place,
            time_frame=demo.time_frame,
            note=demo.note,
            state=demo.state,
            outcome=demo.outcome,
            proposed_at=received + datetime.timedelta(days=1) if demo.proposals else None,
            decided_at=decided if demo.state in ("accepted", "closed") else None,
            closed_at=decided if demo.state in ("closed", "cancelled") else None,
        )
        # auto_now_add cannot be given on create; the demo's requests arrived in the past.
        ReferralRequest.objects.filter(pk=request.pk).update(created_at=received)
        request.languages.set([network.vocab["languages"][c] for c in demo.languages.split()])
        request.topics.set([network.vocab["expertise"][k] for k in demo.topics.split()])
        for proposal in demo.proposals:
            ReferralProposal.objects.create(
                request=request,
                guide=network.guides[proposal.guide],
                state=proposal.state,
                share_email=proposal.share_email,
                share_phone=proposal.share_phone,
                decided_at=decided if proposal.state != ProposalState.OPEN else None,
            )
