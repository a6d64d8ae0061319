"""Referral requests: the public form, the guide's personal link, the coordinators' pages."""

from lotsen.models.referrals import ReferralProposal, ReferralRequest, ReferralState
from tests.factories import GuideFactory, LanguageFactory
from tests.matrix import IN_REGION, PUBLIC_PAGE, WORKSPACE, Row

ROWS = {
    "referrals:request": Row(get=PUBLIC_PAGE, post=PUBLIC_PAGE),
    "referrals:request-done": Row(get=PUBLIC_PAGE),
    # Who holds the token may answer that one proposal, logged in or not.
    "referrals:proposal": Row(
        "referral_proposal",
        arg_field="token",
        get=PUBLIC_PAGE,
        post=PUBLIC_PAGE,
        post_data={"decision": "decline"},
    ),
    "referrals:list": Row(get=WORKSPACE),
    "referrals:detail": Row("referral_request", get=IN_REGION),
    "referrals:propose": Row("referral_request", post=IN_REGION),
    "referrals:close": Row("referral_request", post=IN_REGION, post_data={"outcome": "other"}),
    "referrals:cancel": Row("referral_request", post=IN_REGION),
}


def world(region, guide) -> dict:
    request = ReferralRequest.objects.create(
        organisation="Jobcenter Hagen",
        contact_name="Petra Sommer",
        email="sommer@jobcenter.example.org",
        region=region,
        time_frame="im März",
        state=ReferralState.PROPOSED,
    )
    request.languages.add(LanguageFactory())
    proposed_to = GuideFactory(region=region, email="vermittlung@example.org")
    proposal = ReferralProposal.objects.create(request=request, guide=proposed_to)
    return {"referral_request": request, "referral_proposal": proposal}
