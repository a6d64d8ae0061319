"""The members' area: documents (checked uploads, versions, search, downloads), working
groups, and messages to groups through the real mail pipeline."""

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from weasyprint import HTML

from lotsen.core.roles import Role
from lotsen.documents.files import check_file
from lotsen.models import (
    Document,
    DocumentAudience,
    DocumentCategory,
    Message,
    MessageSettings,
    WorkingGroup,
)
from lotsen.models.guides import GuideStatus, GuideStatusChange
from tests.factories import GuideFactory, RegistrationFactory, UserFactory


def pdf_with(text: str) -> bytes:
    return HTML(string=f"<html lang='de'><body><p>{text}</p></body></html>").write_pdf()


def docx_with(text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "word/document.xml",
            f"<w:document><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>",
        )
    return buffer.getvalue()


def upload(client, *, title, data, name, region=None, audience="members", group=None, **extra):
    fields = {
        "title": title,
        "category": DocumentCategory.MINUTES,
        "date": "2026-11-20",
        "region": region.pk if region else "",
        "audience": audience,
        "group": group.pk if group else "",
        "file": SimpleUploadedFile(name, data),
        **extra,
    }
    return client.post(reverse("documents:create"), fields)


# --- Files: told by their content -----------------------------------------------------------


def test_a_pdf_and_a_word_document_are_recognised_with_their_text():
    checked = check_file(pdf_with("Protokoll der Sitzung: Anerkennungsberatung"), "p.pdf")
    assert checked.content_type == "application/pdf"
    assert "Anerkennungsberatung" in checked.text
    checked = check_file(docx_with("Tagesordnung &amp; Ziele"), "agenda.docx")
    assert checked.kind == "docx"
    assert "Tagesordnung & Ziele" in checked.text


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"<html><script>alert(1)</script></html>", "protokoll.pdf"),
        (b"<html><script>alert(1)</script></html>", "seite.html"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "alt.doc"),
        (b"PK\x03\x04 not really a zip", "kaputt.docx"),
    ],
)
def test_files_that_are_not_what_we_accept_are_refused(data, name):
    with pytest.raises(Exception) as error:
        check_file(data, name)
    assert error.value.code == "file_type"


def test_a_pdf_named_as_a_word_document_is_refused():
    with pytest.raises(Exception) as error:
        check_file(pdf_with("x"), "brief.docx")
    assert error.value.code == "file_type"
    assert "PDF" in str(error.value)


# --- Uploads, versions, downloads -----------------------------------------------------------


def test_coordinator_uploads_a_new_version_and_the_old_one_stays(
    client, coordinator, region, guide
):
    client.force_login(coordinator)
    response = upload(client, title="Protokoll Netzwerktreffen", region=region,
                      data=pdf_with("Erste Fassung"), name="protokoll.pdf")  # fmt: skip
    assert response.status_code == 302
    document = Document.objects.get()
    assert "Erste Fassung" in document.text
    response = client.post(
        reverse("documents:version", args=[document.pk]),
        {"file": SimpleUploadedFile("protokoll-v2.pdf", pdf_with("Zweite Fassung"))},
    )
    assert response.status_code == 302
    document.refresh_from_db()
    assert document.versions.count() == 2
    assert "Zweite Fassung" in document.text and "Erste" not in document.text

    client.force_login(guide.user)
    listing = client.get(reverse("documents:list"))
    assert listing.context["object_list"].count() == 1
    detail = client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert "protokoll.pdf" in detail and "protokoll-v2.pdf" in detail
    current = client.get(reverse("documents:download", args=[document.pk]))
    assert current["Content-Disposition"] == 'attachment; filename="protokoll-v2.pdf"'
    assert current["Content-Type"] == "application/pdf"
    assert current["X-Content-Type-Options"] == "nosniff"
    assert b"".join(current.streaming_content).startswith(b"%PDF")
    first = client.get(reverse("documents:download-version", args=[document.pk, 1]))
    assert first["Content-Disposition"] == 'attachment; filename="protokoll.pdf"'


def test_an_html_file_disguised_as_pdf_is_refused_and_nothing_saved(client, coordinator, region):
    client.force_login(coordinator)
    response = upload(client, title="Flyer", region=region, name="flyer.pdf",
                      data=b"<html><body onload=alert(1)>Hallo</body></html>")  # fmt: skip
    assert response.status_code == 200
    assert "Diese Datei kann nicht verwendet werden" in response.content.decode()
    assert not Document.objects.exists()


def test_a_coordinator_uploads_only_for_own_regions(client, other_coordinator, region):
    client.force_login(other_coordinator)
    response = upload(client, title="Fremd", region=region, data=pdf_with("x"), name="x.pdf")
    assert response.status_code == 200
    assert not Document.objects.exists()


def test_a_guide_uploads_nothing(client, guide, region):
    client.force_login(guide.user)
    response = upload(client, title="X", region=region, data=pdf_with("x"), name="x.pdf")
    assert response.status_code == 403


def test_coordinators_only_document_is_404_for_a_guide_by_every_url(
    client, coordinator, region, guide
):
    client.force_login(coordinator)
    upload(client, title="Interne Planung", region=region, audience="coordinators",
           data=pdf_with("Haushaltsplanung vertraulich"), name="plan.pdf")  # fmt: skip
    document = Document.objects.get()
    assert document.audience == DocumentAudience.COORDINATORS

    client.force_login(guide.user)
    for name, args in [
        ("documents:detail", [document.pk]),
        ("documents:update", [document.pk]),
        ("documents:version", [document.pk]),
        ("documents:download", [document.pk]),
        ("documents:download-version", [document.pk, 1]),
    ]:
        assert client.get(reverse(name, args=args)).status_code == 404, name
    listing = client.get(reverse("documents:list"), {"q": "Haushaltsplanung"})
    assert "Interne Planung" not in listing.content.decode()


def test_a_group_document_is_for_the_group_only(client, admin_user, guide, other_guide):
    group = WorkingGroup.objects.create(name="AK Anerkennung")
    group.members.add(guide.user)
    client.force_login(admin_user)
    upload(client, title="AK-Protokoll", audience="group", group=group,
           data=pdf_with("x"), name="ak.pdf")  # fmt: skip
    document = Document.objects.get()
    client.force_login(guide.user)
    assert client.get(reverse("documents:detail", args=[document.pk])).status_code == 200
    assert client.get(reverse("groups:detail", args=[group.pk])).status_code == 200
    client.force_login(other_guide.user)
    assert client.get(reverse("documents:detail", args=[document.pk])).status_code == 404
    assert client.get(reverse("groups:detail", args=[group.pk])).status_code == 404


def test_search_finds_a_pdf_by_a_word_inside_it(client, coordinator, region, guide):
    client.force_login(coordinator)
    upload(client, title="Protokoll März", region=region, name="maerz.pdf",
           data=pdf_with("Wir sprachen über Kooperationsverträge mit dem Jobcenter."))  # fmt: skip
    upload(client, title="Flyer", region=region, name="flyer.pdf", data=pdf_with("Willkommen"))
    client.force_login(guide.user)
    found = client.get(reverse("documents:list"), {"q": "Kooperationsverträge"})
    assert [d.title for d in found.context["object_list"]] == ["Protokoll März"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="German full-text search")
def test_german_full_text_search_finds_another_form_of_the_word(client, coordinator, region):
    client.force_login(coordinator)
    upload(client, title="Protokoll", region=region, name="p.pdf",
           data=pdf_with("Die Verträge wurden unterschrieben."))  # fmt: skip
    # "Vertrag" is no substring of "Verträge": only the German stemmer finds it.
    found = client.get(reverse("documents:list"), {"q": "Vertrag"})
    assert [d.title for d in found.context["object_list"]] == ["Protokoll"]


def test_documents_of_an_event_appear_on_its_workspace_page(client, coordinator, region):
    from tests.factories import EventFactory

    event = EventFactory(region=region)
    client.force_login(coordinator)
    upload(client, title="Folien Auftakt", region=region, event=event.pk,
           data=pdf_with("x"), name="folien.pdf")  # fmt: skip
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "Folien Auftakt" in page


def count_queries(client, url, params=None) -> int:
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


def test_the_library_lists_take_the_same_queries_for_many_rows(
    client, coordinator, region, guide, django_assert_num_queries
):
    from tests.factories import EventFactory, RegionFactory

    def add(n):
        group = WorkingGroup.objects.create(name=f"Facharbeitskreis {n}")
        group.members.add(guide.user, coordinator)
        for audience, group_or_none in (("members", None), ("group", group)):
            Document.objects.create(
                title=f"Protokoll {n} {audience}", category=DocumentCategory.MINUTES,
                region=RegionFactory() if n % 2 else None, audience=audience,
                group=group_or_none, event=EventFactory(region=region), created_by=coordinator,
            )  # fmt: skip
        Message.objects.create(sender=coordinator, audience="group", group=group,
                               audience_description=group.name, subject=f"Treffen {n}",
                               body="B")  # fmt: skip

    add(0)
    pages = [(guide.user, reverse("documents:list"), {}),
             (guide.user, reverse("documents:list"), {"q": "Protokoll", "category": "minutes"}),
             (guide.user, reverse("groups:list"), {}),
             (coordinator, reverse("messages:list"), {})]  # fmt: skip
    few = []
    for user, url, params in pages:
        client.force_login(user)
        few.append(count_queries(client, url, params))
    for n in range(1, 13):
        add(n)
    for (user, url, params), expected in zip(pages, few, strict=True):
        client.force_login(user)
        with django_assert_num_queries(expected):
            response = client.get(url, params)
        assert len(response.context["object_list"]) > 12, url
    assert max(few) <= 14


# --- Messages -------------------------------------------------------------------------------


def guide_with(status, region, **fields):
    guide = GuideFactory(region=region, **fields)
    GuideStatusChange.objects.create(
        guide=guide, status=status, valid_from=datetime.date(2025, 1, 1)
    )
    return guide


def body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def test_a_message_reaches_exactly_the_filtered_guides(
    client, smtp, django_capture_on_commit_callbacks, coordinator, region, other_region
):
    active = [
        guide_with(GuideStatus.ACTIVE, region, email=f"aktiv{n}@example.org") for n in range(3)
    ]
    opted_out = guide_with(GuideStatus.ACTIVE, region, user=UserFactory(email="ruhe@example.org"))
    MessageSettings.objects.create(user=opted_out.user, opted_out=True)
    english = guide_with(GuideStatus.ACTIVE, region, user=UserFactory(email="english@example.org"))
    MessageSettings.objects.create(user=english.user, language="en")
    guide_with(GuideStatus.PAUSED, region, email="pause@example.org")
    guide_with(GuideStatus.ACTIVE, other_region, email="fremd@example.org")

    client.force_login(coordinator)
    query = "audience=region_guides&status=active"
    page = client.get(reverse("messages:create") + "?" + query)
    assert len(page.context["recipients"]) == 4
    data = {"query": query, "subject": "Einladung zum Treffen", "body": "Kommt alle!"}
    preview = client.post(reverse("messages:create"), {**data, "action": "preview"})
    assert preview.context["preview"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("messages:create"), {**data, "action": "test"})
    assert [m["To"] for m in smtp.messages] == [coordinator.email]
    smtp.messages.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("messages:create"), {**data, "action": "send"})
    assert response.status_code == 302
    expected = {g.email for g in active} | {"english@example.org"}
    assert {m["To"] for m in smtp.messages} == expected
    assert all(m["Reply-To"] == coordinator.email for m in smtp.messages)
    by_address = {m["To"]: m for m in smtp.messages}
    assert "You receive this message as a guide" in body(by_address["english@example.org"])
    assert "als Lotsin oder Lotse des Netzwerks" in body(by_address["aktiv0@example.org"])
    assert "Kommt alle!" in body(by_address["aktiv0@example.org"])
    message = Message.objects.get()
    assert {r.email for r in message.recipients.all()} == expected
    assert list(message.regions.all()) == [region]


def test_registrants_get_messages_about_their_event_only(
    client, smtp, django_capture_on_commit_callbacks, coordinator, region
):
    first = RegistrationFactory(event__region=region, email="a@example.org")
    RegistrationFactory(event__region=region, email="b@example.org")
    client.force_login(coordinator)
    query = f"audience=event_registrants&event={first.event.pk}"
    data = {"query": query, "subject": "Raumänderung", "body": "Neuer Raum", "action": "send"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("messages:create"), data)
    assert [m["To"] for m in smtp.messages] == ["a@example.org"]


def test_the_record_is_for_the_sender_the_regions_coordinators_and_the_landeskoordination(
    client, coordinator, other_coordinator, region, admin_user, django_capture_on_commit_callbacks
):
    colleague = UserFactory(email="kollegin@example.org", role=Role.COORDINATOR)
    region.coordinators.add(colleague)
    GuideFactory(region=region, email="x@example.org")
    client.force_login(coordinator)
    data = {"query": "audience=region_guides", "subject": "S", "body": "B", "action": "send"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("messages:create"), data)
    message = Message.objects.get()
    url = reverse("messages:detail", args=[message.pk])
    for user, status in [(colleague, 200), (admin_user, 200), (other_coordinator, 404)]:
        client.force_login(user)
        assert client.get(url).status_code == status


def test_a_guide_opts_out_on_the_profile(client, guide):
    client.force_login(guide.user)
    client.post(reverse("messages:preferences"), {"language": "en", "opted_out": "on"})
    settings_row = MessageSettings.objects.get(user=guide.user)
    assert settings_row.opted_out and settings_row.language == "en"


def test_the_public_event_page_lists_documents_only_for_those_allowed(
    client, coordinator, region, guide
):
    from tests.factories import EventFactory

    event = EventFactory(region=region, is_public=True)
    client.force_login(coordinator)
    upload(client, title="Folien für alle", region=region, event=event.pk,
           data=pdf_with("x"), name="folien.pdf")  # fmt: skip
    upload(client, title="Auswertung intern", region=region, event=event.pk,
           audience="coordinators", data=pdf_with("x"), name="intern.pdf")  # fmt: skip
    url = reverse("calendar:event", args=[event.pk])
    client.logout()
    anonymous = client.get(url).content.decode()
    assert "Folien für alle" not in anonymous and "Auswertung intern" not in anonymous
    client.force_login(guide.user)
    page = client.get(url).content.decode()
    assert "Folien für alle" in page and "Auswertung intern" not in page


def test_the_landeskoordination_writes_to_all_coordinators_and_all_guides(
    client, smtp, django_capture_on_commit_callbacks, admin_user, coordinator, other_coordinator,
    region, other_region,
):  # fmt: skip
    here = guide_with(GuideStatus.ACTIVE, region, email="hier@example.org")
    there = guide_with(GuideStatus.IN_TRAINING, other_region, email="dort@example.org")
    guide_with(GuideStatus.LEFT, region, email="ausgeschieden@example.org")
    quiet = guide_with(GuideStatus.ACTIVE, region, user=UserFactory(email="ruhe@example.org"))
    MessageSettings.objects.create(user=quiet.user, opted_out=True)
    MessageSettings.objects.create(user=other_coordinator, opted_out=True, language="en")
    UserFactory(email="frueher@example.org", role=Role.COORDINATOR, is_active=False)
    client.force_login(admin_user)

    def send(audience):
        smtp.messages.clear()
        data = {"query": f"audience={audience}", "subject": "Rundschreiben", "body": "Hallo",
                "action": "send"}  # fmt: skip
        with django_capture_on_commit_callbacks(execute=True):
            assert client.post(reverse("messages:create"), data).status_code == 302
        return {m["To"]: m for m in smtp.messages}

    assert set(send("all_guides")) == {here.email, there.email}
    # Coordinators receive the Landeskoordination's messages as part of their work, whatever
    # they chose; the footer offers them the language only.
    received = send("all_coordinators")
    assert set(received) == {coordinator.email, other_coordinator.email}
    footer = body(received[other_coordinator.email])
    assert "You receive this message as a coordinator" in footer
    assert "no more messages" not in footer and "Language of these messages" in footer


def test_a_coordinator_cannot_write_to_the_whole_network(
    client, smtp, django_capture_on_commit_callbacks, coordinator, other_coordinator, region
):
    guide_with(GuideStatus.ACTIVE, region, email="hier@example.org")
    client.force_login(coordinator)
    for audience in ("all_guides", "all_coordinators"):
        data = {"query": f"audience={audience}", "subject": "S", "body": "B", "action": "send"}
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("messages:create"), data)
        assert response.status_code == 200 and response.context["recipients"] is None
    assert smtp.messages == [] and not Message.objects.exists()


def test_a_message_to_a_working_group_reaches_its_members_who_did_not_opt_out(
    client, smtp, django_capture_on_commit_callbacks, coordinator, guide, other_guide, region
):
    group = WorkingGroup.objects.create(name="AK Anerkennung")
    quiet = UserFactory(email="ruhe@example.org")
    group.members.add(coordinator, guide.user, quiet)
    MessageSettings.objects.create(user=quiet, opted_out=True)
    client.force_login(coordinator)
    data = {"query": f"audience=group&group={group.pk}", "subject": "Nächstes Treffen",
            "body": "Bitte Folien mitbringen", "action": "send"}  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("messages:create"), data)
    received = {m["To"]: m for m in smtp.messages}
    assert set(received) == {coordinator.email, guide.user.email}
    assert "Mitglied des Facharbeitskreises „AK Anerkennung“" in body(received[guide.user.email])
    assert Message.objects.get().group == group


def test_the_test_mail_is_in_the_language_the_sender_chose(
    client, smtp, django_capture_on_commit_callbacks, coordinator, region
):
    MessageSettings.objects.create(user=coordinator, language="en")
    guide_with(GuideStatus.ACTIVE, region, email="hier@example.org")
    client.force_login(coordinator)
    data = {"query": "audience=region_guides", "subject": "S", "body": "B", "action": "test"}
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("messages:create"), data)
    [test] = smtp.messages
    assert test["To"] == coordinator.email
    assert "You receive this message as a guide" in body(test)
