from types import SimpleNamespace

from django.utils import timezone

from tests.factories import IssueFactory, IssueItemFactory
from tests.matrix import ADMIN_ONLY, IN_REGION, WORKSPACE, Row

ISSUE_DATA = {
    "number": "901",
    "title": "Newsletter Mai 2030",
    "issue_date": "2030-05-01",
    "copy_deadline": "2030-04-21",
}

ROWS = {
    # Every coordinator sees the issues and contributes to drafts; the Landeskoordination
    # creates, orders, approves, schedules and sends them.
    "issues:list": Row(get=WORKSPACE),
    "issues:create": Row(get=ADMIN_ONLY, post=ADMIN_ONLY, post_data=ISSUE_DATA),
    "issues:detail": Row("issue", get=WORKSPACE),
    "issues:update": Row("issue", get=ADMIN_ONLY, post=ADMIN_ONLY,
                         post_data={**ISSUE_DATA, "number": "902"}),
    "issues:item-create": Row("regional_section", arg_field=("pk", "section"), get=WORKSPACE,
                              post=WORKSPACE, post_data={"headline": "Neu", "teaser": "Text"}),
    # An item of the coordinator's region: hidden from the coordinator of another region.
    "issues:item-update": Row("item", get=IN_REGION, post=IN_REGION,
                              post_data={"headline": "Geändert", "teaser": "Text"}),
    "issues:item-delete": Row("item", get=IN_REGION, post=IN_REGION),
    "issues:item-move": Row("item", post=ADMIN_ONLY, post_data={"direction": "down"}),
    "issues:take-report": Row("issue", post=WORKSPACE, post_data={"report": "0"}),
    "issues:fill-dates": Row("issue", post=ADMIN_ONLY),
    "issues:approve": Row("issue", post=ADMIN_ONLY),
    "issues:schedule": Row("rendered_issue", get=ADMIN_ONLY, post=ADMIN_ONLY,
                           post_data={"day": "2030-01-01", "time": "10:00"}),
    "issues:reopen": Row("rendered_issue", post=ADMIN_ONLY),
    "issues:send": Row("issue", post=ADMIN_ONLY),
}  # fmt: skip


def world(region, guide) -> dict:
    issue = IssueFactory()
    item = IssueItemFactory(issue=issue, region=region)
    rendered = IssueFactory(state="approved", rendered_at=timezone.now())
    return {
        "issue": issue,
        "item": item,
        "rendered_issue": rendered,
        "regional_section": SimpleNamespace(pk=issue.pk, section="regional"),
    }
