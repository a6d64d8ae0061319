"""The models of the ``organisations`` app: the vocabularies, migrant organisations and the
agencies they cooperate with, one module each."""

from organisations.models.agencies import Agency, AgencyKind, ContactPerson
from organisations.models.experts import Conditions, Expert, ExpertRequest, RequestState
from organisations.models.needs import (
    FrozenVersionError,
    NeedsAnswer,
    NeedsInvitation,
    Question,
    QuestionKind,
    Questionnaire,
    QuestionnaireVersion,
    QuestionOption,
)
from organisations.models.organisations import (
    ArchivableQuerySet,
    LegalForm,
    MigrantOrganisation,
    SupportKind,
    SupportMeasure,
)
from organisations.models.terms import (
    Community,
    Language,
    OrganisationRole,
    ProfessionalisationTopic,
    ThematicField,
)

__all__ = [
    "Agency",
    "AgencyKind",
    "ArchivableQuerySet",
    "Community",
    "Conditions",
    "ContactPerson",
    "Expert",
    "ExpertRequest",
    "FrozenVersionError",
    "Language",
    "LegalForm",
    "MigrantOrganisation",
    "NeedsAnswer",
    "NeedsInvitation",
    "OrganisationRole",
    "ProfessionalisationTopic",
    "Question",
    "QuestionKind",
    "QuestionOption",
    "Questionnaire",
    "QuestionnaireVersion",
    "RequestState",
    "SupportKind",
    "SupportMeasure",
    "ThematicField",
]
