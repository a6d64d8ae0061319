"""Django admin for subscribers and the suppression list (imported by ``newsletters.admin``).

The consent proof and the state are read-only: the state changes only through the services,
and nobody can be added here past the double opt-in. Deleting a subscriber erases them as the
workspace does, so their address lands on the suppression list.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from newsletters.models import Subscriber, Suppression
from newsletters.models.subscribers import email_digest
from newsletters.subscriptions import services


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ["email", "name", "organisation", "language", "state", "consent_given_at"]
    list_filter = ["state", "language"]
    search_fields = ["email", "name", "organisation"]
    fields = [
        "email",
        "name",
        "organisation",
        "language",
        "state",
        "consent_text_version",
        "consent_given_at",
        "consent_ip",
        "confirmed_at",
        "unsubscribed_at",
        "created_at",
        "updated_at",
    ]
    readonly_fields = [
        "email",
        "state",
        "consent_text_version",
        "consent_given_at",
        "consent_ip",
        "confirmed_at",
        "unsubscribed_at",
        "created_at",
        "updated_at",
    ]

    def has_add_permission(self, request):
        return False

    def delete_model(self, request, obj):
        services.erase_subscriber(subscriber=obj)

    def delete_queryset(self, request, queryset):
        for subscriber in queryset:
            services.erase_subscriber(subscriber=subscriber)


@admin.register(Suppression)
class SuppressionAdmin(admin.ModelAdmin):
    """Hashes only: an address can be checked against them, never read from them."""

    list_display = ["digest", "created_at"]
    search_fields = ["digest"]
    search_help_text = _("Enter an email address to see whether it is suppressed.")
    readonly_fields = ["digest", "created_at"]

    def get_search_results(self, request, queryset, search_term):
        if "@" in search_term:
            return queryset.filter(digest=email_digest(search_term)), False
        return super().get_search_results(request, queryset, search_term)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
