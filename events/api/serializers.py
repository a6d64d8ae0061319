from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from events.api.selectors import published_report
from events.models import Event, EventReport
from lotsen.core.api.serializers import NamedRefSerializer, RegionRefSerializer


class ReportSerializer(serializers.ModelSerializer):
    class Meta:
        model = EventReport
        fields = ["headline", "dateline", "teaser", "body"]


class PublicEventSerializer(serializers.ModelSerializer):
    region = RegionRefSerializer(allow_null=True, read_only=True)
    report = serializers.SerializerMethodField()

    class Meta:
        model = Event
        fields = [
            "id", "title", "kind", "region", "venue", "city", "starts_at", "ends_at",
            "description", "takes_registrations", "registration_deadline", "report",
        ]  # fmt: skip

    @extend_schema_field(ReportSerializer(allow_null=True))
    def get_report(self, event):
        report = published_report(event)
        return ReportSerializer(report).data if report is not None else None


class WorkspaceEventSerializer(serializers.ModelSerializer):
    """An event as the workspace list shows it."""

    region = RegionRefSerializer(allow_null=True, read_only=True)
    has_report = serializers.BooleanField(read_only=True)
    organising_agencies = NamedRefSerializer(many=True, read_only=True)
    organising_organisations = NamedRefSerializer(many=True, read_only=True)
    version = serializers.DateTimeField(
        source="updated_at",
        read_only=True,
        help_text="Send it back with a PATCH to refuse overwriting a newer change.",
    )

    class Meta:
        model = Event
        fields = [
            "id", "title", "kind", "region", "is_public", "venue", "street", "postal_code",
            "city", "starts_at", "ends_at", "description", "takes_registrations", "capacity",
            "registration_deadline", "organising_agencies", "organising_organisations",
            "has_report", "version",
        ]  # fmt: skip


FIRST_YEAR, LAST_YEAR = 1990, 2100


class EventPatchSerializer(serializers.Serializer):
    """The facts of an event a PATCH may change; checked by the workspace's event form."""

    title = serializers.CharField(required=False, max_length=250)
    venue = serializers.CharField(required=False, allow_blank=True, max_length=200)
    street = serializers.CharField(required=False, allow_blank=True, max_length=200)
    postal_code = serializers.CharField(required=False, allow_blank=True, max_length=10)
    city = serializers.CharField(required=False, max_length=100)
    starts_at = serializers.DateTimeField(required=False)
    ends_at = serializers.DateTimeField(required=False)
    description = serializers.CharField(required=False, allow_blank=True)
    is_public = serializers.BooleanField(required=False)
    capacity = serializers.IntegerField(required=False, allow_null=True, min_value=0)
    version = serializers.DateTimeField(required=False)

    def _plausible(self, value):
        # Far-off years are typing errors; and before 1893 Berlin's local time had an offset
        # in seconds, which ISO 8601 answers cannot carry.
        if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
            message = _("Please enter a date between %(first)d and %(last)d.")
            raise serializers.ValidationError(message % {"first": FIRST_YEAR, "last": LAST_YEAR})
        return value

    def validate_starts_at(self, value):
        return self._plausible(value)

    def validate_ends_at(self, value):
        return self._plausible(value)
