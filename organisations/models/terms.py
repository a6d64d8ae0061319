"""The controlled vocabularies organisations and guides are described with."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from lotsen.core.vocabulary import Term


class Language(Term):
    code = models.CharField(
        _("ISO 639 code"), max_length=8, blank=True, help_text=_("For example ar, ta, tr.")
    )

    class Meta(Term.Meta):
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        constraints = [Term.unique_name("language")]


class Community(Term):
    class Meta(Term.Meta):
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        constraints = [Term.unique_name("community")]


class ThematicField(Term):
    class Meta(Term.Meta):
        verbose_name = _("thematic field")
        verbose_name_plural = _("thematic fields")
        constraints = [Term.unique_name("thematicfield")]


class OrganisationRole(Term):
    """The roles a migrant organisation can take towards the labour market (seed 001)."""

    class Meta(Term.Meta):
        verbose_name = _("organisation role")
        verbose_name_plural = _("organisation roles")
        constraints = [Term.unique_name("organisationrole")]


class ProfessionalisationTopic(Term):
    """Where organisations need professionalisation: Vereinsrecht, Projektmanagement, ..."""

    class Meta(Term.Meta):
        verbose_name = _("professionalisation topic")
        verbose_name_plural = _("professionalisation topics")
        constraints = [Term.unique_name("professionalisationtopic")]
