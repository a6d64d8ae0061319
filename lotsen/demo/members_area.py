"""The demo's members' area: a few internal dates ahead, so that a signed-in member's calendar
and start page show what visitors never see.

Like the upcoming public events, they are placed relative to the day the demo is loaded, and a
later run moves those it finds in the past.
"""

import datetime

from django.utils import timezone

from events.models import Event, EventKind
from lotsen.demo.network import MOZAIK, DemoNetwork
from lotsen.demo.network_events import BERLIN, _at

# title, kind, region (None: statewide), city, venue, weeks ahead, weekday, hours
INTERNAL = (
    ("Internes Austauschtreffen der Lotsinnen und Lotsen im Mittleren Ruhrgebiet",
     EventKind.EXCHANGE_WORKSHOP, "mittleres-ruhrgebiet", "Hagen", "Kommunales Integrationszentrum",
     2, 2, ("17:30", "19:30")),
    ("Netzwerktreffen der Regionalkoordinationen (intern)", EventKind.NETWORK_MEETING, None,
     "Düsseldorf", "", 4, 1, ("10:00", "13:00")),
    ("Internes Planungstreffen Münsterland", EventKind.NETWORK_MEETING, "muensterland",
     "Münster", "", 3, 3, ("14:00", "16:00")),
)  # fmt: skip
DESCRIPTION = "Interner Termin des Netzwerks (Demo): nur für angemeldete Mitglieder sichtbar."


def load_internal_events(network: DemoNetwork, *, now: datetime.datetime | None = None) -> None:
    """Create the internal demo dates, or move them ahead if a later run finds them past."""
    now = now or timezone.now()
    today = timezone.localtime(now, BERLIN).date()
    for title, kind, slug, city, venue, weeks, weekday, hours in INTERNAL:
        date = today + datetime.timedelta(weeks=weeks)
        date += datetime.timedelta(days=(weekday - date.weekday()) % 7)
        starts_at, ends_at = _at(date, hours[0]), _at(date, hours[1])
        event = Event.objects.filter(title=title).order_by("-starts_at").first()
        if event is None:
            event = Event.objects.create(
                title=title,
                kind=kind,
                region=network.regions[slug] if slug else None,
                city=city,
                venue=venue,
                starts_at=starts_at,
                ends_at=ends_at,
                is_public=False,
                description=DESCRIPTION,
            )
            event.organising_agencies.set([network.agencies[MOZAIK]])
        elif event.starts_at < now:
            event.starts_at, event.ends_at = starts_at, ends_at
            event.save(update_fields=["starts_at", "ends_at", "updated_at"])
        network.events[title] = event
