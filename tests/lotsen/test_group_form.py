"""The Landeskoordination's working-group form: members picked by role, each role folded away
unless it already has members, and saving keeps exactly the ticked ones."""

import re

import pytest
from django.urls import reverse

from lotsen.models import WorkingGroup
from tests.factories import GuideFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_members_are_grouped_by_role_and_saved(client, admin_user, coordinator, guide):
    for number in range(3):
        GuideFactory(user=UserFactory(email=f"lotsin{number}@example.org"))
    group = WorkingGroup.objects.create(name="Facharbeitskreis Anerkennung")
    group.members.add(coordinator)
    client.force_login(admin_user)
    url = reverse("groups:update", args=[group.pk])

    html = client.get(url).content.decode()
    summaries = re.findall(
        r'<details class="member-group"( open)?>\s*<summary>([^<]+)</summary>', html
    )
    folded = {label.split(" (")[0]: bool(is_open) for is_open, label in summaries}
    assert folded["Regionalkoordination"] is True  # it has a member
    assert folded["Lotsin/Lotse"] is False
    assert "(1 / 1)" in html

    response = client.post(
        url, {"name": group.name, "description": "", "members": [coordinator.pk, guide.user.pk]}
    )
    assert response.status_code == 302
    assert set(group.members.all()) == {coordinator, guide.user}
