"""Personas shared by the tests: one of each role, and a second one in another region."""

import pytest

from lotsen.models import Role
from tests.factories import GuideFactory, RegionFactory, UserFactory


@pytest.fixture
def region(db):
    return RegionFactory(name="Mittleres Ruhrgebiet", slug="mittleres-ruhrgebiet")


@pytest.fixture
def other_region(db):
    return RegionFactory(name="Münsterland", slug="muensterland")


@pytest.fixture
def admin_user(db):
    return UserFactory(email="admin@example.org", role=Role.ADMIN)


@pytest.fixture
def coordinator(region):
    user = UserFactory(email="koordination@example.org", role=Role.COORDINATOR)
    region.coordinators.add(user)
    return user


@pytest.fixture
def other_coordinator(other_region):
    user = UserFactory(email="koordination-muenster@example.org", role=Role.COORDINATOR)
    other_region.coordinators.add(user)
    return user


@pytest.fixture
def guide(region):
    return GuideFactory(region=region, user=UserFactory(email="lotse@example.org"))


@pytest.fixture
def other_guide(region):
    return GuideFactory(region=region, user=UserFactory(email="lotsin@example.org"))
