from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "regions"
    verbose_name = _("Regions")

    def ready(self) -> None:
        from lotsen.core.status_history import keep_current_status
        from regions.models import Region, RegionStatusChange

        keep_current_status(Region, RegionStatusChange, "region")
