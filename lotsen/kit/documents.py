"""The kit's PDFs, rendered through ``lotsen.core.pdf`` (tagged PDF/UA, the safe URL fetcher).

Cards and attestation are in German, the language of the offices they are shown in; the
information sheet adds a page in the guide's chosen second language.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from lotsen.core.pdf import render_pdf
from lotsen.kit.selectors import coordinators_of, kit_of
from lotsen.models import Attestation, CardContact, Guide, GuideKit, TitleForm

CARDS_PER_SHEET = 10
# Positions of the cards' edges on the A4 sheet, in millimetres: two columns of 85 mm centred
# across 210 mm, five rows of 55 mm centred down 297 mm. The cut marks sit on these lines.
CARD_COLUMNS = (20, 105, 190)
CARD_ROWS = (11, 66, 121, 176, 231, 286)


def _own_contact(guide: Guide, kit: GuideKit) -> tuple[bool, bool]:
    """Whether the guide's phone and email are printed: chosen, and in the profile."""
    contact = kit.contact
    show_phone = contact in (CardContact.PHONE, CardContact.PHONE_AND_EMAIL) and bool(guide.phone)
    show_email = contact in (CardContact.EMAIL, CardContact.PHONE_AND_EMAIL) and bool(guide.email)
    return show_phone, show_email


def prints_coordination(guide: Guide, kit: GuideKit) -> bool:
    """The kit names the coordination: chosen, or the chosen own contact is not in the profile."""
    return not any(_own_contact(guide, kit))


def _common(guide: Guide) -> dict:
    kit = kit_of(guide)
    show_phone, show_email = _own_contact(guide, kit)
    return {
        "guide": guide,
        "kit": kit,
        "title_form": TitleForm(kit.title_form).label,
        "languages": [entry.language for entry in guide.languages.all()],
        "organisations": list(guide.organisations.all()),
        "coordinators": coordinators_of(guide.region),
        # A card must name some way to reach the guide: without the chosen number or address
        # in the profile, the coordination's contact stands in.
        "show_coordination": not (show_phone or show_email),
        "show_phone": show_phone,
        "show_email": show_email,
        "publisher": settings.PUBLISHER["name"],
        "imprint": settings.PUBLISHER,
        "portal_url": settings.PORTAL_URL.rstrip("/"),
    }


def cards_pdf(guide: Guide) -> bytes:
    """One A4 sheet of ten identical business cards (85 × 55 mm) with cut marks."""
    lang = settings.LANGUAGE_CODE
    with translation.override(lang):
        positions = [
            {"left": left, "top": top} for top in CARD_ROWS[:-1] for left in CARD_COLUMNS[:-1]
        ]
        return render_pdf(
            "pdf/kit/cards.html",
            {
                **_common(guide),
                "cards": positions[:CARDS_PER_SHEET],
                "columns": CARD_COLUMNS,
                "rows": CARD_ROWS,
            },
            title=gettext("Business cards – %(name)s") % {"name": guide.full_name},
            lang=lang,
        )


def info_sheet_pdf(guide: Guide) -> bytes:
    """One A4 page in German, and one more in the guide's chosen second language."""
    context = _common(guide)
    languages = [settings.LANGUAGE_CODE]
    if context["kit"].sheet_language:
        languages.append(context["kit"].sheet_language)
    with translation.override(settings.LANGUAGE_CODE):
        title = gettext("Information sheet – %(name)s") % {"name": guide.full_name}
    return render_pdf(
        "pdf/kit/info_sheet.html",
        {**context, "sheet_languages": languages},
        title=title,
        lang=settings.LANGUAGE_CODE,
    )


def attestation_pdf(attestation: Attestation) -> bytes:
    lang = settings.LANGUAGE_CODE
    guide = attestation.guide
    with translation.override(lang):
        return render_pdf(
            "pdf/kit/attestation.html",
            {
                **_common(guide),
                "attestation": attestation,
                "verify_url": settings.PORTAL_URL.rstrip("/") + reverse("kit:verify"),
            },
            title=gettext("Accompaniment attestation – %(name)s") % {"name": guide.full_name},
            lang=lang,
        )
