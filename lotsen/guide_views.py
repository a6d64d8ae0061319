"""Workspace views for guides: list, page, forms, status, invitation, referral search, deletion."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, DetailView, FormView, ListView, UpdateView, View
from django.views.generic.detail import SingleObjectMixin
from django_filters.views import FilterView

from lotsen import services
from lotsen.exports import names
from lotsen.guide_filters import GuideFilter, ReferralFilter
from lotsen.guide_forms import GuideCreateForm, GuideForm, GuideStatusForm, language_formset
from lotsen.models import Guide
from lotsen.permissions import visible_to
from lotsen.selectors import (
    guide_detail_for,
    guide_history,
    guides_for,
    referral_candidates,
    status_history,
)
from lotsen.workspace import ExportMixin, FilteredListMixin, ScopedObjectMixin, WorkspaceMixin


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
    ]

    def get_queryset(self):
        guides = guides_for(self.request.user)
        if self.request.GET.get("export"):
            guides = guides.prefetch_related("expertise")
        return guides


class GuideDetailView(ScopedObjectMixin, DetailView):
    permission_required = "lotsen.view_guide"
    model = Guide
    template_name = "lotsen/guide_detail.html"
    context_object_name = "guide"

    def get_queryset(self):
        return guide_detail_for(self.request.user)

    def get_context_data(self, **kwargs):
        guide = self.object
        user = self.request.user
        return super().get_context_data(
            trainings=guide.trainings.select_related("event"),
            events=guide.attended_events.select_related("region").order_by("-starts_at"),
            status_history=status_history(guide),
            history=guide_history(guide),
            account_state=account_state(guide),
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
