import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from organisations.models import ContactPerson, Language, MigrantOrganisation
from organisations.workspace import services
from tests.factories import AgencyFactory, OrganisationFactory, RegionFactory


def test_organisation_names_are_unique_per_region_ignoring_case(region, other_region):
    OrganisationFactory(name="Vatanspor e.V.", region=region)
    OrganisationFactory(name="Vatanspor e.V.", region=other_region)  # another region: fine
    with pytest.raises(IntegrityError):
        OrganisationFactory(name="VATANSPOR E.V.", region=region)


def test_duplicate_name_is_reported_by_model_validation(region):
    OrganisationFactory(name="Spektrum e.V.", region=region)
    duplicate = MigrantOrganisation(name="spektrum e.v.", region=region, city="Solingen")
    with pytest.raises(ValidationError):
        duplicate.full_clean()


def test_contact_person_belongs_to_exactly_one_organisation_or_agency(region):
    organisation = OrganisationFactory(region=region)
    agency = AgencyFactory(regions=[region])
    for kwargs in ({}, {"organisation": organisation, "agency": agency}):
        with pytest.raises(IntegrityError), transaction.atomic():
            ContactPerson.objects.create(name="Demo Person", **kwargs)
    ContactPerson.objects.create(name="Demo Person", agency=agency)
    assert agency.contact_persons.count() == 1


def test_contact_person_validation_message_is_clear(region):
    person = ContactPerson(name="Demo Person")
    with pytest.raises(ValidationError) as error:
        person.full_clean()
    assert "entweder zu einer Organisation oder zu einem Kooperationspartner" in str(error.value)


def test_archiving_keeps_the_organisation_and_its_first_date(region):
    organisation = OrganisationFactory(region=region)
    services.archive(obj=organisation)
    first = organisation.archived_at
    services.archive(obj=organisation)

    organisation.refresh_from_db()
    assert organisation.archived_at == first
    assert MigrantOrganisation.objects.filter(pk=organisation.pk).exists()
    assert not MigrantOrganisation.objects.active().filter(pk=organisation.pk).exists()

    services.restore(obj=organisation)
    assert MigrantOrganisation.objects.active().filter(pk=organisation.pk).exists()


def test_vocabulary_terms_are_unique_ignoring_case(db):
    Language.objects.create(name="Tamil", name_en="Tamil")
    with pytest.raises(IntegrityError):
        Language.objects.create(name="tamil")


def test_vocabulary_label_follows_the_active_language(db):
    from django.utils import translation

    arabic = Language.objects.create(name="Arabisch", name_en="Arabic")
    with translation.override("en"):
        assert str(arabic) == "Arabic"
    with translation.override("de"):
        assert str(arabic) == "Arabisch"
    assert str(Language.objects.create(name="Bosnisch")) == "Bosnisch"


def test_member_count_cannot_be_negative(db):
    organisation = MigrantOrganisation(
        name="Afro-German e.V.", region=RegionFactory(), city="Solingen", member_count=-3
    )
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert "member_count" in error.value.message_dict
