"""The models of the ``lotsen`` app: accounts, the guides, their kit, their accompaniments and
referral requests, one module each."""

from lotsen.models.accompaniments import (
    Accompaniment,
    AccompanimentKind,
    CaseLanguageLevel,
    Motivation,
    Outcome,
    Sector,
    Usability,
)
from lotsen.models.accounts import User, UserManager
from lotsen.models.api_tokens import ApiToken, TokenScope
from lotsen.models.contacts import ContactKind, ContactNote
from lotsen.models.documents import Document, DocumentAudience, DocumentCategory, DocumentVersion
from lotsen.models.groups import WorkingGroup
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
from lotsen.models.kit import Attestation, AttestationState, CardContact, GuideKit, TitleForm
from lotsen.models.legal import Conformance, LegalDocument, LegalText
from lotsen.models.messages import (
    Message,
    MessageAudience,
    MessageRecipient,
    MessageSettings,
)
from lotsen.models.referrals import (
    ProposalState,
    ReferralOutcome,
    ReferralProposal,
    ReferralRequest,
    ReferralState,
)
from lotsen.models.retention import RetentionRun

__all__ = [
    "Accompaniment",
    "AccompanimentKind",
    "ApiToken",
    "Attestation",
    "AttestationState",
    "CardContact",
    "CaseLanguageLevel",
    "CompletedTraining",
    "Conformance",
    "ContactKind",
    "ContactNote",
    "ContactPreference",
    "Document",
    "DocumentAudience",
    "DocumentCategory",
    "DocumentVersion",
    "ExpertiseArea",
    "Guide",
    "GuideKit",
    "GuideLanguage",
    "GuideQuerySet",
    "GuideStatus",
    "GuideStatusChange",
    "LanguageLevel",
    "LegalDocument",
    "LegalText",
    "Message",
    "MessageAudience",
    "MessageRecipient",
    "MessageSettings",
    "Motivation",
    "Outcome",
    "ProposalState",
    "ReferralOutcome",
    "ReferralProposal",
    "ReferralRequest",
    "ReferralState",
    "RetentionRun",
    "Sector",
    "TitleForm",
    "TokenScope",
    "Usability",
    "User",
    "UserManager",
    "WorkingGroup",
]
