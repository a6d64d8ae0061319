"""The demo's newsletter: the March 2014 issue of the seed, sent, in the public archive.

Its items are the demo events' reports (the lead story from Hagen, six regional items, the
Aachen ticker line), the seed's two products with small stand-in PDFs, and the seed's four
dates. Running it again changes nothing; the issue is rendered again only when its content
changed or its PDF is missing.
"""

import datetime
import zoneinfo

from django.conf import settings
from django.core.files.base import ContentFile
from django.db.models import Max

from lotsen.core.pdf import render_pdf
from lotsen.core.roles import Role
from lotsen.demo.network import DemoNetwork, upsert
from newsletters.models import Issue, IssueItem, IssueState, Section
from newsletters.rendering.render import render_and_store

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
NUMBER = 1
ISSUE = {
    "title": "Newsletter März 2014",
    "issue_date": datetime.date(2014, 3, 31),
    "copy_deadline": datetime.date(2014, 3, 21),
    "state": IssueState.SENT,
    "approved_at": datetime.datetime(2014, 3, 27, 16, 0, tzinfo=BERLIN),
    "sending_started_at": datetime.datetime(2014, 3, 31, 10, 0, tzinfo=BERLIN),
    "sent_at": datetime.datetime(2014, 3, 31, 10, 0, tzinfo=BERLIN),
}
REGIONAL = ("bielefeld", "schwelm", "solingen", "siegen-1", "siegen-2", "meschede")
PROJECT = "„Interkulturelle Arbeitsmarktlotsen aus Migrantorganisationen in NRW“"
# headline, text, link text, file name
PRODUCTS = (
    (
        f"Zwischenbericht 2013 des landesweiten IQ Modellprojekts {PROJECT}",
        "In Deutschland besitzen rund 16 Millionen Menschen eine Einwanderungsgeschichte, davon "
        "leben etwa vier Millionen in Nordrhein-Westfalen (Zensus 2011). Verschiedene Studien "
        "zeigen, dass Migrantinnen und Migranten und deren Organisationen einer "
        "zielgruppenspezifischen Berufsförderung bedürfen, um Chancengleichheit auf dem "
        "Arbeitsmarkt zu erreichen. Insbesondere arbeitsuchende, erwachsene Migrantinnen und "
        "Migranten werden mit regulären Förder- und Beratungsangeboten oft nicht erreicht. "
        "Migrantorganisationen können hier eine Schlüsselrolle spielen: Sie besitzen den "
        "besonderen Zugang zur Zielgruppe. Über 50 % der MigrantInnen in einer Kommune können "
        "über diesen Weg angesprochen werden (Studie des Ministeriums für Arbeit, Soziales und "
        "Stadtentwicklung, Kultur und Sport NRW, 1999). In NRW gibt es ca. 2.400 "
        "Migrantorganisationen.",
        "zum Zwischenbericht",
        "zwischenbericht-2013-demo.pdf",
    ),
    (
        "IQ Modellprojektflyer: Die Idee der interkulturellen Arbeitsmarktlotsen aus "
        "Migrantorganisationen in Nordrhein-Westfalen",
        "Durch die Etablierung von interkulturellen Arbeitsmarktlotsen in den Regionen sollten "
        "Migrantinnen und Migranten die Angebote zur Förderung der Arbeitsmarktintegration "
        "verstärkt wahrnehmen. Auch können die Arbeitsmarktlotsen als Netzwerkpartner/-innen und "
        "Experten/-innen für ihre Zielgruppe in regionalen Arbeitskreisen fungieren. Dadurch "
        "kann die berufliche Situation von Migrantinnen und Migranten nachhaltig verbessert und "
        "gefestigt werden.",
        "zum Flyer",
        "modellprojektflyer-demo.pdf",
    ),
)
# event key, label
DATES = (
    ("diskriminierung", "Fachtagung"),
    ("anerkennungsgesetz", "Fachtagung"),
    ("euskirchen", ""),
    ("integrationskonferenz", "Fachtagung"),
)


def load_newsletter(network: DemoNetwork) -> Issue:
    """Put the March 2014 issue in place as a sent issue, rendered for the archive."""
    admin = network.accounts.get(Role.ADMIN)
    issue = upsert(Issue, {"number": NUMBER}, {**ISSUE, "approved_by": admin})
    reports = {key: network.events[key].report for key in ("hagen", "aachen", *REGIONAL)}

    hagen = reports["hagen"]
    _item(issue, Section.LEAD, 1, report=hagen, region=None, headline=hagen.headline,
          dateline=hagen.dateline, teaser=hagen.teaser)  # fmt: skip
    for position, key in enumerate(REGIONAL, start=1):
        report = reports[key]
        _item(issue, Section.REGIONAL, position, report=report, region=report.event.region,
              headline=report.headline, dateline=report.dateline, teaser=report.teaser)  # fmt: skip
    aachen = reports["aachen"]
    _item(issue, Section.TICKER, 1, report=aachen, region=aachen.event.region,
          dateline="Am 14.02.2014", teaser=aachen.teaser, body=aachen.body)  # fmt: skip
    for position, (headline, text, label, filename) in enumerate(PRODUCTS, start=1):
        product = _item(issue, Section.PRODUCT, position, headline=headline, teaser=text,
                        label=label)  # fmt: skip
        _ensure_attachment(product, filename)
    for position, (key, label) in enumerate(DATES, start=1):
        event = network.events[key]
        _item(issue, Section.DATE, position, event=event, headline=event.title, label=label,
              date=event.starts_at.astimezone(BERLIN).date())  # fmt: skip

    if _needs_rendering(issue):
        render_and_store(issue)
    return issue


def _item(issue: Issue, section: str, position: int, **values) -> IssueItem:
    return upsert(IssueItem, {"issue": issue, "section": section, "position": position}, values)


def _ensure_attachment(item: IssueItem, filename: str) -> None:
    """A one-page stand-in PDF, made once (and again only if its file went missing)."""
    if item.attachment and item.attachment.storage.exists(item.attachment.name):
        return
    pdf = render_pdf(
        "pdf/demo_product.html",
        {
            "text": item.teaser,
            "publisher": settings.PUBLISHER["name"],
            "funding_notice": settings.PUBLISHER["funding_notice"],
        },
        title=item.headline,
    )
    item.attachment.save(filename, ContentFile(pdf), save=True)


def _needs_rendering(issue: Issue) -> bool:
    if issue.rendered_at is None or not issue.pdf:
        return True
    if not issue.pdf.storage.exists(issue.pdf.name):
        return True
    changed = issue.items.aggregate(last=Max("updated_at"))["last"]
    return issue.updated_at > issue.rendered_at or (changed and changed > issue.rendered_at)
