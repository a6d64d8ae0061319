from types import SimpleNamespace

from django.core.files.base import ContentFile
from django.utils import timezone

from tests.factories import IssueFactory, IssueItemFactory
from tests.matrix import ADMIN_ONLY, PUBLIC_PAGE, WORKSPACE, Row

ROWS = {
    # The public archive: sent issues, their PDF, full texts and downloads, for everyone.
    "archive:list": Row(get=PUBLIC_PAGE),
    "archive:detail": Row("sent_issue", arg_field="number", get=PUBLIC_PAGE),
    "archive:pdf": Row("sent_issue", arg_field="number", get=PUBLIC_PAGE),
    "archive:item": Row("archived_item", arg_field=("number", "pk"), get=PUBLIC_PAGE),
    "archive:download": Row("archived_product", arg_field=("number", "pk"), get=PUBLIC_PAGE),
    # Previews: every coordinator and the Landeskoordination; the test send: the latter only.
    "previews:web": Row("draft_issue", get=WORKSPACE),
    "previews:email": Row("draft_issue", get=WORKSPACE),
    "previews:text": Row("draft_issue", get=WORKSPACE),
    "previews:pdf": Row("draft_issue", get=WORKSPACE),
    "previews:test-send": Row(
        "draft_issue",
        get=ADMIN_ONLY,
        post=ADMIN_ONLY,
        post_data={"email": "test@example.org", "language": "de"},
    ),
}  # fmt: skip


def world(region, guide) -> dict:
    draft = IssueFactory()
    IssueItemFactory(issue=draft, region=region)
    sent = IssueFactory(state="sent", sent_at=timezone.now(), web_html="<p>Archiv</p>")
    sent.pdf.save("newsletter.pdf", ContentFile(b"%PDF-stand-in"), save=True)
    item = IssueItemFactory(issue=sent, region=region)
    product = IssueItemFactory(
        issue=sent, section="product", region=None, headline="Flyer", body=""
    )
    product.attachment.save("flyer.pdf", ContentFile(b"%PDF-flyer"), save=True)
    return {
        "draft_issue": draft,
        "sent_issue": sent,
        "archived_item": SimpleNamespace(number=sent.number, pk=item.pk),
        "archived_product": SimpleNamespace(number=sent.number, pk=product.pk),
    }
