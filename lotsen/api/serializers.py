from rest_framework import serializers

from lotsen.core.api.serializers import RegionRefSerializer
from lotsen.models.guides import Guide


class LanguageSerializer(serializers.Serializer):
    language = serializers.CharField()
    level = serializers.CharField()


class PublicGuideSerializer(serializers.Serializer):
    """One card of the public guide finder: every value was made public by the guide; an empty
    name, email or phone means the guide did not publish it."""

    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()
    label = serializers.CharField()
    has_photo = serializers.BooleanField()
    languages = serializers.SerializerMethodField()
    expertise = serializers.ListField(child=serializers.CharField())
    organisations = serializers.ListField(child=serializers.CharField())
    region = serializers.SerializerMethodField()
    email = serializers.CharField()
    phone = serializers.CharField()
    coordination = serializers.CharField()

    def get_languages(self, card) -> list[dict[str, str]]:
        return [{"language": language, "level": level} for language, level in card.languages]

    def get_region(self, card) -> dict[str, str]:
        return {"slug": card.region_slug, "name": card.region_name}


class WorkspaceGuideSerializer(serializers.ModelSerializer):
    """A guide as the workspace list shows it."""

    region = RegionRefSerializer(read_only=True)
    status = serializers.CharField(read_only=True, allow_null=True)
    languages = serializers.SerializerMethodField()
    organisations = serializers.StringRelatedField(many=True)

    class Meta:
        model = Guide
        fields = ["id", "first_name", "last_name", "email", "phone", "region", "status",
                  "languages", "organisations"]  # fmt: skip

    def get_languages(self, guide) -> list[dict[str, str]]:
        return [
            {"language": str(entry.language), "level": entry.get_level_display()}
            for entry in guide.languages.all()
        ]
