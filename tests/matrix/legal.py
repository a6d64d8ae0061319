"""Legal pages: public for everyone, edited by the Landeskoordination alone."""

from lotsen.models.legal import LegalDocument, LegalText
from tests.matrix import ADMIN_ONLY, PUBLIC_PAGE, Row

ROWS = {
    "legal:imprint": Row(get=PUBLIC_PAGE),
    "legal:imprint-version": Row("legal_imprint", arg_field="number", get=PUBLIC_PAGE),
    "legal:privacy": Row(get=PUBLIC_PAGE),
    "legal:privacy-version": Row("legal_privacy", arg_field="number", get=PUBLIC_PAGE),
    "legal:accessibility": Row(
        get=PUBLIC_PAGE,
        post=PUBLIC_PAGE,
        post_data={"email": "rueckmeldung@example.org", "message": "Der Kalender ist zu klein."},
    ),
    "legal:accessibility-version": Row("legal_accessibility", arg_field="number", get=PUBLIC_PAGE),
    "legal:manage": Row(get=ADMIN_ONLY),
    "legal:edit": Row(
        "legal_privacy",
        arg_field="document",
        get=ADMIN_ONLY,
        post=ADMIN_ONLY,
        post_data={"body": "## Neu\n\nGeänderte Fassung.", "note": "Matrix"},
    ),
}


def world(region, guide) -> dict:
    def publish(document: str) -> LegalText:
        return LegalText.objects.create(
            document=document,
            number=1,
            body="## Erste Fassung\n\nText.",
            conformance="partial" if document == LegalDocument.ACCESSIBILITY else "",
        )

    return {
        "legal_imprint": publish(LegalDocument.IMPRINT),
        "legal_privacy": publish(LegalDocument.PRIVACY),
        "legal_accessibility": publish(LegalDocument.ACCESSIBILITY),
    }
