"""The questionnaire's admin: a version sent while its page was open is not changed, and the
editor is told so instead of getting an error page."""

import pytest
from django.urls import reverse
from django.utils import timezone

from organisations.admin import QuestionAdmin
from tests.organisations.needs_world import make_version

pytestmark = pytest.mark.django_db


def test_a_question_of_a_version_sent_meanwhile_is_not_saved(client, admin_user, monkeypatch):
    # The version is sent after the admin checked the permission, before it saves.
    monkeypatch.setattr(QuestionAdmin, "has_change_permission", lambda *args: True)
    version = make_version()
    question = version.questions.get(position=3)
    client.force_login(admin_user)
    url = reverse("admin:organisations_question_change", args=[question.pk])
    form = client.get(url)
    assert form.status_code == 200

    version.sent_at = timezone.now()  # a coordinator sends it meanwhile
    version.save(update_fields=["sent_at"])
    data = {
        "version": version.pk, "position": 3, "kind": question.kind,
        "text": "Geändert nach dem Versand", "required": "",
        "options-TOTAL_FORMS": 0, "options-INITIAL_FORMS": 0,
        "options-MIN_NUM_FORMS": 0, "options-MAX_NUM_FORMS": 1000,
    }  # fmt: skip
    response = client.post(url, data)

    assert response.status_code == 302 and response.url == url
    question.refresh_from_db()
    assert question.text == "Anything else?"
    page = client.get(url).content.decode()
    assert "Diese Version wurde bereits versendet und kann nicht mehr geändert werden." in page
