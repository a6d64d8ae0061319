from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """The demo network and its ``seed_demo`` command; no models of its own."""

    name = "lotsen.demo"
    label = "demo"
    verbose_name = _("Demo data")
