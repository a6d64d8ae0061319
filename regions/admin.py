from django.contrib import admin

from lotsen.core.admin import StampUserOnInlinesMixin, StatusHistoryInline
from regions.models import CooperationStatus, Region, RegionStatusChange


class StatusChangeInline(StatusHistoryInline):
    model = RegionStatusChange


@admin.register(Region)
class RegionAdmin(StampUserOnInlinesMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "federal_state", "current_status"]
    list_filter = ["federal_state", "kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["coordinators"]
    inlines = [StatusChangeInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_status()

    @admin.display(description=RegionStatusChange._meta.get_field("status").verbose_name)
    def current_status(self, region) -> str | None:
        return CooperationStatus(region.status).label if region.status else None
