"""Controlled vocabularies (languages, communities, thematic fields, ...).

Admins extend them in the admin instead of users typing free text, so that filters, reports
and the public directory count "Arabisch" and "arabisch" as one language.
"""

from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Term(models.Model):
    name = models.CharField(_("name (German)"), max_length=100)
    name_en = models.CharField(_("name (English)"), max_length=100, blank=True)

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self) -> str:
        return self.label

    @classmethod
    def unique_name(cls, label: str) -> models.UniqueConstraint:
        """The case-insensitive uniqueness each concrete vocabulary declares in its Meta."""
        return models.UniqueConstraint(
            Lower("name"),
            name=f"{label}_unique_name",
            violation_error_message=_("This term already exists."),
        )

    @property
    def label(self) -> str:
        """The name in the active language, falling back to German."""
        if self.name_en and (get_language() or "de").startswith("en"):
            return self.name_en
        return self.name
