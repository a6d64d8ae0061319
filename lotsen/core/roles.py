"""The roles of portal accounts; what each may do is decided in ``lotsen.core.permissions``."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    # Partners (newsletter subscribers) have no account, so they are no role here.
    ADMIN = "admin", _("State coordination (Landeskoordination)")
    COORDINATOR = "coordinator", _("Regional coordination (Regionalkoordination)")
    GUIDE = "guide", _("Guide (Lotse/Lotsin)")
