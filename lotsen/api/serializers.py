from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from lotsen.core.api.serializers import NamedRefSerializer, RegionRefSerializer
from lotsen.models.guides import Guide
from lotsen.models.referrals import ReferralProposal, ReferralRequest


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


class ProposalSerializer(serializers.ModelSerializer):
    guide = serializers.SerializerMethodField()

    class Meta:
        model = ReferralProposal
        fields = ["guide", "state", "created_at", "decided_at"]

    @extend_schema_field(NamedRefSerializer)
    def get_guide(self, proposal) -> dict:
        return {"id": proposal.guide_id, "name": proposal.guide.full_name}


class ReferralRequestSerializer(serializers.ModelSerializer):
    """A referral request as the workspace shows it to the coordinators of its region."""

    region = RegionRefSerializer(read_only=True)
    languages = serializers.StringRelatedField(many=True)
    topics = serializers.StringRelatedField(many=True)
    proposals = ProposalSerializer(many=True, read_only=True)

    class Meta:
        model = ReferralRequest
        fields = [
            "id", "reference", "state", "outcome", "organisation", "contact_name", "email",
            "phone", "languages", "topics", "region", "place", "time_frame", "note",
            "created_at", "proposed_at", "decided_at", "closed_at", "proposals",
        ]  # fmt: skip


class ProposeSerializer(serializers.Serializer):
    guides = serializers.ListField(
        child=serializers.IntegerField(min_value=1),
        min_length=1,
        max_length=50,
        help_text="Ids of guides of one's regions (from /workspace/guides/) not asked yet.",
    )
