"""Subscribing to the newsletter: the public pages (sign-up, confirmation link, one-click
unsubscribe, preferences) and the Landeskoordination's subscriber list.

The public pages behind a personal link carry a token in their URL: they are never cached and
ask search engines not to index them.
"""

import json

from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import DetailView, FormView, TemplateView, View
from django.views.generic.detail import SingleObjectMixin
from django_filters.views import FilterView

from lotsen.core.audit import history_of
from lotsen.core.throttle import allow
from lotsen.core.workspace import ExportMixin, FilteredListMixin, WorkspaceMixin
from lotsen.legal.services import privacy_text_for_consent
from newsletters.models import Subscriber, SubscriberState
from newsletters.subscriptions import selectors, services
from newsletters.subscriptions.consent import consent_text
from newsletters.subscriptions.filters import SubscriberFilter
from newsletters.subscriptions.forms import PreferencesForm, SubscribeForm
from newsletters.subscriptions.links import (
    CONFIRMATION_VALID_FOR,
    LinkExpired,
    subscriber_for_confirmation,
    subscriber_for_token,
    subscriber_token,
)

# Sign-ups per IP address and hour: plenty for an office behind one address, too few to use
# the form for sending mail to strangers.
SIGNUPS_PER_IP = 10
SIGNUP_WINDOW = 3600


def client_ip(request) -> str | None:
    """The address the request came from, as the server saw it.

    Only ``REMOTE_ADDR``: ``X-Forwarded-For`` is written by the client unless a proxy we run
    replaces it, so trusting it would let anyone dodge the rate limit and fake the IP recorded
    as proof of consent. Behind a reverse proxy, the proxy must pass the client's address as
    ``REMOTE_ADDR`` (e.g. gunicorn's ``--forwarded-allow-ips`` with uvicorn workers, or the
    proxy protocol); otherwise every sign-up shares the proxy's address and its limit.
    """
    return request.META.get("REMOTE_ADDR") or None


class PersonalLinkMixin:
    """Pages reached through a personal link: no caching, no search engine."""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response


class SubscribeView(FormView):
    """The public sign-up form. Every accepted form ends on the same page, whatever the state
    of the address (new, pending, confirmed, unsubscribed, erased) or a filled-in spam trap."""

    template_name = "newsletters/subscriptions/subscribe.html"
    form_class = SubscribeForm

    def post(self, request, *args, **kwargs):
        if not allow(
            f"newsletter-signup:{client_ip(request)}", limit=SIGNUPS_PER_IP, window=SIGNUP_WINDOW
        ):
            form = self.get_form()
            form.is_valid()
            form.add_error(
                None,
                _(
                    "There were too many sign-ups from your network in the last hour. Please "
                    "try again later."
                ),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        if not form.is_spam():
            data = form.cleaned_data
            services.request_subscription(
                email=data["email"],
                name=data["name"],
                organisation=data["organisation"],
                language=data["language"],
                ip=client_ip(self.request),
                privacy_text=privacy_text_for_consent(),
                base_url=self.request.build_absolute_uri("/"),
            )
        return redirect("subscriptions:subscribe-done")


class SubscribeDoneView(TemplateView):
    template_name = "newsletters/subscriptions/subscribe_done.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(valid_days=CONFIRMATION_VALID_FOR.days, **kwargs)


class ConfirmView(PersonalLinkMixin, View):
    """The link of the confirmation mail: GET shows a button, POST confirms.

    Mail scanners open links, so a GET changes nothing. An expired or invalid link gets an
    explanation and the way back to the form, not an error page.
    """

    template_name = "newsletters/subscriptions/confirm.html"

    def get(self, request, token):
        return self._page(request, token, confirm=False)

    def post(self, request, token):
        return self._page(request, token, confirm=True)

    def _page(self, request, token, *, confirm: bool):
        problem = None
        try:
            subscriber = subscriber_for_confirmation(token)
        except LinkExpired:
            subscriber, problem = None, "expired"
        if subscriber is None or subscriber.state == SubscriberState.UNSUBSCRIBED:
            return render(
                request,
                self.template_name,
                {"problem": problem or "invalid", "valid_days": CONFIRMATION_VALID_FOR.days},
                status=400,
            )
        just_confirmed = False
        if confirm and subscriber.state == SubscriberState.PENDING:
            subscriber = services.confirm_subscription(subscriber=subscriber)
            just_confirmed = True
        return render(
            request,
            self.template_name,
            {
                "subscriber": subscriber,
                "just_confirmed": just_confirmed,
                "token": subscriber_token(subscriber),
            },
        )


def _subscriber_or_404(token: str) -> Subscriber:
    subscriber = subscriber_for_token(token)
    if subscriber is None:
        raise Http404
    return subscriber


# Mail clients unsubscribe with a POST of their own (RFC 8058), sent without our cookies and so
# without a CSRF token; the signed token in the URL is the proof, and the worst a forged request
# with a stolen token can do is stop one person's newsletter.
@method_decorator(csrf_exempt, name="dispatch")
class UnsubscribeView(PersonalLinkMixin, View):
    """The personal unsubscribe link: GET shows a button and changes nothing (mail scanners
    follow links); any POST, the button's or a mail client's one-click, unsubscribes at once."""

    template_name = "newsletters/subscriptions/unsubscribe.html"

    def get(self, request, token):
        subscriber = _subscriber_or_404(token)
        return render(request, self.template_name, {"subscriber": subscriber, "token": token})

    def post(self, request, token):
        subscriber = services.unsubscribe(subscriber=_subscriber_or_404(token))
        return render(
            request,
            self.template_name,
            {"subscriber": subscriber, "token": token, "just_unsubscribed": True},
        )


class PreferencesView(PersonalLinkMixin, View):
    """The personal preferences page: name, organisation, language, and the unsubscribe button."""

    template_name = "newsletters/subscriptions/preferences.html"

    def get(self, request, token):
        subscriber = _subscriber_or_404(token)
        return self._page(request, subscriber, token, PreferencesForm(instance=subscriber))

    def post(self, request, token):
        subscriber = _subscriber_or_404(token)
        if subscriber.state == SubscriberState.UNSUBSCRIBED:
            return redirect("subscriptions:preferences", token)
        form = PreferencesForm(request.POST, instance=subscriber)
        if not form.is_valid():
            return self._page(request, subscriber, token, form)
        services.update_preferences(subscriber=subscriber, **form.cleaned_data)
        messages.success(request, _("Your changes were saved."))
        return redirect("subscriptions:preferences", token)

    def _page(self, request, subscriber, token, form):
        return render(
            request, self.template_name, {"subscriber": subscriber, "token": token, "form": form}
        )


# --- Landeskoordination ---------------------------------------------------------------------


class SubscriberListView(WorkspaceMixin, FilteredListMixin, ExportMixin, FilterView):
    permission_required = "newsletters.manage_newsletter"
    filterset_class = SubscriberFilter
    template_name = "newsletters/subscriptions/subscriber_list.html"
    paginate_by = 50
    export_filename = "newsletter-abonnements"
    export_columns = [
        (_("Email address"), lambda s: s.email),
        (_("Name"), lambda s: s.name),
        (_("Organisation"), lambda s: s.organisation),
        (_("Language"), lambda s: s.get_language_display()),
        (_("State"), lambda s: s.get_state_display()),
        (_("Signed up at"), lambda s: s.consent_given_at),
        (_("Version of the consent text"), lambda s: s.consent_text_version),
        (_("Confirmed at"), lambda s: s.confirmed_at),
        (_("Unsubscribed at"), lambda s: s.unsubscribed_at),
        (_("Bounced at"), lambda s: s.bounced_at),
        (_("Bounce reason"), lambda s: s.bounce_reason),
        (_("Soft bounces in a row"), lambda s: s.soft_bounces),
    ]

    def get_queryset(self):
        return selectors.subscribers()

    def get_context_data(self, **kwargs):
        return super().get_context_data(state_counts=selectors.state_counts(), **kwargs)


# The subscriber page lists this many of their latest bounces.
BOUNCES_SHOWN = 20


class SubscriberDetailView(WorkspaceMixin, DetailView):
    permission_required = "newsletters.manage_newsletter"
    model = Subscriber
    template_name = "newsletters/subscriptions/subscriber_detail.html"
    queryset = Subscriber.objects.select_related("privacy_text")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            consent_text=consent_text(self.object.consent_text_version),
            bounces=list(selectors.bounced_deliveries(self.object)[:BOUNCES_SHOWN]),
            history=history_of(self.object),
            **kwargs,
        )


class SubscriberExportView(WorkspaceMixin, SingleObjectMixin, View):
    """Everything held about one subscriber, as a JSON file for their request (GDPR Art. 15)."""

    permission_required = "newsletters.manage_newsletter"
    model = Subscriber

    def get(self, request, pk):
        subscriber = self.get_object()
        response = HttpResponse(
            json.dumps(
                selectors.personal_data_of(subscriber),
                cls=DjangoJSONEncoder,
                ensure_ascii=False,
                indent=2,
            ),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="newsletter-abonnement-{subscriber.pk}.json"'
        )
        return response


class SubscriberEraseView(WorkspaceMixin, DetailView):
    """GET asks for confirmation; POST deletes the subscriber and suppresses the address."""

    permission_required = "newsletters.manage_newsletter"
    model = Subscriber
    template_name = "newsletters/subscriptions/subscriber_erase.html"

    def post(self, request, pk):
        services.erase_subscriber(subscriber=get_object_or_404(Subscriber, pk=pk))
        # The message names nobody: the address is gone, and so it stays.
        messages.success(request, _("The subscriber was erased; the address is suppressed."))
        return redirect("subscriptions:list")
