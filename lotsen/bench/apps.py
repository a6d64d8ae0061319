from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenchConfig(AppConfig):
    """The benchmarks behind ``make bench``; no models of its own."""

    name = "lotsen.bench"
    label = "bench"
    verbose_name = _("Benchmarks")
