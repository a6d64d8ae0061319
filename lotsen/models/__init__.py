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

__all__ = [
    "Accompaniment",
    "AccompanimentKind",
    "CaseLanguageLevel",
    "CompletedTraining",
    "ContactPreference",
    "ExpertiseArea",
    "Guide",
    "GuideLanguage",
    "GuideQuerySet",
    "GuideStatus",
    "GuideStatusChange",
    "LanguageLevel",
    "Motivation",
    "Outcome",
    "Sector",
    "Usability",
    "User",
    "UserManager",
]
