"""What each run of the retention schedule (``lotsen.retention``) deleted or anonymised."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from lotsen.core.dates import short_datetime


class RetentionRun(models.Model):
    """One run of the schedule: per rule, how many records it deleted or anonymised.

    Only counts are kept, never what the records held: the run proves that the schedule is
    applied without keeping the data it removed.
    """

    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"))
    # rule key -> number of records deleted or anonymised by that rule in this run
    counts = models.JSONField(_("counts"), default=dict)

    class Meta:
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{short_datetime(self.started_at)}: {self.total}"

    @property
    def total(self) -> int:
        return sum(self.counts.values())
