"""The models of the ``lotsen`` app: accounts, the guides and their accompaniments, one module
each."""

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
    "Accompaniment",
    "AccompanimentKind",
    "Attestation",
    "AttestationState",
    "CardContact",
    "CaseLanguageLevel",
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
    "Motivation",
    "Outcome",
    "Sector",
    "TitleForm",
    "Usability",
    "User",
    "UserManager",
]
