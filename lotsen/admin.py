"""The admin pages of accounts, guides and the change history (the Landeskoordination's)."""

from auditlog.admin import LogEntryAdmin
from auditlog.models import LogEntry
from django.contrib import admin

from lotsen.core.admin import StampUserOnInlinesMixin, StatusHistoryInline
from lotsen.models import (
    CompletedTraining,
    ExpertiseArea,
    Guide,
    GuideLanguage,
    GuideStatus,
    GuideStatusChange,
    Sector,
    User,
)


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["email", "name", "role", "is_active", "last_login"]
    list_filter = ["role", "is_active"]
    search_fields = ["email", "name"]
    fields = ["email", "name", "role", "is_active", "date_joined", "last_login"]
    readonly_fields = ["date_joined", "last_login"]


# auditlog's own admin searches ``actor__first_name``, which this user model does not have.
admin.site.unregister(LogEntry)


@admin.register(LogEntry)
class ChangeHistoryAdmin(LogEntryAdmin):
    search_fields = ["object_repr", "changes", "actor__email", "actor__name"]


@admin.register(ExpertiseArea)
class ExpertiseAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en"]
    search_fields = ["name", "name_en"]


class GuideLanguageInline(admin.TabularInline):
    model = GuideLanguage
    extra = 0


class GuideStatusInline(StatusHistoryInline):
    model = GuideStatusChange


class CompletedTrainingInline(admin.TabularInline):
    model = CompletedTraining
    extra = 0
    autocomplete_fields = ["event"]


@admin.register(Guide)
class GuideAdmin(StampUserOnInlinesMixin, admin.ModelAdmin):
    list_display = ["last_name", "first_name", "region", "current_status", "public_profile"]
    list_filter = ["region", "public_profile", "is_demo", "expertise", "languages__language"]
    search_fields = ["first_name", "last_name", "email"]
    list_select_related = ["region"]
    autocomplete_fields = ["region", "user", "organisations"]
    filter_horizontal = ["expertise"]
    readonly_fields = ["created_at", "updated_at"]
    inlines = [GuideLanguageInline, GuideStatusInline, CompletedTrainingInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_status()

    @admin.display(description=GuideStatusChange._meta.get_field("status").verbose_name)
    def current_status(self, guide) -> str | None:
        return GuideStatus(guide.status).label if guide.status else None


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en"]
    search_fields = ["name", "name_en"]
