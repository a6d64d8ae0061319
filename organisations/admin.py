from django.contrib import admin, messages
from django.db import models
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from organisations.models import (
    Agency,
    Community,
    ContactPerson,
    Expert,
    FrozenVersionError,
    Language,
    MigrantOrganisation,
    OrganisationRole,
    ProfessionalisationTopic,
    Question,
    Questionnaire,
    QuestionnaireVersion,
    QuestionOption,
    SupportMeasure,
    ThematicField,
)
from organisations.needs import services as needs_services
from organisations.workspace import services


@admin.register(Language, Community, ThematicField, OrganisationRole, ProfessionalisationTopic)
class TermAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en"]
    search_fields = ["name", "name_en"]


class ArchivedFilter(admin.SimpleListFilter):
    title = _("archived")
    parameter_name = "archived"

    def lookups(self, request, model_admin):
        return [("no", _("active only")), ("yes", _("archived only"))]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(archived_at__isnull=True)
        if self.value() == "yes":
            return queryset.filter(archived_at__isnull=False)
        return queryset


class ArchiveActionsMixin:
    actions = ["archive_selected", "restore_selected"]
    # Addresses typed without a scheme ("www.mozaik.de") are stored as https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    @admin.action(description=_("Archive selected entries"))
    def archive_selected(self, request, queryset):
        for obj in queryset:
            services.archive(obj=obj)

    @admin.action(description=_("Restore selected entries from the archive"))
    def restore_selected(self, request, queryset):
        for obj in queryset:
            services.restore(obj=obj)


class OrganisationContactInline(admin.TabularInline):
    model = ContactPerson
    fk_name = "organisation"
    exclude = ["agency"]
    extra = 0


class AgencyContactInline(admin.TabularInline):
    model = ContactPerson
    fk_name = "agency"
    exclude = ["organisation"]
    extra = 0


class SupportInline(admin.TabularInline):
    model = SupportMeasure
    fk_name = "organisation"
    extra = 0
    autocomplete_fields = ["providing_organisation", "expert"]


@admin.register(MigrantOrganisation)
class MigrantOrganisationAdmin(ArchiveActionsMixin, admin.ModelAdmin):
    list_display = ["name", "region", "city", "legal_form", "listed_publicly", "archived_at"]
    list_filter = [
        ArchivedFilter,
        "region",
        "legal_form",
        "listed_publicly",
        "has_full_time_staff",
        "communities",
        "thematic_fields",
        "is_demo",
    ]
    search_fields = ["name", "city", "postal_code"]
    list_select_related = ["region"]
    autocomplete_fields = ["region"]
    filter_horizontal = [
        "communities",
        "languages",
        "thematic_fields",
        "roles",
        "professionalisation_needs",
    ]
    readonly_fields = ["archived_at", "created_at", "updated_at"]
    inlines = [OrganisationContactInline, SupportInline]


@admin.register(Agency)
class AgencyAdmin(ArchiveActionsMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "city", "cooperation_agreed_on", "archived_at"]
    list_filter = [ArchivedFilter, "kind", "regions"]
    search_fields = ["name", "city"]
    filter_horizontal = ["regions"]
    readonly_fields = ["archived_at", "created_at", "updated_at"]
    inlines = [AgencyContactInline]


@admin.register(ContactPerson)
class ContactPersonAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "organisation", "agency", "email"]
    list_filter = ["is_demo", "agency__kind"]
    search_fields = ["name", "email", "organisation__name", "agency__name"]
    list_select_related = ["organisation", "agency"]
    autocomplete_fields = ["organisation", "agency"]


@admin.register(Expert)
class ExpertAdmin(ArchiveActionsMixin, admin.ModelAdmin):
    list_display = ["name", "conditions", "organisation", "agency", "archived_at"]
    list_filter = [ArchivedFilter, "conditions", "regions", "topics", "is_demo"]
    search_fields = ["name", "email"]
    autocomplete_fields = ["user", "organisation", "agency"]
    filter_horizontal = ["topics", "languages", "regions"]
    readonly_fields = ["archived_at", "created_at", "updated_at"]


# --- Needs assessment -------------------------------------------------------------------------


class QuestionOptionInline(admin.TabularInline):
    model = QuestionOption
    extra = 0


class FrozenVersionGuard:
    """A version sent while its page was open refuses the save: say so, do not fail.

    The permission checks above hide the save button of a sent version; a coordinator may still
    send the version between opening the page and saving it.
    """

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except FrozenVersionError as error:  # the admin's transaction was rolled back
            self.message_user(request, error.messages[0], level=messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except FrozenVersionError as error:
            self.message_user(request, error.messages[0], level=messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


@admin.register(Question)
class QuestionAdmin(FrozenVersionGuard, admin.ModelAdmin):
    list_display = ["text", "version", "kind", "position", "required"]
    list_filter = ["version"]
    inlines = [QuestionOptionInline]

    # A sent version never changes: its questions are read-only here.
    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.version.is_sent:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.version.is_sent:
            return False
        return super().has_delete_permission(request, obj)


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    show_change_link = True


@admin.register(QuestionnaireVersion)
class QuestionnaireVersionAdmin(FrozenVersionGuard, admin.ModelAdmin):
    list_display = ["__str__", "released", "sent_at", "created_at"]
    readonly_fields = ["sent_at"]
    inlines = [QuestionInline]
    actions = ["start_new_version"]

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_sent:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.is_sent:
            return False
        return super().has_delete_permission(request, obj)

    @admin.action(description=_("Start a new version from the selected one"))
    def start_new_version(self, request, queryset):
        for version in queryset:
            needs_services.new_version(version=version)


@admin.register(Questionnaire)
class QuestionnaireAdmin(admin.ModelAdmin):
    list_display = ["title", "created_at"]
