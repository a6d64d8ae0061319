"""The demo's members' area: internal dates ahead, a demo guide whose start page is not
empty, two working groups and a few demo documents, once ``seed_demo`` ran (twice, as
``make run`` does on every start)."""

import io
from io import StringIO

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from events.models import Event
from lotsen.documents.files import pdf_text
from lotsen.models import Document, DocumentAudience, WorkingGroup
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

    # Two working groups, each with an internal meeting ahead; the demo guide is in one.
    groups = WorkingGroup.objects.order_by("name")
    assert groups.count() == 2
    for group in groups:
        assert group.meetings.filter(is_public=False, starts_at__gt=timezone.now()).exists()
    assert [g.name for g in guide.working_groups.all()] == ["Facharbeitskreis Anerkennung"]

    # A few documents, each a generated one-page PDF that says it is a demo.
    documents = Document.objects.all()
    assert documents.count() == 4 and not documents.filter(is_demo=False).exists()
    for document in documents:
        version = document.versions.get()
        with version.file.open("rb") as file:
            data = file.read()
        assert len(PdfReader(io.BytesIO(data)).pages) == 1
        text = " ".join(pdf_text(data).split())
        assert "Demo-Dokument" in text and document.title in text
    assert documents.filter(audience=DocumentAudience.COORDINATORS).exists()

    found = client.get(reverse("documents:list"), {"q": "Kooperationsvereinbarung"})
    assert [d.title for d in found.context["object_list"]] == [
        "Protokoll Netzwerktreffen Mittleres Ruhrgebiet"
    ]
    listed = {d.title for d in client.get(reverse("documents:list")).context["object_list"]}
    assert "Planung Zwischenbericht (intern)" not in listed
    assert "Protokoll Facharbeitskreis Anerkennung" in listed
