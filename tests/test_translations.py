"""Both catalogues are complete and current: every string in the code has a German and an
English entry, none is fuzzy, and placeholders match."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
LANGUAGES = ["de", "en"]
SKIPPED = {".venv", "node_modules", "var", ".git", "tests", "__pycache__", ".pytest_cache"}


def catalogue(root: Path, language: str) -> Path:
    return root / "locale" / language / "LC_MESSAGES" / "django.po"


def msgids(po: Path, option: str) -> list[str]:
    result = subprocess.run(
        ["msgattrib", option, "--no-wrap", str(po)], capture_output=True, text=True, check=True
    )
    return [line for line in result.stdout.splitlines() if line.startswith("msgid ")][1:]


@pytest.fixture(scope="module")
def refreshed(tmp_path_factory) -> Path:
    """A copy of the source whose catalogues makemessages has brought up to date."""
    root = tmp_path_factory.mktemp("source") / "lotsen"
    shutil.copytree(PROJECT, root, ignore=lambda _dir, names: SKIPPED & set(names))
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", *[f"-l{lang}" for lang in LANGUAGES],
         "--no-location", "--no-obsolete", "-v0"],
        cwd=root, check=True, capture_output=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "lotsen.settings",
             "LOTSEN_VAR_DIR": str(root / "var")},
    )  # fmt: skip
    return root


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_entry_is_missing(language):
    assert msgids(catalogue(PROJECT, language), "--untranslated") == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_entry_is_fuzzy(language):
    assert msgids(catalogue(PROJECT, language), "--only-fuzzy") == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_in_the_code_is_in_the_catalogue(refreshed, language):
    """Fails when code or templates have strings nobody ran makemessages for."""
    new = msgids(catalogue(refreshed, language), "--untranslated")
    new += msgids(catalogue(refreshed, language), "--only-fuzzy")
    assert new == [], "run makemessages and translate: " + ", ".join(new[:20])


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_compiles_with_matching_placeholders(language):
    result = subprocess.run(
        ["msgfmt", "--check-format", "-o", "/dev/null", str(catalogue(PROJECT, language))],
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
