from rest_framework import serializers

from lotsen.core.api.serializers import RegionRefSerializer
from organisations.models import MigrantOrganisation


class DirectoryEntrySerializer(serializers.ModelSerializer):
    """What the public directory page shows of an organisation, and nothing more."""

    region = RegionRefSerializer(read_only=True)
    communities = serializers.StringRelatedField(many=True)
    languages = serializers.StringRelatedField(many=True)
    thematic_fields = serializers.StringRelatedField(many=True)

    class Meta:
        model = MigrantOrganisation
        fields = ["id", "name", "city", "website", "region", "communities", "languages",
                  "thematic_fields"]  # fmt: skip


class WorkspaceOrganisationSerializer(serializers.ModelSerializer):
    """An organisation as the workspace list shows it."""

    region = RegionRefSerializer(read_only=True)
    communities = serializers.StringRelatedField(many=True)
    languages = serializers.StringRelatedField(many=True)
    guide_count = serializers.IntegerField(read_only=True)
    contact_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = MigrantOrganisation
        fields = ["id", "name", "city", "website", "email", "phone", "region", "communities",
                  "languages", "listed_publicly", "guide_count", "contact_count"]  # fmt: skip
