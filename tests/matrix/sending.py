from django.utils import timezone

from newsletters.models import Delivery, DeliveryState, IssueState
from tests.factories import IssueFactory, SubscriberFactory
from tests.matrix import ADMIN_ONLY, Row

ROWS = {
    # Sending is the Landeskoordination's alone: the progress page and the answers to unclear
    # deliveries. An allowed POST without a choice ends back on the page with a message.
    "sending:progress": Row("sending_issue", get=ADMIN_ONLY),
    "sending:resend-unclear": Row("sending_issue", post=ADMIN_ONLY),
    "sending:mark-unclear-sent": Row("sending_issue", post=ADMIN_ONLY),
}


def world(region, guide) -> dict:
    issue = IssueFactory(
        state=IssueState.SENDING,
        approved_at=timezone.now(),
        rendered_at=timezone.now(),
        sending_started_at=timezone.now(),
    )
    Delivery.objects.create(
        issue=issue, subscriber=SubscriberFactory(), state=DeliveryState.UNCLEAR, attempts=1
    )
    return {"sending_issue": issue}
