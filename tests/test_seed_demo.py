"""seed_demo: the network as the March 2014 newsletter counts it, idempotent, and scalable."""

import datetime
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib import auth
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from events.models import Event, EventKind, EventReport, Registration
from lotsen.core.roles import Role
from lotsen.demo.scale import SLUG_PREFIX
from lotsen.models.accompaniments import Accompaniment
from lotsen.models.accounts import User
from lotsen.models.guides import CompletedTraining, Guide, GuideLanguage, GuideStatusChange
from newsletters.reports.figures.base import Period
from newsletters.reports.figures.report import collect
from organisations.models import Agency, ContactPerson, MigrantOrganisation
from regions.models import Region, RegionStatusChange

NEWSLETTER_DATE = datetime.date(2014, 3, 1)
PASSWORD = "demo-lotsen-2014"
LOGINS = {
    "admin@demo.lotsen.de": Role.ADMIN,
    "koordination@demo.lotsen.de": Role.COORDINATOR,
    "lotse@demo.lotsen.de": Role.GUIDE,
}
NAMED_ORGANISATIONS = {
    "mittleres-ruhrgebiet": [
        "Bosnische Gemeinde Witten e.V.",
        "DITIB Türkische Gemeinde Schwelm e.V.",
        "Griechisch-Deutscher Sport- und Kulturverein Hellas Gevelsberg e.V.",
        "Türkischer-Schüler-Eltern Förderverein e.V.",
    ],
    "bergisches-staedtedreieck": [
        "Afro-German e.V.",
        "Alevitische Kulturgemeinde Solingen und Umgebung e.V.",
        "Centro Culturale Operaio Italiano e.V.",
        "DITIB Merkez",
        "Internationales Frauenzentrum Solingen e.V.",
        "Islamisches Zentrum Solingen e.V.",
        "Patronato Labor",
        "Portugiesischer Verein e.V.",
        "Spektrum e.V.",
        "Tamilischer Kultur-Sportverein Solingen e.V.",
        "Türkischer Volksverein e.V.",
        "Türkischer Elternverein e.V.",
        "Vatanspor e.V.",
    ],
    "hellweg-hochsauerland": ["Alevitische Gemeinde HSK", "DITIB Arnsberg"],
}
SNAPSHOT_MODELS = (
    Region,
    RegionStatusChange,
    Agency,
    MigrantOrganisation,
    ContactPerson,
    Guide,
    GuideLanguage,
    GuideStatusChange,
    CompletedTraining,
    Event,
    EventReport,
    Registration,
    User,
    EmailAddress,
)


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def row_counts() -> dict[str, int]:
    """Rows of every model of the project apps, M2M tables included, and of EmailAddress."""
    models = [
        model
        for label in ("lotsen", "regions", "organisations", "events")
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    ]
    return {model._meta.label: model.objects.count() for model in [*models, EmailAddress]}


def snapshot() -> dict[str, list[dict]]:
    return {m._meta.label: list(m.objects.order_by("pk").values()) for m in SNAPSHOT_MODELS}


@pytest.fixture
def demo(db) -> str:
    return seed()


# --- The network on the newsletter's date ------------------------------------------------------


def test_regions_by_status_on_the_newsletter_date(demo):
    assert Region.objects.status_counts(on=NEWSLETTER_DATE) == {
        "binding": 10,
        "interested": 2,
        "in_talks": 4,
    }
    binding = Region.objects.with_status(NEWSLETTER_DATE).filter(status="binding")
    assert set(binding.values_list("slug", flat=True)) == {
        "maerkische-region",
        "duesseldorf-kreis-mettmann",
        "emscher-lippe",
        "hellweg-hochsauerland",
        "mittleres-ruhrgebiet",
        "muensterland",
        "niederrhein",
        "siegen-wittgenstein-olpe",
        "bergisches-staedtedreieck",
        "bonn-rhein-sieg",
    }
    assert all(r.federal_state == "NW" for r in Region.objects.all())


def test_every_region_was_contacted_in_2013(demo):
    assert Region.objects.count() == 16
    for region in Region.objects.all():
        oldest = region.status_changes.order_by("valid_from").first()
        assert (oldest.status, oldest.valid_from.year) == ("contacted", 2013)


def test_status_on_a_past_day_differs_from_today(demo):
    owl = Region.objects.get(slug="ostwestfalen-lippe")
    aachen = Region.objects.get(slug="aachen")
    assert owl.status_on(NEWSLETTER_DATE) == "interested"
    assert owl.status_on(datetime.date(2014, 3, 19)) == "binding"
    assert aachen.status_on(datetime.date(2014, 2, 14)) == "in_talks"
    assert aachen.status_on(timezone.localdate()) == "interested"
    assert Region.objects.status_counts() != Region.objects.status_counts(on=NEWSLETTER_DATE)


def test_43_guides_from_30_organisations(demo):
    in_network = (
        Guide.objects.with_status(NEWSLETTER_DATE).exclude(status=None).exclude(status="left")
    )
    assert in_network.count() == 43
    assert Guide.objects.count() == 43
    assert MigrantOrganisation.objects.filter(guides__in=in_network).distinct().count() == 30
    assert not MigrantOrganisation.objects.filter(guides=None).exists()
    for guide in Guide.objects.prefetch_related("organisations", "languages"):
        assert guide.is_demo
        assert [org.region_id for org in guide.organisations.all()] == [guide.region_id]
        assert 1 <= len(guide.languages.all()) <= 3


def test_some_guides_change_status_later(demo):
    today = Guide.objects.with_status().values_list("status", flat=True)
    assert "left" in today
    assert "paused" in today
    back = Guide.objects.get(first_name="Amra", last_name="Hodžić")
    assert back.status_on(datetime.date(2015, 5, 1)) == "paused"
    assert back.status_on(timezone.localdate()) == "active"


def test_the_named_organisations_exist_in_their_regions(demo):
    for slug, names in NAMED_ORGANISATIONS.items():
        for name in names:
            org = MigrantOrganisation.objects.get(name=name)
            assert org.region.slug == slug
            assert not org.is_demo
            assert org.joined_on < NEWSLETTER_DATE
    assert MigrantOrganisation.objects.count() == 30
    invented = MigrantOrganisation.objects.filter(is_demo=True)
    assert invented.count() == 11
    assert set(invented.values_list("region__slug", flat=True)).isdisjoint(NAMED_ORGANISATIONS)
    assert MigrantOrganisation.objects.get(name="DITIB Merkez").legal_form == "religious"


def test_organisations_carry_vocabularies_and_a_few_lack_a_contact(demo):
    orgs = MigrantOrganisation.objects.annotate(
        n_languages=Count("languages", distinct=True),
        n_communities=Count("communities", distinct=True),
        n_roles=Count("roles", distinct=True),
        n_fields=Count("thematic_fields", distinct=True),
    )
    assert all(o.n_languages and o.n_communities and o.n_roles and o.n_fields for o in orgs)
    assert 2 <= MigrantOrganisation.objects.filter(contact_persons=None).count() <= 3
    assert MigrantOrganisation.objects.filter(listed_publicly=False).exists()
    assert MigrantOrganisation.objects.filter(support_received__isnull=False).exists()
    assert not ContactPerson.objects.filter(is_demo=False).exists()


def test_agencies_agreed_while_their_region_cooperated(demo):
    assert not Agency.objects.filter(contact_persons=None).exists()
    for slug in ("mittleres-ruhrgebiet", "bergisches-staedtedreieck", "ostwestfalen-lippe"):
        assert Agency.objects.filter(regions__slug=slug, kind="regional_agency").count() == 1
    agreed = Agency.objects.exclude(cooperation_agreed_on=None).prefetch_related("regions")
    assert agreed.count() >= 10
    for agency in agreed:
        for region in agency.regions.all():
            assert region.status_on(agency.cooperation_agreed_on) == "binding", agency
    mozaik = Agency.objects.get(name="MOZAIK gGmbH")
    assert (mozaik.kind, mozaik.street, mozaik.postal_code) == (
        "state_body",
        "Herforder Str. 46",
        "33602",
    )
    assert not mozaik.regions.exists()
    assert not Agency.objects.get(name__startswith="G.I.B.").regions.exists()


# --- Events ------------------------------------------------------------------------------------


def _event_on(city: str, day: datetime.date) -> Event:
    (event,) = [
        e for e in Event.objects.filter(city=city) if timezone.localtime(e.starts_at).date() == day
    ]
    return event


@pytest.mark.parametrize(
    ("city", "day", "kind", "region"),
    [
        ("Hagen", datetime.date(2014, 2, 20), EventKind.EXCHANGE_WORKSHOP, None),
        (
            "Bielefeld",
            datetime.date(2014, 3, 19),
            EventKind.EXCHANGE_WORKSHOP,
            "ostwestfalen-lippe",
        ),
        ("Schwelm", datetime.date(2014, 3, 13), EventKind.KICK_OFF, "mittleres-ruhrgebiet"),
        (
            "Solingen",
            datetime.date(2014, 3, 12),
            EventKind.INFORMATION,
            "bergisches-staedtedreieck",
        ),
        ("Siegen", datetime.date(2014, 2, 12), EventKind.INFORMATION, "siegen-wittgenstein-olpe"),
        ("Siegen", datetime.date(2014, 2, 24), EventKind.INFORMATION, "siegen-wittgenstein-olpe"),
        ("Meschede", datetime.date(2014, 2, 18), EventKind.KICK_OFF, "hellweg-hochsauerland"),
        ("Aachen", datetime.date(2014, 2, 14), EventKind.NETWORK_MEETING, "aachen"),
    ],
)
def test_the_newsletter_events_on_their_dates(demo, city, day, kind, region):
    event = _event_on(city, day)
    assert event.kind == kind
    assert (event.region.slug if event.region else None) == region
    assert 8 <= timezone.localtime(event.starts_at).hour <= 20
    assert event.ends_at > event.starts_at
    assert event.report.dateline.startswith(city)
    assert day.strftime("%d.%m.%Y") in event.report.dateline
    assert event.report.teaser and event.report.headline


def test_event_details_follow_the_newsletter(demo):
    hagen = _event_on("Hagen", datetime.date(2014, 2, 20))
    assert (hagen.venue, hagen.headcount, hagen.is_public) == (
        "Kreishandwerkerschaft Hagen",
        17,
        False,
    )
    assert hagen.attending_agencies.count() == 16
    solingen = _event_on("Solingen", datetime.date(2014, 3, 12))
    assert (solingen.venue, solingen.headcount) == ("Rathaus Solingen", 19)
    assert solingen.attending_organisations.count() == 13
    schwelm = _event_on("Schwelm", datetime.date(2014, 3, 13))
    assert schwelm.venue == "Rathaus Schwelm"
    assert schwelm.attending_organisations.count() == 4
    assert schwelm.report.dateline == "Schwelm – Am 13.03.2014"
    assert "Bosnische Gemeinde Witten e.V." in schwelm.report.body
    meschede = _event_on("Meschede", datetime.date(2014, 2, 18))
    assert meschede.venue == "Kreishaus Meschede"
    assert meschede.attending_guides.count() == 5
    assert meschede.attending_agencies.count() == 4
    assert _event_on("Siegen", datetime.date(2014, 2, 24)).venue == "Kreishaus Siegen"
    assert EventReport.objects.count() == 8


@pytest.mark.parametrize(
    ("title", "day"),
    [
        (
            "Abbau von Diskriminierung im Arbeitsmarktkontext: "
            "Was ist erreicht, was bleibt zu tun?",
            datetime.date(2014, 4, 1),
        ),
        ("Zwei Jahre Anerkennungsgesetz - Bilanz und Ausblick", datetime.date(2014, 4, 28)),
        (
            "Auftaktveranstaltung mit Migrantorganisationen im Kreis Euskirchen",
            datetime.date(2014, 5, 19),
        ),
    ],
)
def test_the_newsletter_dates(demo, title, day):
    event = Event.objects.get(title=title)
    assert timezone.localtime(event.starts_at).date() == day
    assert event.is_public


def test_the_integration_conference_in_bielefeld(demo):
    event = Event.objects.get(title__startswith="Integrationskonferenz des Deutschen Städtetages")
    assert timezone.localtime(event.starts_at).date() == datetime.date(2014, 11, 20)
    assert (event.city, event.region.slug) == ("Bielefeld", "ostwestfalen-lippe")


def test_trainings_complete_and_activate_their_guides(demo):
    trainings = Event.objects.filter(kind=EventKind.TRAINING, starts_at__year=2014)
    assert trainings.exists()
    for event in trainings:
        day = timezone.localtime(event.starts_at).date()
        guides = list(event.attending_guides.all())
        assert guides
        assert CompletedTraining.objects.filter(event=event).count() == len(guides)
        assert all(guide.status_on(day) == "active" for guide in guides)


def test_upcoming_public_events(demo):
    upcoming = Event.objects.filter(is_public=True, starts_at__gt=timezone.now())
    assert upcoming.count() >= 3
    assert {EventKind.NETWORK_MEETING, EventKind.TRAINING, EventKind.INFORMATION} <= set(
        upcoming.values_list("kind", flat=True)
    )
    assert upcoming.filter(kind=EventKind.CONFERENCE, region=None).exists()


def test_upcoming_events_take_registrations_and_the_training_has_some(demo):
    upcoming = Event.objects.filter(is_public=True, starts_at__gt=timezone.now())
    assert all(event.registration_is_open() for event in upcoming)
    training = upcoming.get(kind=EventKind.TRAINING)
    assert training.capacity == 12
    assert training.registration_closes_at < training.starts_at
    registrations = Registration.objects.filter(event=training, status="confirmed")
    assert registrations.count() == 3
    assert registrations.exclude(interpreting="", accessibility="").exists()


# --- Logins ------------------------------------------------------------------------------------


@pytest.mark.parametrize("email", LOGINS)
def test_demo_logins(demo, client, email):
    response = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert response.status_code == 302
    user = auth.get_user(client)
    assert (user.email, user.role) == (email, LOGINS[email])
    home = client.get("/")
    assert home.status_code == 200
    assert home.wsgi_request.user == user


def test_demo_accounts_have_their_places(demo):
    coordinator = User.objects.get(email="koordination@demo.lotsen.de")
    assert list(coordinator.coordinated_regions.values_list("slug", flat=True)) == [
        "mittleres-ruhrgebiet"
    ]
    lotse = User.objects.get(email="lotse@demo.lotsen.de")
    assert lotse.guide.region.slug == "mittleres-ruhrgebiet"
    assert EmailAddress.objects.filter(verified=True, primary=True).count() == 3


def test_summary_names_the_counts_and_logins(demo):
    output = seed()
    assert PASSWORD in output
    assert all(email in output for email in LOGINS)
    assert "43 guides" in output and "30 organisations" in output


# --- Idempotency -------------------------------------------------------------------------------


def test_a_second_run_changes_nothing(demo):
    counts, values = row_counts(), snapshot()
    seed()
    assert row_counts() == counts
    assert snapshot() == values


def test_a_second_run_keeps_changed_passwords(demo):
    user = User.objects.get(email="admin@demo.lotsen.de")
    user.set_password("ein-anderes-passwort-2026")
    user.save()
    seed()
    user.refresh_from_db()
    assert user.check_password("ein-anderes-passwort-2026")


def test_a_later_run_moves_past_upcoming_events_forward(demo):
    now = timezone.now()
    upcoming = list(Event.objects.filter(starts_at__gt=now).order_by("starts_at"))
    stale, kept = upcoming[0], upcoming[1]
    Event.objects.filter(pk=stale.pk).update(
        starts_at=now - datetime.timedelta(days=30), ends_at=now - datetime.timedelta(days=29)
    )
    counts = row_counts()
    seed()
    assert row_counts() == counts
    stale.refresh_from_db()
    assert stale.starts_at > now
    assert Event.objects.get(pk=kept.pk).starts_at == kept.starts_at


# --- Accompaniments (anonymous case records) ---------------------------------------------------


def test_accompaniments_in_2014_and_the_last_twelve_months_show_from_the_first_run(demo, client):
    today = timezone.localdate()
    records = Accompaniment.objects.all()
    in_2014 = records.filter(date__year=2014)
    recent = records.filter(date__gt=today - datetime.timedelta(days=365), date__lte=today)
    assert in_2014.count() == 60 and recent.count() == 60
    assert records.count() == 120
    assert records.values("region").distinct().count() >= 5
    assert records.values("sector").distinct().count() >= 9  # the nine sectors and "none"

    # The report for 2014 has the section with figures, not only "< 5".
    impact = collect(Period(datetime.date(2014, 1, 1), datetime.date(2014, 12, 31)))
    assert impact.group("impact").figures[0].value == 60

    client.force_login(User.objects.get(email="admin@demo.lotsen.de"))
    page = client.get(reverse("dashboard")).content.decode()
    assert 'id="impact-count"><span class="figures__count">60</span>' in page


# --- Scale -------------------------------------------------------------------------------------


def synthetic_counts() -> dict[str, int]:
    return {
        "regions": Region.objects.filter(slug__startswith=SLUG_PREFIX).count(),
        "organisations": MigrantOrganisation.objects.filter(
            region__slug__startswith=SLUG_PREFIX
        ).count(),
        "guides": Guide.objects.filter(region__slug__startswith=SLUG_PREFIX).count(),
        "events": Event.objects.filter(title__contains="Synthetisch").count(),
        "accompaniments": Accompaniment.objects.filter(
            region__slug__startswith=SLUG_PREFIX
        ).count(),
    }


# The benchmark's "100x the case records": each unit adds the demo's 120 accompaniments.
PER_UNIT = {"regions": 16, "organisations": 30, "guides": 43, "events": 100, "accompaniments": 120}


def test_scale_adds_units_once(db):
    seed("--scale", "2")
    assert synthetic_counts() == {key: 2 * n for key, n in PER_UNIT.items()}
    counts = row_counts()
    seed("--scale", "2")
    assert row_counts() == counts

    seed("--scale", "3")
    after = synthetic_counts()
    assert after == {key: 3 * n for key, n in PER_UNIT.items()}
    assert row_counts()["regions.Region"] == counts["regions.Region"] + 16


def test_scale_keeps_the_demos_proportions(db):
    seed("--scale", "2")
    synthetic = Region.objects.filter(slug__startswith=SLUG_PREFIX)
    assert synthetic.status_counts(on=datetime.date(2014, 3, 1)) == {
        "binding": 20,
        "interested": 4,
        "in_talks": 8,
    }
    orgs = MigrantOrganisation.objects.filter(region__in=synthetic)
    assert not orgs.filter(guides=None).exists()
    assert all(orgs.values_list("is_demo", flat=True))
    for relation in ("languages", "communities", "thematic_fields", "roles"):
        assert not orgs.filter(**{relation: None}).exists(), relation
    guides = Guide.objects.filter(region__in=synthetic)
    assert not guides.filter(languages=None).exists()
    assert not guides.filter(status_changes=None).exists()
    events = Event.objects.filter(title__contains="Synthetisch")
    years = {timezone.localtime(e.starts_at).year for e in events}
    assert len(years) >= 8
    assert min(years) >= 2013 and max(years) <= 2027
    assert events.filter(is_public=True).count() > events.count() / 2
    assert events.filter(region=None).exists()
    assert events.filter(attending_guides__isnull=False).exists()


# --- Professionalisation (seed 001) ----------------------------------------------------------


def test_experts_measures_and_notes(demo):
    from lotsen.models import ContactNote
    from organisations.models import Expert, SupportMeasure

    assert Expert.objects.filter(is_demo=True).count() == 6
    tandem = SupportMeasure.objects.get(
        kind="tandem", organisation__name="Tamilischer Kultur-Sportverein Solingen e.V."
    )
    assert tandem.providing_organisation.name == "Internationales Frauenzentrum Solingen e.V."
    assert tandem.follow_up_on and tandem.topics.exists()
    assert SupportMeasure.objects.filter(expert__isnull=False).exists()
    assert ContactNote.objects.filter(guide__isnull=False, shareable=True).exists()
    assert ContactNote.objects.filter(organisation__isnull=False).count() >= 2
    from organisations.models import ExpertRequest

    assigned = ExpertRequest.objects.get(state="accepted")
    assert assigned.event is not None and assigned.expert.name == "Nermin Hodžić"


def test_the_needs_assessment_has_twenty_answers_and_three_open_invitations(demo):
    from organisations.models import NeedsInvitation
    from organisations.needs import selectors

    version = selectors.current_version()
    assert version is not None and version.is_sent
    invitations = NeedsInvitation.objects.filter(version=version)
    assert invitations.filter(submitted_at__isnull=False).count() == 20
    assert invitations.filter(submitted_at__isnull=True).count() == 3
    results = selectors.results(version, invitations, "region")
    several = next(r for r in results if r.question.kind == "several")
    assert sum(total for _label, _counts, total in several.option_rows) >= 20
    # Submitting added the chosen topics to each organisation's needs.
    submitted = invitations.filter(submitted_at__isnull=False).select_related("organisation")
    for invitation in submitted:
        chosen = {
            option.topic_id
            for answer in invitation.answers.all()
            for option in answer.options.all()
            if option.topic_id
        }
        needs = set(invitation.organisation.professionalisation_needs.values_list("pk", flat=True))
        assert chosen <= needs
