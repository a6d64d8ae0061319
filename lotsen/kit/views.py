"""The guide's kit.

- The guide's own kit page (``/profile/kit/``): choose what is printed, download the PDFs.
- The coordination's kit page of a guide (from the workspace guide page): download the PDFs,
  issue and revoke accompaniment attestations.
- The PDFs themselves: the guide's own and their coordination's; a 404 for everyone else.
- ``/pruefen/``: public, shows for a verification code only valid / revoked / expired.
"""

import copy

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import add_never_cache_headers
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, TemplateView, View

from lotsen.core.pdf import pdf_response
from lotsen.core.permissions import visible_to
from lotsen.core.throttle import allow, client_address
from lotsen.core.workspace import ScopedObjectMixin, WorkspaceMixin
from lotsen.guides.selectors import guide_detail_for
from lotsen.guides.views import OwnProfileMixin
from lotsen.kit import documents, services
from lotsen.kit.forms import AttestationForm, KitChoicesForm
from lotsen.kit.selectors import attestation_by_code, kit_attestations_for, kit_guides_for, kit_of
from lotsen.models import Attestation, AttestationState, CardContact, Guide

# Lookups on the public verification page per address and hour: plenty for an office,
# hopeless for guessing 60-bit codes.
VERIFY_LIMIT = 30
VERIFY_WINDOW = 3600


class OwnKitView(OwnProfileMixin, TemplateView):
    template_name = "lotsen/kit/own_kit.html"

    def get_context_data(self, **kwargs):
        kit = kit_of(self.guide)
        kwargs.setdefault("form", KitChoicesForm(instance=kit))
        return super().get_context_data(
            guide=self.guide,
            prints_coordination=documents.prints_coordination(self.guide, kit),
            chose_own_contact=kit.contact != CardContact.COORDINATION,
            attestations=self.guide.attestations.select_related("region"),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        # A copy: validation writes the posted values into the instance, and the page shown
        # again after an error describes the saved choices.
        form = KitChoicesForm(request.POST, instance=copy.copy(kit_of(self.guide)))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        services.save_kit_choices(guide=self.guide, **form.cleaned_data)
        messages.success(request, _("Your choices were saved; your next download uses them."))
        return redirect("kit:own")


class GuideKitView(ScopedObjectMixin, DetailView):
    """The kit of one guide, for the coordination of the guide's region."""

    permission_required = "lotsen.view_kit"
    model = Guide
    template_name = "lotsen/kit/guide_kit.html"
    context_object_name = "guide"

    def get_queryset(self):
        return guide_detail_for(self.request.user)

    def get_context_data(self, **kwargs):
        guide = self.object
        user = self.request.user
        attestations = guide.attestations.select_related("region", "issued_by", "revoked_by")
        kwargs.setdefault("form", AttestationForm())
        return super().get_context_data(
            kit=kit_of(guide),
            attestations=[
                (attestation, user.has_perm("lotsen.revoke_attestation", attestation))
                for attestation in attestations
            ],
            may_issue=user.has_perm("lotsen.issue_attestation", guide),
            **kwargs,
        )


class IssueAttestationView(GuideKitView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.object = guide = self.get_object()
        if not request.user.has_perm("lotsen.issue_attestation", guide):
            raise PermissionDenied
        form = AttestationForm(request.POST)
        if form.is_valid():
            try:
                services.issue_attestation(
                    guide=guide,
                    issued_by=request.user,
                    valid_until=form.cleaned_data["valid_until"],
                )
            except ValidationError as error:
                form.add_error("valid_until", error)
            else:
                messages.success(request, _("The attestation was issued."))
                return redirect("kit:guide", pk=guide.pk)
        return self.render_to_response(self.get_context_data(form=form))


class RevokeAttestationView(WorkspaceMixin, View):
    permission_required = "lotsen.revoke_attestation"
    http_method_names = ["post"]

    def has_permission(self) -> bool:
        user = self.request.user
        self.attestation = get_object_or_404(
            visible_to(user, Attestation.objects.all()), pk=self.kwargs["pk"]
        )
        return user.has_perm(self.permission_required, self.attestation)

    def post(self, request, *args, **kwargs):
        services.revoke_attestation(attestation=self.attestation, revoked_by=request.user)
        messages.success(request, _("The attestation was revoked."))
        return redirect("kit:guide", pk=self.attestation.guide_id)


class KitPdfView(WorkspaceMixin, View):
    """A PDF of the kit: the guide's own, or one of the guides the user manages; else a 404."""

    permission_required = "lotsen.view_kit"
    filename = ""

    def has_permission(self) -> bool:
        self.guide = get_object_or_404(kit_guides_for(self.request.user), pk=self.kwargs["pk"])
        return self.request.user.has_perm(self.permission_required, self.guide)

    def render(self) -> bytes:
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        name = slugify(self.guide.full_name) or "lotse"
        return pdf_response(self.render(), f"{self.filename}-{name}.pdf")


class CardsView(KitPdfView):
    filename = "visitenkarten"

    def render(self) -> bytes:
        return documents.cards_pdf(self.guide)


class InfoSheetView(KitPdfView):
    filename = "informationsblatt"

    def render(self) -> bytes:
        return documents.info_sheet_pdf(self.guide)


class AttestationPdfView(WorkspaceMixin, View):
    permission_required = "lotsen.view_kit"

    def has_permission(self) -> bool:
        self.attestation = get_object_or_404(
            kit_attestations_for(self.request.user), pk=self.kwargs["pk"]
        )
        return self.request.user.has_perm(self.permission_required, self.attestation.guide)

    def get(self, request, *args, **kwargs):
        attestation = self.attestation
        # A revoked or expired paper printed again could still convince an office.
        if attestation.state != AttestationState.VALID:
            raise Http404
        name = slugify(attestation.guide.full_name) or "lotse"
        return pdf_response(
            documents.attestation_pdf(attestation),
            f"bescheinigung-begleitperson-{name}-{attestation.valid_from.isoformat()}.pdf",
        )


class VerifyView(TemplateView):
    """``/pruefen/``: for a code, valid / revoked / expired, and nothing about the guide."""

    template_name = "lotsen/kit/verify.html"

    def get(self, request, *args, **kwargs):
        typed = request.GET.get("code", "").strip()[:40]
        context = {"code": typed}
        if typed:
            if not allow(
                f"kit:verify:{client_address(request)}", limit=VERIFY_LIMIT, window=VERIFY_WINDOW
            ):
                context["throttled"] = True
                response = self.render_to_response(self.get_context_data(**context), status=429)
                add_never_cache_headers(response)
                return response
            attestation = attestation_by_code(typed)
            context["checked"] = True
            if attestation is not None:
                context["state"] = attestation.state
                context["state_label"] = attestation.state_label
        response = self.render_to_response(self.get_context_data(**context))
        add_never_cache_headers(response)
        return response
