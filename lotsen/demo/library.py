"""The demo's members' area: two working groups with members and internal meetings, and a few
documents (one-page PDFs generated here, each marked as demo) for the library and its search."""

import datetime

from django.utils import timezone
from django.utils.text import slugify
from weasyprint import HTML

from events.models import Event, EventKind
from lotsen.core.roles import Role
from lotsen.demo.network import GUIDE_WITH_ACCOUNT, DemoNetwork
from lotsen.documents.services import create_document
from lotsen.models import Document, DocumentAudience, DocumentCategory, WorkingGroup

GROUPS = {
    "Facharbeitskreis Anerkennung": (
        "Anerkennung ausländischer Berufsabschlüsse: Erfahrungen aus den Begleitungen, "
        "Ansprechpersonen bei Kammern und Beratungsstellen."
    ),
    "Facharbeitskreis Öffentlichkeitsarbeit": (
        "Flyer, Visitenkarten, Pressearbeit und Auftritte der Lotsinnen und Lotsen."
    ),
}

# (group, title, days from today: past meetings stay where they are, future ones move on)
MEETINGS = [
    ("Facharbeitskreis Anerkennung", "Treffen Facharbeitskreis Anerkennung", 21),
    ("Facharbeitskreis Öffentlichkeitsarbeit", "Treffen Facharbeitskreis Öffentlichkeitsarbeit",
     35),
]  # fmt: skip

# (title, category, region of the demo coordinator?, audience, group, text of the page)
DOCUMENTS = [
    (
        "Protokoll Netzwerktreffen Mittleres Ruhrgebiet",
        DocumentCategory.MINUTES,
        True,
        DocumentAudience.MEMBERS,
        None,
        "Die Lotsinnen und Lotsen berichteten über Begleitungen zum Jobcenter. Vereinbart: "
        "eine Kooperationsvereinbarung mit der Anerkennungsberatung.",
    ),
    (
        "Flyer Arbeitsmarktlotsen NRW",
        DocumentCategory.FLYER,
        False,
        DocumentAudience.MEMBERS,
        None,
        "Interkulturelle Arbeitsmarktlotsen begleiten Migrantinnen und Migranten auf dem Weg "
        "in Arbeit und Ausbildung.",
    ),
    (
        "Planung Zwischenbericht (intern)",
        DocumentCategory.REPORT,
        False,
        DocumentAudience.COORDINATORS,
        None,
        "Zeitplan und Zuständigkeiten der Regionalkoordinationen für den Zwischenbericht.",
    ),
    (
        "Protokoll Facharbeitskreis Anerkennung",
        DocumentCategory.MINUTES,
        False,
        DocumentAudience.GROUP,
        "Facharbeitskreis Anerkennung",
        "Erfahrungen mit dem Anerkennungsgesetz; nächste Schritte der Teilhabeberatung.",
    ),
]


def demo_pdf(title: str, text: str) -> bytes:
    """A one-page PDF that says it is a demo document."""
    page = (
        f"<html lang='de'><head><meta charset='utf-8'><title>{title}</title></head><body>"
        "<p style='color:#a00'>Demo-Dokument – erfunden für die Vorführung des Portals</p>"
        f"<h1>{title}</h1><p>{text}</p></body></html>"
    )
    return HTML(string=page).write_pdf()


def load_library(network: DemoNetwork, *, now: datetime.datetime | None = None) -> None:
    """Create the groups, their meetings and the documents; a second run changes nothing."""
    now = now or timezone.now()
    admin = network.accounts[Role.ADMIN]
    coordinator = network.accounts[Role.COORDINATOR]
    guide_account = network.guides[GUIDE_WITH_ACCOUNT].user
    groups = {}
    for name, description in GROUPS.items():
        group, _created = WorkingGroup.objects.get_or_create(
            name=name, defaults={"description": description}
        )
        groups[name] = group
    groups["Facharbeitskreis Anerkennung"].members.add(
        *[user for user in (admin, coordinator, guide_account) if user is not None]
    )
    groups["Facharbeitskreis Öffentlichkeitsarbeit"].members.add(admin, coordinator)
    for group_name, title, days in MEETINGS:
        event = Event.objects.filter(title=title).first()
        if event is None or event.starts_at <= now:
            day = timezone.localdate(now) + datetime.timedelta(days=days)
            starts = timezone.make_aware(datetime.datetime.combine(day, datetime.time(14)))
            if event is None:
                event = Event.objects.create(
                    title=title, kind=EventKind.NETWORK_MEETING, city="Dortmund",
                    venue="MOZAIK gGmbH", starts_at=starts,
                    ends_at=starts + datetime.timedelta(hours=2), is_public=False,
                )  # fmt: skip
            else:
                event.starts_at, event.ends_at = starts, starts + datetime.timedelta(hours=2)
                event.save()
        groups[group_name].meetings.add(event)
    region = coordinator.coordinated_regions.first() if coordinator else None
    for title, category, regional, audience, group_name, text in DOCUMENTS:
        if Document.objects.filter(title=title, is_demo=True).exists():
            continue
        document = Document(
            title=title,
            description="Demo-Dokument",
            category=category,
            region=region if regional else None,
            audience=audience,
            group=groups[group_name] if group_name else None,
            date=datetime.date(2014, 3, 1),
            is_demo=True,
        )
        create_document(document=document, data=demo_pdf(title, text),
                        filename=f"{slugify(title)}.pdf", user=admin)  # fmt: skip
