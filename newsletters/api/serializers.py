from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from lotsen.core.api.serializers import RegionRefSerializer
from newsletters.api.selectors import ordered_items
from newsletters.models import Issue, IssueItem


class ArchivedItemSerializer(serializers.ModelSerializer):
    """An item as the archive shows it: its own texts, or its event report's."""

    region = RegionRefSerializer(allow_null=True, read_only=True)
    headline = serializers.SerializerMethodField()
    dateline = serializers.SerializerMethodField()
    teaser = serializers.SerializerMethodField()
    body = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = IssueItem
        fields = ["id", "section", "region", "headline", "dateline", "teaser", "body",
                  "download_url"]  # fmt: skip

    def _text(self, item, field: str) -> str:
        return getattr(item, field) or (getattr(item.report, field) if item.report else "")

    def get_headline(self, item) -> str:
        return self._text(item, "headline")

    def get_dateline(self, item) -> str:
        return self._text(item, "dateline")

    def get_teaser(self, item) -> str:
        return self._text(item, "teaser")

    def get_body(self, item) -> str:
        return self._text(item, "body")

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_download_url(self, item):
        if not item.attachment:
            return None
        url = reverse("archive:download", args=[item.issue.number, item.pk])
        return self.context["request"].build_absolute_uri(url)


class ArchivedIssueSerializer(serializers.ModelSerializer):
    items = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()

    class Meta:
        model = Issue
        fields = ["number", "title", "issue_date", "sent_at", "pdf_url", "items"]

    @extend_schema_field(ArchivedItemSerializer(many=True))
    def get_items(self, issue):
        items = ordered_items(issue)
        for item in items:
            item.issue = issue  # already at hand: no query per item
        return ArchivedItemSerializer(items, many=True, context=self.context).data

    @extend_schema_field(serializers.URLField(allow_null=True))
    def get_pdf_url(self, issue):
        if not issue.pdf:
            return None
        url = reverse("archive:pdf", args=[issue.number])
        return self.context["request"].build_absolute_uri(url)
