"""The demo's members' area: internal dates ahead, and a demo guide whose start page is not
empty, once ``seed_demo`` ran (twice, as ``make run`` does on every start)."""

from io import StringIO

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from events.models import Event
from lotsen.models.accounts import User


def test_seed_demo_gives_members_internal_dates_and_a_full_start_page(client, db):
    for _run in range(2):
        call_command("seed_demo", stdout=StringIO())
    # The working groups' meetings (lotsen/demo/library.py) are internal too; not counted here.
    internal = Event.objects.filter(
        is_public=False, starts_at__gt=timezone.now(), working_groups=None
    )
    assert internal.count() == 3
    assert internal.filter(region=None).exists()

    guide = User.objects.get(email="lotse@demo.lotsen.de")
    client.force_login(guide)
    response = client.get(reverse("members:start"))
    assert response.status_code == 200
    assert response.context["events"] and response.context["proposals"]
    html = response.content.decode().replace("\u00ad", "")  # as read: without soft hyphens
    assert "Internes Austauschtreffen" in html and "Planungstreffen Münsterland" not in html

    directory = client.get(reverse("members:directory"))
    assert directory.context["paginator"].count > 10  # guides share parts with the network
