"""Who may see one part of a profile: the person decides, field by field."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Visibility(models.TextChoices):
    """Who may see one part of a guide's profile; the guide decides, field by field.

    Coordinators of the guide's region and the Landeskoordination always see the whole profile,
    since they manage it.
    """

    PUBLIC = "public", _("public directory")
    NETWORK = "network", _("network only (logged-in members)")
    NOBODY = "nobody", _("nowhere")
