"""The expert pool "MO und Arbeitsmarkt": list, detail and requests in the workspace; the
expert's personal links to answer a request and to keep the profile current."""

import re

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, FormView, ListView, TemplateView, View

from events.models import Event
from lotsen.core.permissions import visible_to
from lotsen.core.throttle import link_guessing_refused
from lotsen.core.workspace import WorkspaceMixin
from organisations.experts import selectors, services
from organisations.experts.forms import DecisionForm, ExpertProfileForm, ExpertRequestForm
from organisations.models import ExpertRequest, ProfessionalisationTopic, RequestState

# Personal-link keys are URL-safe base64; anything else is no key (and never reaches the database).
TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")


class ExpertListView(WorkspaceMixin, ListView):
    permission_required = "organisations.view_expert"
    template_name = "organisations/experts/expert_list.html"
    context_object_name = "experts"
    paginate_by = 50

    def get_queryset(self):
        experts = selectors.pool()
        topic = self.request.GET.get("topic", "")
        if topic.isdigit():
            experts = experts.filter(topics=topic)
        return experts

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            topics=ProfessionalisationTopic.objects.order_by("name"),
            chosen_topic=self.request.GET.get("topic", ""),
            **kwargs,
        )


class ExpertDetailView(WorkspaceMixin, DetailView):
    permission_required = "organisations.view_expert"
    template_name = "organisations/experts/expert_detail.html"
    context_object_name = "expert"

    def get_queryset(self):
        return selectors.pool()

    def get_context_data(self, **kwargs):
        user = self.request.user
        # A statewide event is the Landeskoordination's: coordinators get its title, no link.
        events = visible_to(user, Event.objects.filter(expert_requests__expert=self.object))
        return super().get_context_data(
            requests=selectors.requests_of(user, self.object),
            linked_events=set(events.values_list("pk", flat=True)),
            may_request=user.has_perm("organisations.add_expertrequest"),
            may_decide=user.has_perm("organisations.decide_expertrequest"),
            **kwargs,
        )


class ExpertRequestView(WorkspaceMixin, FormView):
    """A coordinator asks the expert for a date and a topic in one of their regions."""

    permission_required = "organisations.add_expertrequest"
    template_name = "organisations/experts/expertrequest_form.html"
    form_class = ExpertRequestForm

    def dispatch(self, request, *args, **kwargs):
        self.expert = get_object_or_404(selectors.pool(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "user": self.request.user,
            "expert": self.expert,
            "events": Event.objects.all(),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(expert=self.expert, **kwargs)

    def form_valid(self, form):
        services.request_expert(
            form=form,
            expert=self.expert,
            requested_by=self.request.user,
            base_url=self.request.build_absolute_uri("/"),
        )
        messages.success(self.request, _("The request to %s was sent.") % self.expert.name)
        return HttpResponseRedirect(self.expert.get_absolute_url())


class ExpertRequestDecideView(WorkspaceMixin, View):
    """POST only: the Landeskoordination accepts or declines a request in the workspace."""

    permission_required = "organisations.decide_expertrequest"
    http_method_names = ["post"]

    def post(self, request, pk):
        expert_request = get_object_or_404(ExpertRequest, pk=pk)
        form = DecisionForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Choose whether to accept or decline the request."))
        else:
            try:
                services.decide(
                    request=expert_request,
                    accept=form.cleaned_data["decision"] == "accept",
                    by=request.user,
                    base_url=request.build_absolute_uri("/"),
                )
                messages.success(request, _("Your answer was recorded."))
            except services.ExpertRequestError as error:
                messages.error(request, error.message)
        return redirect(expert_request.expert)


class PersonalLinkMixin:
    """Pages reached by an expert's personal link: no login, never cached nor indexed."""

    def dispatch(self, request, *args, **kwargs):
        # Guessing keys from one address is slowed down, as on the needs assessment's links.
        refused = link_guessing_refused(request, "expert")
        if refused is not None:
            add_never_cache_headers(refused)
            return refused
        token = kwargs["token"]
        self.found = self.lookup(token) if TOKEN.fullmatch(token) else None
        if self.found is None:
            raise Http404
        response = super().dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class ExpertAnswerView(PersonalLinkMixin, TemplateView):
    """``/experten/anfrage/<token>/``: GET shows the request, POST accepts or declines it."""

    template_name = "organisations/experts/answer.html"

    def lookup(self, token):
        return selectors.request_by_token(token)

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", DecisionForm())
        return super().get_context_data(
            expert_request=self.found, open=self.found.state == RequestState.REQUESTED, **kwargs
        )

    def post(self, request, token):
        form = DecisionForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            services.decide(
                request=self.found,
                accept=form.cleaned_data["decision"] == "accept",
                base_url=request.build_absolute_uri("/"),
            )
            messages.success(request, _("Thank you: your answer was recorded."))
        except services.ExpertRequestError as error:
            messages.error(request, error.message)
        return redirect("organisations:expert-answer", token)


class ExpertProfileView(PersonalLinkMixin, FormView):
    """``/experten/profil/<token>/``: the expert keeps their profile current."""

    template_name = "organisations/experts/profile_form.html"
    form_class = ExpertProfileForm

    def lookup(self, token):
        return selectors.expert_by_token(token)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.found}

    def get_context_data(self, **kwargs):
        return super().get_context_data(expert=self.found, **kwargs)

    def form_valid(self, form):
        services.update_profile(form=form)
        messages.success(self.request, _("Thank you: your profile was saved."))
        return redirect("organisations:expert-profile", self.found.token)
