"""The guide's kit: own page, the coordination's page, the PDFs, attestations, public check."""

import datetime

from django.utils import timezone

from lotsen.core.roles import Role
from lotsen.models import Attestation
from tests.factories import UserFactory
from tests.matrix import DENIED, HIDDEN, IN_REGION, LOGIN, OK, PUBLIC_PAGE, Row, expect

# A guide's own pages: each guide gets their own; nobody else has one.
OWN_KIT = expect(guide=OK, other_guide=OK, coordinator=DENIED, admin=DENIED)
# The PDFs: the guide's own and their coordination's; a 404 for every other account.
GUIDES_PDF = {
    "anonymous": LOGIN,
    "guide": OK,
    "other_guide": HIDDEN,
    "other_coordinator": HIDDEN,
    "coordinator": OK,
    "admin": OK,
}
# Signed by the regional coordination: its coordinators issue, not the Landeskoordination.
REGION_ISSUES = expect(other_coordinator=HIDDEN, admin=DENIED)
# Revoking is the workspace's: guides do not reach it at all.
REVOKE = expect(guide=HIDDEN, other_guide=HIDDEN, other_coordinator=HIDDEN)

IN_A_MONTH = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()

ROWS = {
    "kit:own": Row(
        get=OWN_KIT, post=OWN_KIT, post_data={"title_form": "lotsin", "contact": "email"}
    ),
    "kit:guide": Row("guide", get=IN_REGION),
    "kit:issue": Row("guide", post=REGION_ISSUES, post_data={"valid_until": IN_A_MONTH}),
    "kit:revoke": Row("kit_attestation", post=REVOKE),
    "kit:cards": Row("guide", get=GUIDES_PDF),
    "kit:info-sheet": Row("guide", get=GUIDES_PDF),
    "kit:attestation": Row("kit_attestation", get=GUIDES_PDF),
    "kit:verify": Row(get=PUBLIC_PAGE),
}


def world(region, guide) -> dict:
    # Issued by an earlier coordinator of the region, who keeps no region of their own now.
    coordinator = UserFactory(email="former-koordination@example.org", role=Role.COORDINATOR)
    attestation = Attestation.objects.create(
        guide=guide,
        region=region,
        issued_by=coordinator,
        valid_until=timezone.localdate() + datetime.timedelta(days=30),
    )
    return {"kit_attestation": attestation}
