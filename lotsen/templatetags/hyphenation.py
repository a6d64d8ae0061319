"""``{{ text|soft_hyphens }}``: soft hyphens in long words, so that narrow boxes can break them.

German compounds ("Migrantenorganisationen", "Kooperationsvereinbarung") are wider than a
table column or a day of the month grid. CSS ``hyphens: auto`` breaks them only where the
browser has a hyphenation dictionary for the page's language, which not every one has (Linux
builds of Chromium among them). A soft hyphen (U+00AD) is invisible unless the line breaks
there, and then shows as "-"; Pyphen (which WeasyPrint brings) knows where syllables end.
"""

import functools
import itertools
import re

import pyphen
from django import template
from django.utils import translation

register = template.Library()

SOFT_HYPHEN = "\u00ad"
# Shorter words fit any box the portal has; hyphenating them would only make lines ragged.
LONG_WORD = re.compile(r"\w{12,}")
DICTIONARIES = {"de": "de_DE", "en": "en_GB"}


@functools.cache
def _dictionary(language: str) -> pyphen.Pyphen | None:
    name = DICTIONARIES.get(language.split("-")[0])
    return pyphen.Pyphen(lang=name, left=3, right=3) if name else None


# A piece without a vowel is no syllable: the German patterns split "Kooperationsstatus" as
# "…ons-s-ta…", and a line broken there reads "Kooperationss-tatus".
VOWEL = re.compile(r"[aeiouyäöüàáâèéêìíîòóôùúû]", re.IGNORECASE)


def _syllables(dictionary: pyphen.Pyphen, word: str) -> list[str]:
    cuts = [0, *dictionary.positions(word), len(word)]
    syllables: list[str] = []
    pending = ""
    for start, end in itertools.pairwise(cuts):
        piece = pending + word[start:end]
        if VOWEL.search(piece):
            syllables.append(piece)
            pending = ""
        else:  # joins the next syllable ("s" + "ta"), or the last one at the end
            pending = piece
    if pending:
        if syllables:
            syllables[-1] += pending
        else:
            syllables.append(pending)
    return syllables


@register.filter(is_safe=True)
def soft_hyphens(value) -> str:
    """``value`` with soft hyphens between the syllables of its long words (active language)."""
    text = str(value)
    dictionary = _dictionary(translation.get_language() or "de")
    if dictionary is None:
        return text
    return LONG_WORD.sub(lambda word: SOFT_HYPHEN.join(_syllables(dictionary, word.group(0))), text)
