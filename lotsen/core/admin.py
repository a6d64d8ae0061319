from django.contrib import admin


class StatusHistoryInline(admin.TabularInline):
    """The dated status history of a region or guide, newest first."""

    extra = 0
    fields = ["valid_from", "status", "note", "recorded_by"]
    readonly_fields = ["recorded_by"]
    ordering = ["-valid_from"]


class StampUserOnInlinesMixin:
    """Records which admin wrote a history entry or report added through an inline."""

    user_stamp_fields = ("recorded_by", "author")

    def save_formset(self, request, form, formset, change):
        for obj in formset.save(commit=False):
            for field in self.user_stamp_fields:
                if hasattr(obj, f"{field}_id") and getattr(obj, f"{field}_id") is None:
                    setattr(obj, field, request.user)
            obj.save()
        formset.save_m2m()
        for obj in formset.deleted_objects:
            obj.delete()
