"""Referral requests: the public form, the guide's personal link and the coordinators' pages.

- ``/lotsen-anfragen/``: partners ask for a guide. Rate limited per address, with a robot trap
  and a key against double submission.
- ``/vermittlung/<token>/``: the guide's personal link. GET shows the request (mail scanners
  open links), POST accepts or declines it.
- Workspace: the coordinators of the request's region (the Landeskoordination: all) list and
  open requests, search matching guides, propose, close and cancel.
"""

import re

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.generic import DetailView, FormView, TemplateView, View
from django_filters.views import FilterView

from lotsen.core.audit import history_of
from lotsen.core.throttle import allow, client_address
from lotsen.core.workspace import FilteredListMixin, WorkspaceMixin
from lotsen.guides.filters import ReferralFilter
from lotsen.guides.selectors import referral_candidates
from lotsen.legal.services import privacy_text_for_consent
from lotsen.models.guides import GuideStatus
from lotsen.models.referrals import ProposalState, ReferralRequest, ReferralState
from lotsen.referrals import selectors, services
from lotsen.referrals.filters import ReferralRequestFilter
from lotsen.referrals.forms import AnswerForm, CloseForm, ProposeForm, ReferralRequestForm

TOKEN = re.compile(r"[A-Za-z0-9_-]{1,40}")

# Requests per client address and hour: more than an office sends in a day, too few to flood
# the coordinators or to use the confirmation mail against strangers.
REQUESTS_PER_ADDRESS = 10
REQUEST_WINDOW = 3600

# Matching guides shown on a request's page; a narrower search finds the others.
CANDIDATES_SHOWN = 25


# --- Public: the request form ------------------------------------------------------------------


class RequestFormView(FormView):
    """``/lotsen-anfragen/``: "Lotsin oder Lotsen anfragen"."""

    template_name = "lotsen/referrals/request_form.html"
    form_class = ReferralRequestForm

    def post(self, request, *args, **kwargs):
        if not allow(
            f"referral-request:{client_address(request)}",
            limit=REQUESTS_PER_ADDRESS,
            window=REQUEST_WINDOW,
        ):
            form = self.get_form()
            form.is_valid()
            form.add_error(
                None,
                _("Too many requests from your connection. Please try again in an hour, or "
                  "call your regional coordination."),
            )  # fmt: skip
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        if form.is_spam():
            # Robots are told the same as people, so the trap does not teach them anything.
            return redirect("referrals:request-done")
        data = form.cleaned_data
        referral, created = services.submit_request(
            submission_key=data["submission_key"],
            organisation=data["organisation"],
            contact_name=data["contact_name"],
            email=data["email"],
            phone=data["phone"],
            languages=data["languages"],
            topics=data["topics"],
            region=data["region"],
            place=data["place"],
            time_frame=data["time_frame"],
            note=data["note"],
            privacy_text=privacy_text_for_consent(),
        )
        if created:
            messages.success(
                self.request,
                _("Thank you: your request %(reference)s has arrived. We have sent a "
                  "confirmation to %(email)s.")
                % {"reference": referral.reference, "email": referral.email},
            )  # fmt: skip
        else:
            # The same form again: the first request stands. Its details are not repeated,
            # since whoever holds the form's key need not be the person who sent it.
            messages.info(
                self.request, _("This request had already arrived; it was not sent twice.")
            )
        return redirect("referrals:request-done")


class RequestDoneView(TemplateView):
    template_name = "lotsen/referrals/request_done.html"


# --- Public: the guide's personal link ------------------------------------------------------


class ProposalView(View):
    """``/vermittlung/<token>/``: the guide's page for one proposal. GET shows, POST decides."""

    template_name = "lotsen/referrals/proposal.html"

    def dispatch(self, request, *args, **kwargs):
        # Tokens are URL-safe base64; anything else (a NUL byte would upset PostgreSQL) is no
        # proposal.
        token = kwargs["token"]
        self.proposal = selectors.proposal_for_token(token) if TOKEN.fullmatch(token) else None
        if self.proposal is None:
            raise Http404
        response = super().dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def get(self, request, token):
        return self._page(request, AnswerForm(guide=self.proposal.guide))

    def post(self, request, token):
        proposal = self.proposal
        form = AnswerForm(request.POST, guide=proposal.guide)
        if not form.is_valid():
            return self._page(request, form, status=400)
        data = form.cleaned_data
        try:
            if data["decision"] == "accept":
                services.accept(
                    proposal=proposal,
                    share_email=data.get("share_email", False),
                    share_phone=data.get("share_phone", False),
                )
                messages.success(
                    request,
                    _("Thank you for taking this request. The requester has your contact "
                      "details as you chose and will get in touch."),
                )  # fmt: skip
            else:
                services.decline(proposal=proposal)
                messages.success(request, _("Thank you for your answer. We will ask someone else."))
        except services.ReferralError as error:
            messages.error(request, error.message)
        return redirect("referrals:proposal", proposal.token)

    def _page(self, request, form, status: int = 200):
        proposal = self.proposal
        referral = proposal.request
        return render(
            request,
            self.template_name,
            {
                "proposal": proposal,
                "referral": referral,
                "form": form,
                "may_answer": proposal.state == ProposalState.OPEN
                and referral.state == ReferralState.PROPOSED,
                "accepted": proposal.state == ProposalState.ACCEPTED,
            },
            status=status,
        )


# --- Workspace ------------------------------------------------------------------------------


class RequestListView(WorkspaceMixin, FilteredListMixin, FilterView):
    permission_required = "lotsen.view_referralrequest"
    filterset_class = ReferralRequestFilter
    template_name = "lotsen/referrals/request_list.html"
    paginate_by = 50

    def get_queryset(self):
        return selectors.requests_for(self.request.user)


class ScopedRequestMixin(WorkspaceMixin):
    """The request of the URL, through ``visible_to``: another region's request is a 404."""

    def get_request_object(self) -> ReferralRequest:
        referral = get_object_or_404(
            selectors.request_detail_for(self.request.user), pk=self.kwargs["pk"]
        )
        if not self.request.user.has_perm(self.permission_required, referral):
            raise PermissionDenied
        return referral


def _search_data(request, referral: ReferralRequest):
    """The referral search's filters: the page's own, else what the request asks for."""
    if any(key in request.GET for key in ("language", "expertise", "region", "status", "place")):
        return request.GET
    language = next(iter(referral.languages.all()), None)
    topic = next(iter(referral.topics.all()), None)
    return {
        "language": str(language.pk) if language else "",
        "expertise": str(topic.pk) if topic else "",
        "region": str(referral.region_id or ""),
        "status": GuideStatus.ACTIVE,
    }


class RequestDetailView(ScopedRequestMixin, DetailView):
    permission_required = "lotsen.view_referralrequest"
    template_name = "lotsen/referrals/request_detail.html"
    context_object_name = "referral"

    def get_object(self, queryset=None):
        return self.get_request_object()

    def get_context_data(self, **kwargs):
        referral = self.object
        user = self.request.user
        may_change = user.has_perm("lotsen.change_referralrequest", referral)
        context = {
            "history": history_of(referral),
            "accepted": selectors.accepted_proposal(referral),
            "accompaniments_recorded": referral.accompaniments.count(),
            "may_change": may_change,
            "close_form": kwargs.pop("close_form", None) or CloseForm(),
        }
        if may_change and referral.is_open:
            search = ReferralFilter(
                _search_data(self.request, referral),
                queryset=referral_candidates(user),
                user=user,
            )
            asked = {proposal.guide_id for proposal in referral.proposals.all()}
            found = (
                list(search.qs.exclude(pk__in=asked)[: CANDIDATES_SHOWN + 1])
                if search.is_valid()
                else []
            )
            context.update(
                filter=search,
                candidates=found[:CANDIDATES_SHOWN],
                more_candidates=len(found) > CANDIDATES_SHOWN,
            )
        return super().get_context_data(**context, **kwargs)


class ProposeView(ScopedRequestMixin, View):
    """POST only: propose the request to the chosen guides."""

    permission_required = "lotsen.change_referralrequest"
    http_method_names = ["post"]

    def post(self, request, pk):
        referral = self.get_request_object()
        form = ProposeForm(request.POST, candidates=referral_candidates(request.user))
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return redirect("referrals:detail", referral.pk)
        try:
            proposals = services.propose(
                request=referral,
                guides=form.cleaned_data["guides"],
                proposed_by=request.user,
                base_url=request.build_absolute_uri("/"),
            )
        except services.ReferralError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("The request was proposed to %(names)s. They got a mail with a personal link.")
                % {"names": ", ".join(p.guide.full_name for p in proposals)},
            )
        return redirect("referrals:detail", referral.pk)


class CloseView(ScopedRequestMixin, View):
    """POST only: close the request with its outcome."""

    permission_required = "lotsen.change_referralrequest"
    http_method_names = ["post"]

    def post(self, request, pk):
        referral = self.get_request_object()
        form = CloseForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose an outcome."))
            return redirect("referrals:detail", referral.pk)
        try:
            services.close(request=referral, outcome=form.cleaned_data["outcome"])
        except services.ReferralError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The request %s was closed.") % referral.reference)
        return redirect("referrals:detail", referral.pk)


class CancelView(ScopedRequestMixin, View):
    """POST only: cancel the request."""

    permission_required = "lotsen.change_referralrequest"
    http_method_names = ["post"]

    def post(self, request, pk):
        referral = self.get_request_object()
        try:
            services.cancel(request=referral)
        except services.ReferralError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("The request %s was cancelled.") % referral.reference)
        return HttpResponseRedirect(reverse("referrals:detail", args=[referral.pk]))
