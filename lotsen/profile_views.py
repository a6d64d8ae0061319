"""The guide's own pages: profile, edit, data export, deletion request; photo and confirm link.

Profile pages belong to the logged-in guide alone: coordinators keep guides' data on the
workspace pages instead. Every response here carries personal data and is never cached.
"""

import json

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View

from lotsen import services
from lotsen.guide_forms import ProfileForm, language_formset
from lotsen.models import PROFILE_PARTS, Guide, Visibility
from lotsen.permissions import is_guide, may_see
from lotsen.selectors import guide_detail_for, personal_data_of, status_history


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
        return render(
            request,
            self.template_name,
            {"valid": guide is not None, "confirmed": confirmed},
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
