from django.contrib import admin

from events.models import Event, EventReport
from lotsen.core.admin import StampUserOnInlinesMixin


class EventReportInline(admin.StackedInline):
    model = EventReport
    extra = 0
    readonly_fields = ["author", "created_at", "updated_at"]


@admin.register(Event)
class EventAdmin(StampUserOnInlinesMixin, admin.ModelAdmin):
    list_display = ["title", "kind", "region", "city", "starts_at", "is_public", "headcount"]
    list_filter = ["kind", "is_public", "region"]
    search_fields = ["title", "city", "venue"]
    date_hierarchy = "starts_at"
    list_select_related = ["region"]
    autocomplete_fields = [
        "region",
        "organising_agencies",
        "organising_organisations",
        "attending_organisations",
        "attending_agencies",
        "attending_guides",
    ]
    inlines = [EventReportInline]
