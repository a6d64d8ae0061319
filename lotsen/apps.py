from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LotsenConfig(AppConfig):
    name = "lotsen"
    verbose_name = _("Guides and accounts")

    def ready(self) -> None:
        from lotsen.core import audit, permissions
        from lotsen.core.status_history import keep_current_status
        from lotsen.models.guides import Guide, GuideStatusChange

        permissions.register()
        audit.register()
        keep_current_status(Guide, GuideStatusChange, "guide")
