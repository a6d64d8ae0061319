"""Fixtures of the import tests: a private media folder per test, and vocabularies."""

import pytest

from lotsen.models.guides import ExpertiseArea
from organisations.models import Community, Language, ThematicField


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploads go to a fresh folder per test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(autouse=True)
def english(client, settings):
    """Messages are asserted in English, the language of the message ids, which stays stable
    while the German catalogue is filled in."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def vocabulary(db):
    languages = {
        name: Language.objects.create(name=name, name_en=name_en)
        for name, name_en in [("Arabisch", "Arabic"), ("Deutsch", "German"),
                              ("Türkisch", "Turkish"), ("Tamil", "Tamil")]
    }  # fmt: skip
    return {
        "languages": languages,
        "community": Community.objects.create(name="arabisch", name_en="Arab"),
        "field": ThematicField.objects.create(name="Kultur", name_en="Culture"),
        "expertise": ExpertiseArea.objects.create(
            name="Anerkennung ausländischer Abschlüsse",
            name_en="Recognition of foreign qualifications",
        ),
    }
