"""The members' area: documents, working groups, messages to groups.

The world's working group has the guide as member; the other guide and both coordinators
stand for non-members (a coordinator outside the group does not see its page or documents).
"""

from django.core.files.base import ContentFile

from lotsen.models import (
    Document,
    DocumentAudience,
    DocumentCategory,
    DocumentVersion,
    Message,
    MessageAudience,
    WorkingGroup,
)
from lotsen.models import User as Account
from tests.matrix import DENIED, HIDDEN, IN_REGION, OK, WORKSPACE, Row, expect

EVERY_MEMBER = expect(guide=OK, other_guide=OK, other_coordinator=OK)
COORDINATORS_ONLY = expect(guide=HIDDEN, other_guide=HIDDEN, other_coordinator=OK)
GROUP_ONLY = expect(guide=OK, other_guide=HIDDEN, other_coordinator=HIDDEN, coordinator=HIDDEN)
MANAGED_IN_REGION = expect()  # visible to all members, changed by the region's coordination
UPLOADERS = expect(other_coordinator=OK)
MANAGE_GROUPS = expect(coordinator=DENIED)
GROUP_MANAGED = expect(guide=DENIED, other_guide=HIDDEN, other_coordinator=HIDDEN,
                       coordinator=HIDDEN)  # fmt: skip
MESSAGE_RECORD = IN_REGION

ROWS = {
    "documents:list": Row(get=EVERY_MEMBER),
    "documents:create": Row(get=UPLOADERS, post=UPLOADERS),
    "documents:detail": Row("library_coordinators_document", get=COORDINATORS_ONLY),
    "documents:update": Row("library_document", get=MANAGED_IN_REGION, post=MANAGED_IN_REGION),
    "documents:version": Row("library_document", get=MANAGED_IN_REGION, post=MANAGED_IN_REGION),
    "documents:download": Row("library_group_document", get=GROUP_ONLY),
    "documents:download-version": Row(
        "library_version", arg_field=("document_id", "number"), get=EVERY_MEMBER
    ),
    "groups:list": Row(get=EVERY_MEMBER),
    "groups:detail": Row("library_group", get=GROUP_ONLY),
    "groups:create": Row(get=MANAGE_GROUPS, post=MANAGE_GROUPS, post_data={"name": "AK Neu"}),
    "groups:update": Row(
        "library_group", get=GROUP_MANAGED, post=GROUP_MANAGED, post_data={"name": "AK Umbenannt"}
    ),
    "messages:list": Row(get=WORKSPACE),
    "messages:create": Row(get=WORKSPACE, post=WORKSPACE),
    "messages:detail": Row("library_message", get=MESSAGE_RECORD),
    "messages:preferences": Row(
        get=EVERY_MEMBER, post=EVERY_MEMBER, post_data={"language": "de", "opted_out": "on"}
    ),
}


def _document(region, user, title, audience, group=None) -> Document:
    document = Document.objects.create(
        title=title,
        category=DocumentCategory.MINUTES,
        region=region,
        audience=audience,
        group=group,
        created_by=user,
    )
    version = DocumentVersion(
        document=document,
        number=1,
        filename="protokoll.pdf",
        content_type="application/pdf",
        size=9,
        uploaded_by=user,
    )
    version.file.save("upload", ContentFile(b"%PDF-1.4\n"), save=False)
    version.save()
    return document


def world(region, guide) -> dict:
    # An earlier coordinator of the region wrote the message and uploaded the documents; the
    # coordinator persona manages them through the region.
    coordinator = Account.objects.create_user(
        "library-koordination@example.org", role="coordinator"
    )
    group = WorkingGroup.objects.create(name="Facharbeitskreis Anerkennung")
    group.members.add(guide.user)
    members = _document(region, coordinator, "Protokoll Netzwerktreffen", DocumentAudience.MEMBERS)
    message = Message.objects.create(
        sender=coordinator,
        audience=MessageAudience.REGION_GUIDES,
        audience_description="Lotsinnen und Lotsen",
        subject="Einladung",
        body="Hallo",
    )
    message.regions.add(region)
    return {
        "library_group": group,
        "library_document": members,
        "library_version": members.versions.get(),
        "library_coordinators_document": _document(
            region, coordinator, "Intern: Planung", DocumentAudience.COORDINATORS
        ),
        "library_group_document": _document(
            None, coordinator, "AK-Protokoll", DocumentAudience.GROUP, group
        ),
        "library_message": message,
    }
