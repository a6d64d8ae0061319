import datetime

import factory
from django.utils import timezone

from events.models import Event, EventKind, Registration, RegistrationStatus
from lotsen.core.roles import Role
from lotsen.models.accounts import User
from lotsen.models.guides import Guide
from organisations.models import Agency, AgencyKind, ContactPerson, Language, MigrantOrganisation
from regions.models import Region

PASSWORD = "a-long-test-password-2014"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    name = factory.Faker("name", locale="de_DE")
    role = Role.GUIDE
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """Give the account a verified primary address, as allauth requires for login."""
        self.save()
        if create and extracted is not False:
            from allauth.account.models import EmailAddress

            EmailAddress.objects.create(user=self, email=self.email, primary=True, verified=True)


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    name = factory.Sequence(lambda n: f"Region {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")


class LanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Language
        django_get_or_create = ("name",)

    name = "Arabisch"
    name_en = "Arabic"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MigrantOrganisation

    name = factory.Sequence(lambda n: f"Kulturverein {n} e.V.")
    region = factory.SubFactory(RegionFactory)
    city = "Hagen"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Jobcenter {n}")
    kind = AgencyKind.JOB_CENTRE

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        if create and extracted:
            self.regions.set(extracted)


class ContactPersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContactPerson

    name = factory.Faker("name", locale="de_DE")
    organisation = factory.SubFactory(OrganisationFactory)


class GuideFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Guide

    first_name = factory.Faker("first_name", locale="de_DE")
    last_name = factory.Faker("last_name", locale="de_DE")
    region = factory.SubFactory(RegionFactory)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"Netzwerktreffen {n}")
    kind = EventKind.NETWORK_MEETING
    region = factory.SubFactory(RegionFactory)
    city = "Hagen"
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=3))


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory, is_public=True, takes_registrations=True, capacity=20)
    name = factory.Sequence(lambda n: f"Teilnehmerin {n}")
    email = factory.Sequence(lambda n: f"teilnehmerin{n}@example.org")
    status = RegistrationStatus.CONFIRMED


class EventReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "events.EventReport"

    event = factory.SubFactory(EventFactory)
    headline = factory.Sequence(lambda n: f"Bericht {n}")
    dateline = "Hagen – Am 13.03.2014"
    teaser = "luden die Partner zu einem Treffen ein."


class ReportPhotoFactory(factory.django.DjangoModelFactory):
    """A report photo with a real small JPEG in storage."""

    class Meta:
        model = "events.ReportPhoto"

    report = factory.SubFactory(EventReportFactory)
    image = factory.django.ImageField(width=40, height=30, color="teal", format="JPEG")
    alt_text = factory.Sequence(lambda n: f"Blick in den Saal {n}")
    position = factory.Sequence(lambda n: n)


class SubscriberFactory(factory.django.DjangoModelFactory):
    """A confirmed newsletter subscriber who signed up through the form."""

    class Meta:
        model = "newsletters.Subscriber"

    email = factory.Sequence(lambda n: f"partnerin{n}@example.org")
    name = factory.Sequence(lambda n: f"Partnerin {n}")
    organisation = "Regionalagentur Mittleres Ruhrgebiet"
    language = "de"
    state = "confirmed"
    consent_text_version = "2026-11"
    consent_given_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=30))
    consent_ip = "192.0.2.10"
    confirmed_at = factory.LazyAttribute(
        lambda o: (
            o.consent_given_at + datetime.timedelta(hours=1) if o.state == "confirmed" else None
        )
    )


class IssueFactory(factory.django.DjangoModelFactory):
    """A draft issue of the newsletter, dated a month ahead."""

    class Meta:
        model = "newsletters.Issue"

    number = factory.Sequence(lambda n: 100 + n)
    title = factory.Sequence(lambda n: f"Newsletter {n}")
    issue_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    copy_deadline = factory.LazyAttribute(lambda o: o.issue_date - datetime.timedelta(days=10))


class IssueItemFactory(factory.django.DjangoModelFactory):
    """A regional item; pass ``section`` and the section's fields for the others."""

    class Meta:
        model = "newsletters.IssueItem"

    issue = factory.SubFactory(IssueFactory)
    section = "regional"
    region = factory.SubFactory(RegionFactory)
    headline = factory.Sequence(lambda n: f"Austauschworkshop Nummer {n}")
    dateline = "Schwelm – Am 13.03.2014"
    teaser = "luden das Kommunale Integrationszentrum und die Koordinierungsstelle ein."
    body = "Der ganze Bericht, mit allen Einzelheiten."
