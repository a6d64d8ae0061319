"""The models of the ``lotsen`` app: accounts and the guides, one module each."""

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
from lotsen.models.kit import Attestation, AttestationState, CardContact, GuideKit, TitleForm

__all__ = [
    "Attestation",
    "AttestationState",
    "CardContact",
    "CompletedTraining",
    "ContactPreference",
    "ExpertiseArea",
    "Guide",
    "GuideKit",
    "GuideLanguage",
    "GuideQuerySet",
    "GuideStatus",
    "GuideStatusChange",
    "LanguageLevel",
    "TitleForm",
    "User",
    "UserManager",
]
