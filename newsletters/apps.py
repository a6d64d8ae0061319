from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewslettersConfig(AppConfig):
    """Publishing: the newsletter and the interim report. Its models arrive with those issues."""

    name = "newsletters"
    verbose_name = _("Publications")
