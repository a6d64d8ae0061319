"""The demo guide's kit: their choices and an attestation from the demo coordination, so that
the kit page, the PDFs and the check at /pruefen/ show something from the first run."""

import datetime

from django.utils import timezone

from lotsen.core.roles import Role
from lotsen.demo.network import GUIDE_WITH_ACCOUNT, DemoNetwork, upsert
from lotsen.models import Attestation, CardContact, GuideKit, TitleForm


def load_kit(network: DemoNetwork) -> None:
    guide = network.guides[GUIDE_WITH_ACCOUNT]
    upsert(
        GuideKit,
        {"guide": guide},
        {"title_form": TitleForm.MASCULINE, "contact": CardContact.COORDINATION},
    )
    # One valid attestation at a time; a later run keeps it (and its code) as it is.
    today = timezone.localdate()
    if not guide.attestations.filter(revoked_at=None, valid_until__gte=today).exists():
        Attestation.objects.create(
            guide=guide,
            region=guide.region,
            issued_by=network.accounts[Role.COORDINATOR],
            valid_until=today + datetime.timedelta(days=365),
        )
