"""The guides' pages.

- Workspace: coordinators and the Landeskoordination list, create, edit, invite and search
  guides, record their status and confirm deletion requests.
- The guide's own pages: profile, edit, data export, deletion request; photo and confirm link.
  They belong to the logged-in guide alone; every response carries personal data and is never
  cached.
- A guide's certificate of attendance (Teilnahmebescheinigung) for a training at an event.
"""

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import (
    CreateView,
    DetailView,
    FormView,
    ListView,
    TemplateView,
    UpdateView,
    View,
)
from django.views.generic.detail import SingleObjectMixin
from django_filters.views import FilterView

from events.attendance.services import organiser_names
from events.calendar import personal
from lotsen.contacts.selectors import notes_about, shared_with_guide, with_last_contact
from lotsen.core.audit import history_of_records
from lotsen.core.exports import names
from lotsen.core.pdf import pdf_response, render_pdf
from lotsen.core.permissions import is_guide, may_see, visible_to
from lotsen.core.visibility import Visibility
from lotsen.core.workspace import ExportMixin, FilteredListMixin, ScopedObjectMixin, WorkspaceMixin
from lotsen.guides import services
from lotsen.guides.filters import GuideFilter, ReferralFilter
from lotsen.guides.forms import (
    GuideCreateForm,
    GuideForm,
    GuideStatusForm,
    ProfileForm,
    language_formset,
)
from lotsen.guides.selectors import (
    guide_detail_for,
    guide_history,
    guides_for,
    personal_data_of,
    referral_candidates,
    status_history,
)
from lotsen.models.contacts import ContactNote
from lotsen.models.guides import PROFILE_PARTS, CompletedTraining, Guide

# --- Workspace: coordinators and the Landeskoordination ------------------------------------


def account_state(guide: Guide) -> str:
    if guide.user_id is None:
        return str(_("no account"))
    if guide.user.last_login is None:
        return str(_("invited, never logged in"))
    return str(_("has an account"))


def _local_date(moment):
    return timezone.localdate(moment) if moment else None


class GuideListView(WorkspaceMixin, FilteredListMixin, ExportMixin, FilterView):
    permission_required = "lotsen.view_guide"
    filterset_class = GuideFilter
    template_name = "lotsen/guide_list.html"
    paginate_by = 50
    export_filename = "lotsinnen-und-lotsen"
    export_columns = [
        (_("Last name"), lambda g: g.last_name),
        (_("First name"), lambda g: g.first_name),
        (_("Region"), lambda g: g.region.name),
        (_("Status today"), lambda g: g.status_label),
        (_("Status since"), lambda g: g.status_since),
        (_("Languages"), lambda g: names(g.languages)),
        (_("Areas of expertise"), lambda g: names(g.expertise)),
        (_("Migrant organisations"), lambda g: names(g.organisations)),
        (_("Email"), lambda g: g.email),
        (_("Phone"), lambda g: g.phone),
        (_("Availability"), lambda g: g.availability),
        (_("Preferred contact"), lambda g: g.get_contact_preference_display()),
        (_("Portal account"), account_state),
        (_("Profile last confirmed"), lambda g: _local_date(g.profile_confirmed_at)),
        (_("Public profile"), lambda g: _("yes") if g.public_profile else _("no")),
        (_("Last contact"), lambda g: g.last_contact),
    ]

    def get_queryset(self):
        guides = guides_for(self.request.user)
        if self.request.GET.get("export"):
            guides = with_last_contact(guides.prefetch_related("expertise"))
        return guides


def _merged_history(*histories, limit: int = 50):
    """Several histories as one, newest first (the profile's, and its contact log's)."""
    entries = [entry for history in histories for entry in history]
    return sorted(entries, key=lambda entry: entry.timestamp, reverse=True)[:limit]


class GuideDetailView(ScopedObjectMixin, DetailView):
    permission_required = "lotsen.view_guide"
    model = Guide
    template_name = "lotsen/guide_detail.html"
    context_object_name = "guide"

    def get_queryset(self):
        return guide_detail_for(self.request.user)

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        # After the page was built: its history shows the changes, not this very read.
        services.record_profile_read(guide=self.object, reader=request.user)
        return response

    def get_context_data(self, **kwargs):
        guide = self.object
        user = self.request.user
        notes = notes_about(user, guide)
        return super().get_context_data(
            trainings=guide.trainings.select_related("event"),
            events=guide.attended_events.select_related("region").order_by("-starts_at"),
            status_history=status_history(guide),
            history=_merged_history(guide_history(guide), history_of_records(notes)),
            account_state=account_state(guide),
            notes=notes,
            may_add_note=user.has_perm("lotsen.add_contactnote", ContactNote(guide=guide)),
            add_note_url=reverse("contacts:guide-note-create", args=[guide.pk]),
            may_change=user.has_perm("lotsen.change_guide", guide),
            may_change_status=user.has_perm("lotsen.change_status_guide", guide),
            may_invite=user.has_perm("lotsen.invite_guide", guide),
            **kwargs,
        )


class GuideFormMixin:
    """A guide's form and its language rows, saved together or not at all."""

    model = Guide
    template_name = "lotsen/guide_form.html"
    success_message = ""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        if "formset" not in kwargs:
            kwargs["formset"] = language_formset(instance=self.object or Guide())
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object() if self.kwargs.get("pk") else None
        form = self.get_form()
        formset = language_formset(request.POST, instance=form.instance)
        # Both are validated, so every error shows at once.
        if form.is_valid() & formset.is_valid():
            try:
                self.object = services.save_guide(
                    form=form,
                    languages=formset,
                    initial_status=form.cleaned_data.get("initial_status"),
                    recorded_by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, self.success_message % {"object": self.object})
                return HttpResponseRedirect(reverse("guides:detail", args=[self.object.pk]))
        return self.render_to_response(self.get_context_data(form=form, formset=formset))


class GuideCreateView(WorkspaceMixin, GuideFormMixin, CreateView):
    permission_required = "lotsen.add_guide"
    form_class = GuideCreateForm
    success_message = _("The guide “%(object)s” was created.")


class GuideUpdateView(ScopedObjectMixin, GuideFormMixin, UpdateView):
    permission_required = "lotsen.change_guide"
    form_class = GuideForm
    success_message = _("Your changes to “%(object)s” were saved.")


class GuideStatusView(ScopedObjectMixin, SingleObjectMixin, FormView):
    permission_required = "lotsen.change_status_guide"
    model = Guide
    form_class = GuideStatusForm
    template_name = "lotsen/guide_status_form.html"
    context_object_name = "guide"

    def get_queryset(self):
        return super().get_queryset().with_status()

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(status_history=status_history(self.object), **kwargs)

    def form_valid(self, form):
        try:
            services.set_guide_status(
                guide=self.object,
                status=form.cleaned_data["status"],
                valid_from=form.cleaned_data["valid_from"],
                note=form.cleaned_data["note"],
                recorded_by=self.request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The status of “%s” was recorded.") % self.object)
        return redirect("guides:detail", self.object.pk)


class GuideInviteView(ScopedObjectMixin, SingleObjectMixin, View):
    """POST only: create the guide's account if needed and mail the invitation link."""

    permission_required = "lotsen.invite_guide"
    model = Guide
    http_method_names = ["post"]

    def post(self, request, pk):
        guide = self.get_object()
        try:
            user = services.invite_guide(
                guide=guide, invited_by=request.user, base_url=request.build_absolute_uri("/")
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("The invitation to %(name)s was sent to %(email)s.")
                % {"name": guide.full_name, "email": user.email},
            )
        return redirect("guides:detail", guide.pk)


class GuideSearchView(WorkspaceMixin, FilteredListMixin, FilterView):
    """Referrals: guides by language, expertise, region, place and status, across regions."""

    permission_required = "lotsen.search_guides"
    filterset_class = ReferralFilter
    template_name = "lotsen/guide_search.html"
    paginate_by = 25

    def get_queryset(self):
        return referral_candidates(self.request.user)


# --- Deletion on request (Landeskoordination) ---------------------------------------------


class DeletionRequestListView(WorkspaceMixin, ListView):
    permission_required = "lotsen.confirm_deletion_guide"
    template_name = "lotsen/guide_deletion_requests.html"
    context_object_name = "guides"

    def get_queryset(self):
        return (
            visible_to(self.request.user, Guide.objects.filter(deletion_requested_at__isnull=False))
            .select_related("region", "user")
            .order_by("deletion_requested_at", "pk")
        )


class ConfirmDeletionView(WorkspaceMixin, View):
    """POST only: erase a guide who asked for it, with their account and history."""

    permission_required = "lotsen.confirm_deletion_guide"
    http_method_names = ["post"]

    def post(self, request, pk):
        guide = get_object_or_404(
            visible_to(request.user, Guide.objects.filter(deletion_requested_at__isnull=False)),
            pk=pk,
        )
        if not request.user.has_perm(self.permission_required, guide):
            raise PermissionDenied
        name = guide.full_name
        services.erase_guide(guide=guide)
        messages.success(request, _("All data of %s was deleted.") % name)
        return redirect("guides:deletion-requests")


# --- The guide's own pages -----------------------------------------------------------------


class OwnProfileMixin:
    """Login required, the guide role, and the one profile linked to the account."""

    def dispatch(self, request, *args, **kwargs):
        method = request.method.lower()
        if method not in self.http_method_names or not hasattr(self, method):
            return self.http_method_not_allowed(request, *args, **kwargs)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_guide(request.user):
            raise PermissionDenied
        self.guide = get_object_or_404(guide_detail_for(request.user), user=request.user)
        if not request.user.has_perm("lotsen.change_guide", self.guide):
            raise PermissionDenied
        response = super().dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response


def _visibility_summary(guide: Guide) -> list[tuple[str, str]]:
    labels = {
        "name": _("Name"),
        "photo": _("Photo"),
        "contact": _("Email and phone"),
        "languages": _("Languages"),
        "expertise": _("Areas of expertise"),
    }
    return [(labels[part], Visibility(guide.audience(part)).label) for part in PROFILE_PARTS]


class ProfileView(OwnProfileMixin, TemplateView):
    template_name = "lotsen/profile_detail.html"

    def get_context_data(self, **kwargs):
        guide = self.guide
        return super().get_context_data(
            guide=guide,
            trainings=guide.trainings.select_related("event"),
            events=guide.attended_events.select_related("region").order_by("-starts_at"),
            status_history=status_history(guide),
            visibility=_visibility_summary(guide),
            confirm_token=services.profile_confirmation_token(guide),
            member_feed=personal.feed_links(self.request, self.request.user),
            shared_notes=shared_with_guide(guide),
            **kwargs,
        )


class ProfileEditView(OwnProfileMixin, TemplateView):
    template_name = "lotsen/profile_form.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", ProfileForm(instance=self.guide))
        kwargs.setdefault("formset", language_formset(instance=self.guide))
        return super().get_context_data(guide=self.guide, **kwargs)

    def post(self, request, *args, **kwargs):
        form = ProfileForm(request.POST, request.FILES, instance=self.guide)
        formset = language_formset(request.POST, instance=self.guide)
        if form.is_valid() & formset.is_valid():
            try:
                services.save_profile(form=form, languages=formset)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request, _("Your profile was saved. Thank you for keeping it current.")
                )
                return redirect("guides:profile")
        return self.render_to_response(self.get_context_data(form=form, formset=formset))


class ProfileExportView(OwnProfileMixin, View):
    """Everything the portal holds about the guide, as one JSON file (GDPR Art. 15 and 20)."""

    def get(self, request):
        data = personal_data_of(self.guide)
        response = HttpResponse(
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="lotsen-portal-meine-daten.json"'
        return response


class ProfileDeletionRequestView(OwnProfileMixin, View):
    """POST only: ask for (or, with ``withdraw``, take back) the deletion of all one's data."""

    http_method_names = ["post"]

    def post(self, request):
        if request.POST.get("withdraw"):
            services.withdraw_deletion_request(guide=self.guide)
            messages.success(request, _("Your deletion request was withdrawn."))
        else:
            services.request_deletion(guide=self.guide)
            messages.success(
                request,
                _(
                    "Your request was received. The Landeskoordination will confirm it and then "
                    "delete your profile, your account and the history of your data."
                ),
            )
        return redirect("guides:profile")


# --- Reachable without the guide's login ----------------------------------------------------


class ConfirmProfileView(View):
    """The link of the reminder mail: GET shows a button, POST confirms the profile.

    Mail scanners open links, so only a POST changes anything. The signed token is the
    permission; an expired or tampered one gets an explanation, not an error page.
    """

    template_name = "lotsen/profile_confirm.html"

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    def get(self, request, token):
        guide = services.guide_for_confirmation_token(token)
        return self._page(request, guide, confirmed=False)

    def post(self, request, token):
        guide = services.guide_for_confirmation_token(token)
        if guide is not None:
            services.confirm_profile(guide=guide)
            if guide.user_id is not None and guide.user_id == request.user.pk:
                messages.success(request, _("Thank you: your profile is confirmed as current."))
                return redirect("guides:profile")
        return self._page(request, guide, confirmed=guide is not None)

    def _page(self, request, guide, *, confirmed: bool):
        # The links to "my profile" lead a guide (or, after logging in, whoever the link was
        # for) to their profile; staff who open a forwarded link have no profile to go to.
        has_profile = not request.user.is_authenticated or hasattr(request.user, "guide")
        return render(
            request,
            self.template_name,
            {"valid": guide is not None, "confirmed": confirmed, "has_profile": has_profile},
            status=200 if guide is not None else 400,
        )


class GuidePhotoView(View):
    """A guide's photo for whoever may see it; 404 for everyone else, as if there were none."""

    def get(self, request, pk):
        guide = get_object_or_404(Guide.objects.exclude(photo=""), pk=pk)
        if not may_see(request.user, guide, "photo"):
            raise Http404
        try:
            photo = guide.photo.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        response = FileResponse(photo, content_type="image/jpeg")
        if guide.audience("photo") == Visibility.PUBLIC:
            patch_cache_control(response, public=True, max_age=600)
        else:
            patch_cache_control(response, private=True, no_store=True)
        return response


# --- Certificates of attendance ------------------------------------------------------------


class CertificateView(WorkspaceMixin, View):
    """The PDF for one training a guide completed at a portal event.

    Guides reach their own trainings, coordinators those of their regions' guides: anything
    else, and a training recorded without an event, is a 404.
    """

    permission_required = "lotsen.view_certificate"

    def has_permission(self) -> bool:
        user = self.request.user
        workspace = visible_to(user, CompletedTraining.objects.all()).values("pk")
        trainings = CompletedTraining.objects.filter(
            Q(pk__in=workspace) | Q(guide__user=user), event__isnull=False
        ).select_related("guide", "event")
        self.training = get_object_or_404(trainings, pk=self.kwargs["pk"])
        return user.has_perm(self.permission_required, self.training)

    def get(self, request, *args, **kwargs):
        training = self.training
        guide, event = training.guide, training.event
        # In German, the network's language: a guide's profile records no language of its own.
        lang = settings.LANGUAGE_CODE
        with translation.override(lang):
            title = gettext("Certificate of attendance – %(name)s") % {"name": guide.full_name}
            pdf = render_pdf(
                "pdf/certificate.html",
                {
                    "guide": guide,
                    "event": event,
                    "training": training,
                    "organisers": organiser_names(event),
                    "same_day": timezone.localdate(event.starts_at)
                    == timezone.localdate(event.ends_at),
                    # The name alone is what templates/pdf/base.html puts into the metadata.
                    "publisher": settings.PUBLISHER["name"],
                    "imprint": settings.PUBLISHER,
                },
                title=title,
                lang=lang,
            )
        day = timezone.localdate(event.starts_at).isoformat()
        name = slugify(guide.full_name) or "lotse"
        return pdf_response(pdf, f"teilnahmebescheinigung-{name}-{day}.pdf")
