"""The members' document library: minutes, flyers, reports, slides, templates.

A document is its metadata; its files are versions. A new upload adds a version and keeps the
older ones; the newest is the current one. Files lie under MEDIA_ROOT, which no URL serves;
``documents:download`` hands them out after checking the document's audience.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DocumentCategory(models.TextChoices):
    MINUTES = "minutes", _("Minutes (Protokoll)")
    FLYER = "flyer", _("Flyer")
    REPORT = "report", _("Report (Bericht)")
    PRESENTATION = "presentation", _("Presentation (Präsentation)")
    TEMPLATE = "template", _("Template (Vorlage)")
    OTHER = "other", _("Other (Sonstiges)")


class DocumentAudience(models.TextChoices):
    MEMBERS = "members", _("everyone signed in")
    COORDINATORS = "coordinators", _("coordinators only")
    GROUP = "group", _("one working group")


class Document(models.Model):
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    category = models.CharField(_("category"), max_length=20, choices=DocumentCategory)
    date = models.DateField(_("date"), default=timezone.localdate)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
        help_text=_("Leave empty for a statewide document."),
    )
    audience = models.CharField(
        _("who may see it"),
        max_length=20,
        choices=DocumentAudience,
        default=DocumentAudience.MEMBERS,
    )
    group = models.ForeignKey(
        "lotsen.WorkingGroup",
        verbose_name=_("working group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="documents",
    )
    event = models.ForeignKey(
        "events.Event",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="documents",
        help_text=_("Slides or minutes of an event appear on its page."),
    )
    # The text inside the current version (PDF, office document), for the search.
    text = models.TextField(_("text of the file"), blank=True, editable=False)
    is_demo = models.BooleanField(_("demo document"), default=False, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-date", "-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(audience="group", group__isnull=False)
                | (~Q(audience="group") & Q(group__isnull=True)),
                name="document_group_only_for_group_audience",
                violation_error_message=_(
                    "Choose a working group exactly when the document is for one working group."
                ),
            ),
        ]
        indexes = [models.Index(fields=["-date", "-created_at"])]

    def __str__(self) -> str:
        return self.title


def document_file_path(version: "DocumentVersion", filename: str) -> str:
    # A random name: the stored name must not carry what the uploader named the file.
    return f"documents/{uuid.uuid4().hex}"


class DocumentVersion(models.Model):
    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=document_file_path, max_length=200)
    filename = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("file type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    text = models.TextField(_("text of the file"), blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("version of a document")
        verbose_name_plural = _("versions of documents")
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="document_version_once"),
        ]

    def __str__(self) -> str:
        return f"{self.document} (v{self.number})"
