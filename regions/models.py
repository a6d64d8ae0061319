import datetime

from django.conf import settings
from django.db import models
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotsen.core.dates import short_date
from lotsen.core.status_history import CurrentStatus, StatusChange, annotate_status


class FederalState(models.TextChoices):
    BW = "BW", _("Baden-Württemberg")
    BY = "BY", _("Bavaria")
    BE = "BE", _("Berlin")
    BB = "BB", _("Brandenburg")
    HB = "HB", _("Bremen")
    HH = "HH", _("Hamburg")
    HE = "HE", _("Hesse")
    MV = "MV", _("Mecklenburg-Western Pomerania")
    NI = "NI", _("Lower Saxony")
    NW = "NW", _("North Rhine-Westphalia")
    RP = "RP", _("Rhineland-Palatinate")
    SL = "SL", _("Saarland")
    SN = "SN", _("Saxony")
    ST = "ST", _("Saxony-Anhalt")
    SH = "SH", _("Schleswig-Holstein")
    TH = "TH", _("Thuringia")


class RegionKind(models.TextChoices):
    LABOUR_MARKET_REGION = "labour_market_region", _("Labour market region (Regionalagentur)")
    DISTRICT = "district", _("District or district-free city")
    OTHER = "other", _("Other area")


class CooperationStatus(models.TextChoices):
    """Where a region stands with the model project; usually moves left to right."""

    CONTACTED = "contacted", _("contacted")
    IN_TALKS = "in_talks", _("in talks")
    INTERESTED = "interested", _("interested")
    BINDING = "binding", _("binding cooperation")
    ENDED = "ended", _("ended")


class RegionQuerySet(models.QuerySet["Region"]):
    def with_status(self, on: datetime.date | None = None) -> "RegionQuerySet":
        """Annotate ``status`` and ``status_since`` as of day ``on`` (default: today)."""
        return annotate_status(
            self,
            history=RegionStatusChange,
            owner="region",
            on=on or timezone.localdate(),
        )

    def status_counts(self, on: datetime.date | None = None) -> dict[str, int]:
        """Number of regions per cooperation status on day ``on``, in one query.

        Regions without any status yet on that day are counted under ``None``.
        """
        rows = self.with_status(on).order_by().values("status").annotate(n=Count("pk"))
        return {row["status"]: row["n"] for row in rows}


class Region(CurrentStatus):
    """A model-project region, usually the area of one Regionalagentur."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(_("short name in URLs"), max_length=150, unique=True)
    federal_state = models.CharField(
        _("federal state"), max_length=2, choices=FederalState.choices, default=FederalState.NW
    )
    kind = models.CharField(
        _("kind"),
        max_length=30,
        choices=RegionKind.choices,
        default=RegionKind.LABOUR_MARKET_REGION,
    )
    description = models.TextField(_("description"), blank=True)
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("regional coordinators"),
        related_name="coordinated_regions",
        blank=True,
        limit_choices_to={"role": "coordinator"},
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RegionQuerySet.as_manager()

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def status_label(self) -> str:
        """Label of the ``status`` annotated by ``Region.objects.with_status()``."""
        status = getattr(self, "status", None)
        return CooperationStatus(status).label if status else ""

    def status_on(self, day: datetime.date) -> str | None:
        entry = self.status_changes.filter(valid_from__lte=day).order_by("-valid_from").first()
        return entry.status if entry else None


class RegionStatusChange(StatusChange):
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.CASCADE,
        related_name="status_changes",
    )
    status = models.CharField(_("cooperation status"), max_length=20, choices=CooperationStatus)

    class Meta:
        verbose_name = _("cooperation status change")
        verbose_name_plural = _("cooperation status history")
        ordering = ["region", "-valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["region", "valid_from"], name="region_one_status_change_per_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region}: {self.get_status_display()} ({short_date(self.valid_from)})"
