"""The German catalogue is complete: no empty and no fuzzy entry, placeholders intact."""

import subprocess
from pathlib import Path

import pytest

CATALOGUE = Path(__file__).resolve().parent.parent / "locale" / "de" / "LC_MESSAGES" / "django.po"


def msgattrib(option: str) -> str:
    result = subprocess.run(
        ["msgattrib", option, "--no-wrap", str(CATALOGUE)],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def test_no_german_entry_is_missing():
    untranslated = [
        line for line in msgattrib("--untranslated").splitlines() if line.startswith("msgid ")
    ]
    assert untranslated in ([], ['msgid ""']), untranslated


def test_no_german_entry_is_fuzzy():
    assert "msgid" not in msgattrib("--only-fuzzy")


def test_catalogue_compiles_with_matching_placeholders():
    result = subprocess.run(
        ["msgfmt", "--check-format", "-o", "/dev/null", str(CATALOGUE)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("english", "german"),
    [("binding cooperation", "verbindliche Kooperation"), ("in training", "in Qualifizierung")],
)
def test_key_terms_follow_the_glossary(english, german):
    from django.utils import translation

    with translation.override("de"):
        assert translation.gettext(english) == german
