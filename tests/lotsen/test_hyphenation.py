"""The ``soft_hyphens`` filter: long words may break at a syllable, and only there."""

from django.template import Context, Template
from django.utils import translation

SHY = "\u00ad"


def render(text: str) -> str:
    return Template("{% load hyphenation %}{{ text|soft_hyphens }}").render(Context({"text": text}))


def test_long_german_words_break_only_between_syllables():
    with translation.override("de"):
        html = render("Migrantenorganisationen in Bochum")
    assert html.replace(SHY, "") == "Migrantenorganisationen in Bochum"
    assert "Migran" + SHY in html  # a syllable ends there
    assert "Bochum" in html and SHY + "chum" not in html  # short words stay whole


def test_a_consonant_alone_is_no_syllable():
    with translation.override("de"):
        html = render("Kooperationsstatus")
    assert "ons" + SHY + "sta" + SHY + "tus" in html  # "Kooperations-status", never "…ss-tatus"
    assert html.replace(SHY, "") == "Kooperationsstatus"


def test_text_stays_escaped():
    with translation.override("de"):
        html = render("<b>Kooperationsvereinbarung</b>")
    assert html.startswith("&lt;b&gt;") and "<b>" not in html


def test_english_pages_use_english_syllables():
    with translation.override("en"):
        html = render("Internationalisation")
    assert SHY in html and html.replace(SHY, "") == "Internationalisation"
