"""The models of the ``lotsen`` app: accounts, the guides and referral requests, one module
each."""

from lotsen.models.accounts import User, UserManager
from lotsen.models.guides import (
    CompletedTraining,
    ContactPreference,
    ExpertiseArea,
    Guide,
    GuideLanguage,
    GuideQuerySet,
    GuideStatus,
    GuideStatusChange,
    LanguageLevel,
)
from lotsen.models.referrals import (
    ProposalState,
    ReferralOutcome,
    ReferralProposal,
    ReferralRequest,
    ReferralState,
)

__all__ = [
    "CompletedTraining",
    "ContactPreference",
    "ExpertiseArea",
    "Guide",
    "GuideLanguage",
    "GuideQuerySet",
    "GuideStatus",
    "GuideStatusChange",
    "LanguageLevel",
    "ProposalState",
    "ReferralOutcome",
    "ReferralProposal",
    "ReferralRequest",
    "ReferralState",
    "User",
    "UserManager",
]
