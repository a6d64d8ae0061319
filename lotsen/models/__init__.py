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
from lotsen.models.retention import RetentionRun

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
    "RetentionRun",
    "User",
    "UserManager",
]
