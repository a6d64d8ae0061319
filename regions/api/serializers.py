from rest_framework import serializers

from regions.models import CooperationStatus, Region, RegionStatusChange


class StatusChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = RegionStatusChange
        fields = ["status", "valid_from"]


class RegionSerializer(serializers.ModelSerializer):
    status = serializers.ChoiceField(
        choices=CooperationStatus.choices,
        allow_null=True,
        read_only=True,
        help_text="Cooperation status today.",
    )
    status_label = serializers.CharField(read_only=True)
    history = StatusChangeSerializer(many=True, read_only=True, source="status_changes")

    class Meta:
        model = Region
        fields = ["slug", "name", "federal_state", "kind", "status", "status_label", "history"]
