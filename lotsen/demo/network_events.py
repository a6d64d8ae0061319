"""The demo network's events: the March 2014 newsletter's meetings and dates, and upcoming ones.

Report texts are the newsletter's own (it is public). A report's ``dateline`` and ``teaser``
read as one sentence, "Schwelm – Am 13.03.2014" + "luden das ...", as in the newsletter (the
lead story's first sentence is turned around to fit).
The newsletter gives only dates; the hours, and the cities of the statewide conferences, are
assumptions.
"""

import datetime
import zoneinfo
from typing import NamedTuple

from django.utils import timezone

from events.models import Event, EventKind, EventReport, Registration, RegistrationStatus
from lotsen.demo import members
from lotsen.demo.network import MOZAIK, DemoNetwork, day, ensure_history, upsert
from lotsen.demo.report_photos import load_report_photos
from lotsen.guides.services import set_guide_status
from lotsen.models.guides import CompletedTraining

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def _organisations_in(slug: str) -> tuple[str, ...]:
    return tuple(org.name for org in members.ORGANISATIONS[slug])


def _guides_in(slug: str) -> tuple[tuple[str, str], ...]:
    names = set(_organisations_in(slug))
    return tuple(
        (person.first_name, person.last_name)
        for org_name, people in members.GUIDES.items()
        if org_name in names
        for person in people
    )


def _text(text: str) -> str:
    """Join a hard-wrapped text into paragraphs separated by blank lines."""
    paragraphs = text.strip().split("\n\n")
    return "\n\n".join(" ".join(line.strip() for line in p.splitlines()) for p in paragraphs)


class DemoEvent(NamedTuple):
    key: str
    title: str
    kind: str
    region: str | None  # slug; None: statewide
    city: str
    venue: str
    starts: str  # "YYYY-MM-DD HH:MM", Europe/Berlin
    ends: str  # "HH:MM" the same day
    public: bool
    headcount: int | None = None
    organisers: tuple[str, ...] = (MOZAIK,)
    agencies: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    guides: tuple[tuple[str, str], ...] = ()
    description: str = ""


KI_EN = "Kommunales Integrationszentrum Ennepe-Ruhr-Kreis"
KI_HSK = "Kommunales Integrationszentrum Hochsauerlandkreis"
KI_SG = "Kommunales Integrationszentrum Solingen"
RA_OWL = "Regionalagentur OstWestfalenLippe"
RA_SI = "Regionalagentur Siegen-Wittgenstein und Olpe"

HAGEN_PARTNERS = (
    "Regionalagentur Märkische Region (agenturmark)",
    "Regionalagentur Düsseldorf/Kreis Mettmann",
    "Regionalagentur Emscher-Lippe",
    "Regionalagentur Hellweg-Hochsauerland",
    "Regionalagentur Mittleres Ruhrgebiet",
    "Regionalagentur Münsterland",
    "Regionalagentur NiederRhein",
    RA_SI,
    KI_EN,
    "Kommunales Integrationszentrum Märkischer Kreis",
    KI_HSK,
    KI_SG,
    "Bildungswerk für Friedensarbeit",
    "N.U.R.E.C. Institute Duisburg e.V.",
    "Stabsstelle Integration der Bundesstadt Bonn",
    "G.I.B. – Gesellschaft für innovative Beschäftigungsförderung mbH",
)

EVENTS = (
    DemoEvent(
        "hagen", "Zweiter überregionaler Austauschworkshop der Modellprojektpartner",
        EventKind.EXCHANGE_WORKSHOP, None, "Hagen", "Kreishandwerkerschaft Hagen",
        "2014-02-20 10:00", "16:00", public=False, headcount=17, agencies=HAGEN_PARTNERS,
        description="Projektinterner Austausch der regionalen Kooperationspartner.",
    ),
    DemoEvent(
        "bielefeld", "Austauschworkshop mit Migrantenorganisationen in Ostwestfalen-Lippe",
        EventKind.EXCHANGE_WORKSHOP, "ostwestfalen-lippe", "Bielefeld", "",
        "2014-03-19 14:00", "17:00", public=False, organisers=(RA_OWL, MOZAIK),
        agencies=(RA_OWL,),
    ),
    DemoEvent(
        "schwelm", "Auftaktveranstaltung mit Migrantenorganisationen im Ennepe-Ruhr-Kreis",
        EventKind.KICK_OFF, "mittleres-ruhrgebiet", "Schwelm", "Rathaus Schwelm",
        "2014-03-13 17:00", "19:30", public=True, organisers=(KI_EN, MOZAIK), agencies=(KI_EN,),
        organisations=_organisations_in("mittleres-ruhrgebiet"),
    ),
    DemoEvent(
        "solingen", "Informationsveranstaltung zum IQ Modellprojekt in Solingen",
        EventKind.INFORMATION, "bergisches-staedtedreieck", "Solingen", "Rathaus Solingen",
        "2014-03-12 18:00", "20:30", public=True, headcount=19, organisers=(KI_SG, MOZAIK),
        agencies=(KI_SG,), organisations=_organisations_in("bergisches-staedtedreieck"),
    ),
    DemoEvent(
        "siegen-1", "Vorstellung des IQ Modellprojekts für Migrantenorganisationen in Siegen",
        EventKind.INFORMATION, "siegen-wittgenstein-olpe", "Siegen", "",
        "2014-02-12 18:00", "20:00", public=True, organisers=(RA_SI, MOZAIK), agencies=(RA_SI,),
        organisations=_organisations_in("siegen-wittgenstein-olpe"),
    ),
    DemoEvent(
        "siegen-2", "Infoveranstaltung für Migrantenorganisationen im Kreishaus Siegen",
        EventKind.INFORMATION, "siegen-wittgenstein-olpe", "Siegen", "Kreishaus Siegen",
        "2014-02-24 18:00", "20:00", public=True, organisers=(RA_SI, MOZAIK), agencies=(RA_SI,),
        organisations=_organisations_in("siegen-wittgenstein-olpe"),
    ),
    DemoEvent(
        "meschede", "Auftaktveranstaltung mit Migrantenorganisationen im Hochsauerlandkreis",
        EventKind.KICK_OFF, "hellweg-hochsauerland", "Meschede", "Kreishaus Meschede",
        "2014-02-18 16:00", "18:30", public=True, organisers=(KI_HSK, MOZAIK),
        agencies=(KI_HSK, "Regionalagentur Hellweg-Hochsauerland",
                  "Jobcenter Hochsauerlandkreis", "Wirtschaftsförderung Hochsauerland"),
        organisations=_organisations_in("hellweg-hochsauerland"),
        guides=_guides_in("hellweg-hochsauerland"),
    ),
    DemoEvent(
        "aachen", "Austauschgespräch zur Kooperation in der Region Aachen",
        EventKind.NETWORK_MEETING, "aachen", "Aachen", "", "2014-02-14 10:00", "12:00",
        public=False,
        agencies=("Jobcenter StädteRegion Aachen", "Kommunales Integrationszentrum Aachen",
                  "Kreis Heinsberg"),
    ),
    DemoEvent(
        "diskriminierung",
        "Abbau von Diskriminierung im Arbeitsmarktkontext: Was ist erreicht, was bleibt zu tun?",
        EventKind.CONFERENCE, None, "Düsseldorf", "", "2014-04-01 10:00", "16:30", public=True,
        organisers=(),
    ),
    DemoEvent(
        "anerkennungsgesetz", "Zwei Jahre Anerkennungsgesetz - Bilanz und Ausblick",
        EventKind.CONFERENCE, None, "Düsseldorf", "", "2014-04-28 10:00", "16:00", public=True,
        organisers=(),
    ),
    DemoEvent(
        "euskirchen", "Auftaktveranstaltung mit Migrantorganisationen im Kreis Euskirchen",
        EventKind.KICK_OFF, "aachen", "Euskirchen", "", "2014-05-19 17:00", "19:30",
        public=True,
    ),
    DemoEvent(
        "integrationskonferenz",
        "Integrationskonferenz des Deutschen Städtetages in Kooperation mit der Stadt Bielefeld:"
        " „Städte l(i)eben Vielfalt! Integration und Arbeitsmarkt“",
        EventKind.CONFERENCE, "ostwestfalen-lippe", "Bielefeld", "", "2014-11-20 10:00",
        "17:00", public=True, organisers=(),
    ),
    DemoEvent(
        "qualifizierung-witten",
        "Qualifizierung für Arbeitsmarktlotsen: Jobcenter, Arbeitsagentur und Anerkennung",
        EventKind.TRAINING, "mittleres-ruhrgebiet", "Witten", "", "2014-04-05 10:00", "15:00",
        public=True, organisers=(KI_EN, MOZAIK), guides=_guides_in("mittleres-ruhrgebiet"),
        description="Erste Qualifizierungseinheit für die Lotsinnen und Lotsen im "
        "Ennepe-Ruhr-Kreis.",
    ),
    DemoEvent(
        "qualifizierung-solingen",
        "Qualifizierung für Arbeitsmarktlotsen: Begleitung und Beratung",
        EventKind.TRAINING, "bergisches-staedtedreieck", "Solingen", "Rathaus Solingen",
        "2014-05-17 10:00", "15:00", public=True, organisers=(KI_SG, MOZAIK),
        guides=_guides_in("bergisches-staedtedreieck")[:10],
        description="Qualifizierung der Lotsinnen und Lotsen aus den Solinger "
        "Migrantenorganisationen.",
    ),
)  # fmt: skip

TRAINING_PROVIDER = MOZAIK

MODELLPROJEKT = (
    "„Interkulturelle Arbeitsmarktlotsen aus Migrantenorganisationen in Nordrhein-Westfalen“"
)

# event key: headline, dateline, teaser, full text
REPORTS = {
    "hagen": (
        "IQ Modellprojektpartner aus NRW treffen sich zum zweiten überregionalen Austausch in "
        "Hagen",
        "Hagen – Am 20.02.2014",
        "lud die MOZAIK gGmbH als landesweite Koordinierungsstelle die "
        "regionalen Kooperationspartner des Modellprojekts „Interkulturelle Arbeitsmarktlotsen "
        "aus Migrantorganisationen in NRW“ zum zweiten projektinternen Austauschworkshop nach "
        "Hagen ein.",
        _text("""
            Aus den einzelnen Modellprojektstandorten waren folgende Kooperationspartnerinnen und
            -partner zum Treffen gekommen: Vertreter/-innen der Regionalagenturen agenturmark,
            Düsseldorf/Kreis Mettmann, Emscher-Lippe, Hellweg-Hochsauerland, Mittleres
            Ruhrgebiet, Münsterland, Nieder-Rhein, Siegen-Olpe-Wittgenstein sowie
            Vertreter/-innen der Kommunalen Integrationszentren Ennepe-Ruhr-Kreis, Märkischer
            Kreis, Hochsauerlandkreis und der Stadt Solingen. Außerdem nahmen als
            Kooperationspartner das Bildungswerk für Friedensarbeit, das N.U.R.E.C. Institute
            Duisburg e.V. und die Stabsstelle Integration der Bundesstadt Bonn an dem
            Austauschtreffen teil. Auch die Gesellschaft für innovative Beschäftigungsförderung
            mbH (G.I.B.) war am Nachmittag durch Lars Czommer vertreten.

            IQ-Modellprojektleiter Cemalettin Özer (MOZAIK gGmbH) begrüßte die Anwesenden 17
            Projektpartner in der Kreishandwerkerschaft Hagen. Herr Özer fasste das Modellprojekt
            für die Projektpartner, die bei dem letzten Austauschtreffen noch nicht mit dabei
            waren, kurz zusammen und präsentierte anschließend den aktuellen Umsetzungsstand.
            „Alle sechzehn Regionalagenturen in NRW wurden kontaktiert und mit zehn der
            Regionalagenturen wurde bisher eine verbindliche Zusammenarbeit vereinbart. Zwei
            weitere Agenturen sind an einer Zusammenarbeit interessiert und in weiteren vier
            Standorten finden derzeit Abstimmungsgespräche statt, so der Projektleiter Herr Özer.

            Die neuen Projektpartner konnten sich anschließend den überregionalen Kolleginnen und
            Kollegen vorstellen und ihre lokalen Erfolge und Hürden darlegen. Daraufhin hatten
            die Projektbeteiligten, die schon länger im Modellprojekt mitwirken, die Möglichkeit,
            ihre Fortschritte seit dem letzten Treffen Ende Oktober 2013 zu präsentieren. Die
            neuen Projektpartner nutzten wiederum die Gelegenheit sich mit den weiteren
            Projektpartnern auszutauschen. So ergab sich u.a. ein Austausch darüber, welche
            Strategien die einzelnen Regionen bei der Kooperation mit ehrenamtlich organisierten
            Migrantorganisationen nutzen und welche Erfahrungen sie damit gemacht haben. Es
            kristallisierte heraus, dass die Begebenheiten in jeder Region so verschieden sind,
            dass eine Übernahme der lokalen „Erfolgsrezepte“ ein zu eins nicht möglich ist. Dem
            entsprechend muss jede Region eine angepasste Strategie für die regionale
            Projektumsetzung entwerfen. Der Austausch wurde aber auch genutzt, um sich Anregungen
            aus anderen Regionen zu holen und diese auf die eigene Situation anzupassen.

            In einem weiteren Arbeitsteil wurden erste Entwürfe von Informationsblättern und
            Visitenkarten für die Arbeitsmarktlotsen präsentiert. Diese Materialien sollen den
            derzeit 43 ehrenamtlichen Arbeitsmarktlotsen aus 30 Migrantorganisationen zum
            Beispiel dabei helfen, die Arbeit in den verschiedenen Ämtern (z.B. als
            Begleitperson) zu erleichtern.

            Zum Nachmittagsteil des Workshops stellte Cemalettin Özer die am Vormittag
            erarbeiteten Ergebnisse und Handlungsempfehlungen vor. Anschließend erläuterte Lars
            Czommer die Themenschwerpunkte des IQ Netzwerks NRW und informierte kurz über den
            Stand der Umsetzung. In einem weiteren Programmpunkt wurden die ersten Ergebnisse,
            der von der MOZAIK gGmbH initiierten Medienkampagne, vorgestellt. Weiterhin einigten
            sich die Teilnehmenden darauf, dass ein überregionaler Austauschworkshop für die
            ehrenamtlichen Arbeitsmarktlotsen/-innen erstrebenswert ist. In den nächsten
            regionalen Treffen der Projektpartner/-innen mit den Arbeitsmarktlotsinnen und
            -lotsen werden die Bedarfe für ein solches Treffen geklärt. Die MOZAIK gGmbH bietet
            darüber hinaus an, die regionalen Netzwerk- und Qualifizierungstreffen zu besuchen,
            um je nach Bedarf kleine Qualifizierungseinheiten zu den Themen Nachhaltigkeit,
            Interkulturelle Netzwerkbildung oder Öffentlichkeitsarbeit von und für
            Migrantenorganisationen durchzuführen. Im Oktober bzw. November 2014 soll es eine
            landesweite Abschlusstagung des IQ Modellprojekts geben.
        """),
    ),
    "bielefeld": (
        "IQ Modellprojekt „Interkulturelle Arbeitsmarktlotsen aus NRW“ auch in Ostwestfalen-Lippe",
        "Bielefeld – Am 19.03.2014",
        "luden die Regionalagentur OstWestfalenLippe und der IQ Modellprojektträger MOZAIK "
        "gGmbH die Migrantenorganisationen zu einem Austauschworkshop ein.",
        _text("""
            Um sich über das IQ Modellprojekt „Interkulturelle Arbeitsmarktlotsen aus NRW“
            auszutauschen, luden die Regionalagentur OWL und der IQ Modellprojektträger MOZAIK
            gGmbH die Migrantenorganisationen in Bielefeld zu einem Austauschworkshop ein. Von
            der Regionalagentur OWL war Martina Möhring vertreten.

            Da es in Ostwestfalen-Lippe bereits unterschiedliche Lotsenprojekte gab, ging es im
            Austauschworkshop primär darum, die Erfahrungen im Bereich Migration, Arbeitsmarkt
            und Integration gemeinsam mit den Vertretern der Migrantenorganisationen
            zusammenzutragen und zu diskutieren. Daraus sollen im weiteren Prozess unter anderem
            Handlungsempfehlungen für zukünftige Arbeitsmarktprojekte erarbeitet werden.
        """),
    ),
    "schwelm": (
        "Erste Auftaktveranstaltung mit vier Migrantenorganisationen im Ennepe-Ruhr-Kreis",
        "Schwelm – Am 13.03.2014",
        "luden das Kommunale Integrationszentrum des Ennepe-Ruhr-Kreises und der IQ "
        "Modellprojektträger MOZAIK GmbH interessierte Migrantenorganisationen zu einem ersten "
        "Treffen in das Rathaus in Schwelm ein.",
        _text(f"""
            Zur Auftaktveranstaltung begrüßten Lale Arslanbenzer (Leiterin des Kommunalen
            Integrationszentrums Ennepe-Ruhr-Kreis) und Armin Suceska (pädagogischer Mitarbeiter
            des Kommunalen Integrationszentrums und regionaler Koordinator des IQ Modellprojekts
            in der Region Ennepe-Ruhr-Kreis) die anwesenden Migrantenorganisationen. Gefolgt
            waren der Einladung in das Kreishaus der Stadt Schwelm die Migrantenorganisationen
            Bosnische Gemeinde Witten e.V., DITIB Türkische Gemeinde Schwelm e.V.,
            Griechisch-Deutscher Sport- und Kulturverein Hellas Gevelsberg e.V. und der
            Türkische-Schüler-Eltern Förderverein e.V. Der Projektleiter Herr Özer stellte den
            Teilnehmenden das IQ Modellprojekt {MODELLPROJEKT} dar. Er betonte, dass insbesondere
            Migrantenorganisationen durch das Projekt zur Verbesserung der
            Arbeitsmarktintegration viel beitragen können.
        """),
    ),
    "solingen": (
        "IQ Modellprojekt „Interkulturelle Arbeitsmarktlotsen aus NRW“ stößt auf reges "
        "Interesse in Solingen",
        "Solingen – Am 12.03.2014",
        f"fand die Informationsveranstaltung zum IQ Modellprojekt {MODELLPROJEKT} statt. "
        "Eingeladen dazu hat das Kommunale Integrationszentrum Solingen und der IQ "
        "Modellprojektträger MOZAIK gGmbH aus Bielefeld.",
        _text("""
            Anne Wehkamp (Leiterin des Stadtdienstes Integration und des Kommunalen
            Integrationszentrums Solingen) und Maria Carroccio Ricchiuti (Kommunales
            Integrationszentrum Solingen) begrüßten die anwesenden Migrantenorganisationen zur
            Auftaktveranstaltung. 19 Vertreter/-innen der eingeladenen Migrantenorganisationen
            sind der Einladung ins Rathaus gefolgt. Darunter waren: Afro-German e.V., Alevitische
            Kulturgemeinde Solingen und Umgebung e.V., Centro Culturale Operaio Italiano e.V.,
            DITIB Merkez, Internationales Frauenzentrum Solingen e.V., Islamisches Zentrum
            Solingen e.V., Patronato Labor, Portugiesischer Verein e.V., Spektrum e.V.,
            Tamilischer Kultur-Sportverein Solingen e.V., Türkischer Volksverein e.V.,
            Türkischer Elternverein e.V. und Vatanspor e.V. Die Teilnehmer/-innen der
            Migrantenorganisationen nutzten die Möglichkeit ihre Organisation vorzustellen.
        """),
    ),
    "siegen-1": (
        "Migrantenorganisationen als Projektpartner in der Regionalagentur Siegen–Wittgenstein "
        "und Olpe",
        "Siegen – Am 12.02.2014",
        "lud die Regionalagentur Siegen–Wittgenstein und Olpe Migrantenorganisationen aus Siegen "
        "und der Umgebung zur Vorstellung des IQ Modellprojektes „Interkulturelle "
        "Arbeitsmarktlotsen aus Migrantenorganisationen in NRW“ ein.",
        _text(f"""
            Antje Saßmannshausen, von der Regionalagentur Siegen – Wittgenstein und Olpe,
            begrüßte die Vertreter/-innen der Migrantenorganisationen und stellte anschließend
            die Aufgaben und Ziele der Regionalagentur vor. Der Einladung der Regionalagentur
            waren zahlreiche interessierte Vertreterinnen und Vertreter von
            Migrantenorganisationen gefolgt. Cemalettin Özer, Geschäftsführer der MOZAIK gGmbH
            (Bielefeld), stellte als Projektleiter das IQ Modellprojekt {MODELLPROJEKT} vor.
            Dieses Projekt wird vom Bundesministerium für Arbeit und Soziales,
            Bundesministerium für Bildung und Forschung und von der Bundesagentur für Arbeit
            gefördert und von der MOZAIK gGmbH durchgeführt. Die Zielgruppe des Modellprojekts
            sind Erwachsene mit Migrationshintergrund über 25 Jahre, die in den Arbeitsmarkt
            integriert werden sollen. „Bei diesem Projekt geht es um die Beteiligung von
            Migrantenorganisationen an Arbeitsmarktprogrammen. Dafür werden aktuell interessierte
            Personen gesucht, die als sogenannte ehrenamtliche „Interkulturelle
            Arbeitsmarktlotsen“ in ihrer Migrantenorganisation tätig sein sollen,“ so Herr Özer.
        """),
    ),
    "siegen-2": (
        "Regionalagentur Siegen-Wittgenstein und Olpe empfangen Migrantenorganisationen zu einer "
        "Infoveranstaltung",
        "Siegen – Am 24.02.2014",
        "trafen sich Migrantenorganisationen mit Vertretern/-innen der Regionalagentur "
        "Siegen-Wittgenstein und Olpe im Kreishaus in Siegen. Dort wurde von der MOZAIK gGmbH "
        f"das IQ Modellprojekt {MODELLPROJEKT} vorgestellt.",
        _text("""
            Auch dieses zweite Treffen war dank der Bemühungen der Regionalagentur
            Siegen-Wittgenstein und Olpe als koordinierende Stelle wieder sehr gut besucht. Nach
            der allgemeinen Begrüßung durch Antje Saßmannshausen (Regionalagentur
            Siegen–Wittgenstein und Olpe) stellte der Projektleiter Cemalettin Özer (MOZAIK
            gGmbH) den anwesenden die Inhalte des Projekts dar. „Das Projekt verfolgt das Ziel,
            durch erprobte Maßnahmen die berufliche Situation von Migrantinnen und Migranten
            nachhaltig zu verbessern und zu festigen. Dazu können vor allem
            Migrantenorganisationen als Kooperationspartner einiges beitragen“, so Herr Özer.
            Das Projekt sieht vor, sogenannte Arbeitsmarktlotsen als Multiplikatoren zu
            qualifizieren, einzusetzen und in bestehende Netzwerke einzubinden.
        """),
    ),
    "meschede": (
        "Fünf Arbeitsmarktlotsen aus dem Hochsauerlandkreis beteiligen sich am Modellprojekt",
        "Meschede – Am 18.02.2014",
        "empfing das Kommunale Integrationszentrum Hochsauerlandkreis interessierte "
        "Migrantenorganisationen zu einem Treffen in das Kreishaus in Meschede ein. Anlass dazu "
        f"war das IQ Modellprojekt {MODELLPROJEKT}.",
        _text("""
            Dorothee Schackmann vom Kommunalen Integrationszentrum und der IQ
            Modellprojektleiter Cemalettin Özer von MOZAIK begrüßten alle Anwesenden zum ersten
            gemeinsamen Treffen.

            Neben dem Team des Kommunalen Integrationszentrums Hochsauerlandkreis waren Tobias
            Eggenstein von der Regionalagentur Hellweg-Hochsauerland, Nicole Ackermann vom
            Jobcenter der Stadt Meschede und Martina Aberle von der Wirtschaftsförderung
            Hochsauerland anwesend.

            Seitens der Migrantenorganisationen sind fünf zukünftige Arbeitsmarktlotsen der
            Einladung ins Kreishaus gefolgt: Die Alevitische Gemeinde HSK, DITIB Arnsberg und drei
            Einzelpersonen. Ganz im Sinne des Netzwerkgedankens haben anschließend die anwesenden
            Teilnehmer/-innen die Möglichkeit genutzt, sich, ihre Organisation und die Motivation
            zur Teilnahme am Modellprojekt vorzustellen.
        """),
    ),
    # The newsticker item has no headline of its own.
    "aachen": (
        "Erstes Austauschgespräch zur Kooperation in der Region Aachen",
        "Aachen – Am 14.02.2014",
        "fand in Aachen das erste Austauschgespräch zur Verabredung einer möglichen Kooperation "
        "in der Region Aachen statt.",
        "An dem Gespräch nahmen Vertreter/-innen aus Jobcentern, dem Kommunalen "
        "Integrationszentrum Aachen und dem Kreis Heinsberg an dem Treffen teil.",
    ),
}

# Upcoming events keep a fresh demo's calendar filled, whenever it is loaded.
# title, kind, region, city, venue, weeks ahead, weekday (0 = Monday), hours, organisers
UPCOMING = (
    ("Netzwerktreffen der Arbeitsmarktlotsen im Ennepe-Ruhr-Kreis", EventKind.NETWORK_MEETING,
     "mittleres-ruhrgebiet", "Schwelm", "Rathaus Schwelm", 1, 1, ("17:00", "19:00"),
     (KI_EN, MOZAIK)),
    ("Qualifizierung: Begleitung zu Jobcenter und Agentur für Arbeit", EventKind.TRAINING,
     "bergisches-staedtedreieck", "Solingen", "Rathaus Solingen", 3, 5, ("10:00", "15:00"),
     (KI_SG, MOZAIK)),
    ("Informationsveranstaltung für Migrantenorganisationen im Münsterland",
     EventKind.INFORMATION, "muensterland", "Münster", "", 6, 3, ("18:00", "20:00"),
     ("Regionalagentur Münsterland", MOZAIK)),
    ("Landesweite Fachtagung: Migrantenorganisationen als Partner der Arbeitsmarktintegration",
     EventKind.CONFERENCE, None, "Düsseldorf", "", 10, 2, ("10:00", "16:00"), (MOZAIK,)),
)  # fmt: skip


# Registration for the upcoming events: places (None = no limit) and days before the start
# when registration closes (None = at the start).
REGISTRATION = {
    "Netzwerktreffen der Arbeitsmarktlotsen im Ennepe-Ruhr-Kreis": (25, None),
    "Qualifizierung: Begleitung zu Jobcenter und Agentur für Arbeit": (12, 3),
    "Informationsveranstaltung für Migrantenorganisationen im Münsterland": (None, None),
    "Landesweite Fachtagung: Migrantenorganisationen als Partner der Arbeitsmarktintegration": (
        150,
        7,
    ),
}
# Invented demo registrations, so that a coordinator's registration list is not empty.
DEMO_REGISTRATIONS = (
    ("Qualifizierung: Begleitung zu Jobcenter und Agentur für Arbeit", "Leyla Demo-Aydın",
     "leyla.aydin@demo.lotsen.de", "Türkischer Elternverein Solingen e.V. (Demo)", "", ""),
    ("Qualifizierung: Begleitung zu Jobcenter und Agentur für Arbeit", "Samir Demo-Haddad",
     "samir.haddad@demo.lotsen.de", "", "Arabisch", ""),
    ("Qualifizierung: Begleitung zu Jobcenter und Agentur für Arbeit", "Olena Demo-Koval",
     "olena.koval@demo.lotsen.de", "", "", "Stufenloser Zugang"),
)  # fmt: skip


def _at(date: datetime.date, hhmm: str) -> datetime.datetime:
    return datetime.datetime.combine(date, datetime.time.fromisoformat(hhmm), tzinfo=BERLIN)


def load_events(network: DemoNetwork, *, now: datetime.datetime | None = None) -> None:
    """Create or update the newsletter's events, their reports and trainings, and make sure
    the upcoming events lie in the future; running it twice changes nothing.
    """
    now = now or timezone.now()
    for ev in EVENTS:
        date_part, start = ev.starts.split()
        event = upsert(
            Event,
            {"title": ev.title, "starts_at": _at(day(date_part), start)},
            {
                "kind": ev.kind,
                "region": network.regions[ev.region] if ev.region else None,
                "city": ev.city,
                "venue": ev.venue,
                "ends_at": _at(day(date_part), ev.ends),
                "is_public": ev.public,
                "headcount": ev.headcount,
                "description": ev.description,
            },
        )
        event.organising_agencies.set([network.agencies[name] for name in ev.organisers])
        event.attending_agencies.set([network.agencies[name] for name in ev.agencies])
        event.attending_organisations.set(
            [network.organisations[name] for name in ev.organisations]
        )
        event.attending_guides.set([network.guides[key] for key in ev.guides])
        network.events[ev.key] = event
        if ev.kind == EventKind.TRAINING:
            _record_training(network, ev, event)
    for key, (headline, dateline, teaser, body) in REPORTS.items():
        upsert(
            EventReport,
            {"event": network.events[key]},
            {"headline": headline, "dateline": dateline, "teaser": teaser, "body": body},
        )
    load_report_photos(network)
    _ensure_upcoming(network, now)


def _record_training(network: DemoNetwork, ev: DemoEvent, event: Event) -> None:
    """Attending a training completes it and makes the guide active from that day."""
    completed_on = timezone.localtime(event.starts_at, BERLIN).date()
    for key in ev.guides:
        guide = network.guides[key]
        upsert(
            CompletedTraining,
            {"guide": guide, "event": event},
            {"title": ev.title, "completed_on": completed_on, "provider": TRAINING_PROVIDER},
        )
        ensure_history(guide, [(completed_on, "active", "")], set_guide_status, "guide")


def _ensure_upcoming(network: DemoNetwork, now: datetime.datetime) -> None:
    """Create missing upcoming events and move those a later run finds in the past."""
    today = timezone.localtime(now, BERLIN).date()
    for title, kind, slug, city, venue, weeks, weekday, hours, organisers in UPCOMING:
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
                is_public=True,
            )
            event.organising_agencies.set([network.agencies[name] for name in organisers])
        elif event.starts_at < now:
            event.starts_at, event.ends_at = starts_at, ends_at
            event.save(update_fields=["starts_at", "ends_at", "updated_at"])
        _open_registration(event)
        network.events[title] = event
    for title, name, email, organisation, interpreting, accessibility in DEMO_REGISTRATIONS:
        Registration.objects.get_or_create(
            event=network.events[title],
            email=email,
            defaults={
                "name": name,
                "organisation": organisation,
                "interpreting": interpreting,
                "accessibility": accessibility,
                "status": RegistrationStatus.CONFIRMED,
            },
        )


def _open_registration(event: Event) -> None:
    places, closes_days_before = REGISTRATION[event.title]
    deadline = None
    if closes_days_before is not None:
        deadline = event.starts_at - datetime.timedelta(days=closes_days_before)
    wanted = {"takes_registrations": True, "capacity": places, "registration_deadline": deadline}
    if any(getattr(event, field) != value for field, value in wanted.items()):
        for field, value in wanted.items():
            setattr(event, field, value)
        event.save(update_fields=[*wanted, "updated_at"])
