from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LotsenConfig(AppConfig):
    name = "lotsen"
    verbose_name = _("Guides and accounts")

    def ready(self) -> None:
        from lotsen.core import audit, permissions

        permissions.register()
        audit.register()
