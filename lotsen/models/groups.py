"""Working groups (Facharbeitskreise): members with accounts, their meetings and documents."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkingGroup(models.Model):
    """A Facharbeitskreis. Its page, meetings and documents are for its members and the
    Landeskoordination, which manages the membership."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("members"),
        related_name="working_groups",
        blank=True,
    )
    # Internal events (is_public off) the group meets at.
    meetings = models.ManyToManyField(
        "events.Event",
        verbose_name=_("meetings"),
        related_name="working_groups",
        blank=True,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
