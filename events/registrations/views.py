"""Public registration for an event, and the registrant's own page behind the personal link."""

import re

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from events.ical import location
from events.models import Event, Registration, RegistrationStatus
from events.registrations import selectors, services
from events.registrations.consent import CONSENT_TEXT_VERSION
from events.registrations.forms import RegistrationForm
from lotsen.core.throttle import allow, client_address
from lotsen.legal.services import privacy_text_for_consent

TOKEN = re.compile(r"[A-Za-z0-9_-]{1,40}")

# Registration attempts per client address and hour: plenty for an office registering its
# team, too few to flood an event or the mail server.
RATE_LIMIT = 20
RATE_WINDOW = 3600


def rate_limited(request) -> bool:
    """Count this attempt; true once the client's address has used up the hour's attempts."""
    key = f"events:register:{client_address(request)}"
    return not allow(key, limit=RATE_LIMIT, window=RATE_WINDOW)


class RegisterView(TemplateView):
    """``/termine/<pk>/anmelden/``: the form, or why registration is closed."""

    template_name = "events/public/registration_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.event = get_object_or_404(
            Event.objects.filter(is_public=True).select_related("region"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        seats = selectors.seats_of(self.event)
        return super().get_context_data(
            event=self.event,
            place=location(self.event),
            seats=seats,
            form=kwargs.pop("form", None) or RegistrationForm(),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = RegistrationForm(request.POST)
        if rate_limited(request):
            form.is_valid()
            form.add_error(
                None,
                _("Too many registrations from your connection. Please try again in an hour."),
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        data = form.cleaned_data
        try:
            registration = services.register(
                event=self.event,
                name=data["name"],
                email=data["email"],
                organisation=data["organisation"],
                interpreting=data["interpreting"],
                accessibility=data["accessibility"],
                # The form cannot be valid without the box ticked: this is the text it showed.
                consent_text_version=CONSENT_TEXT_VERSION,
                privacy_text=privacy_text_for_consent(),
            )
        except services.RegistrationError as error:
            form.add_error("email" if error.code in ("duplicate", "invalid_email") else None,
                           error.message)  # fmt: skip
            return self.render_to_response(self.get_context_data(form=form))
        if registration.status == RegistrationStatus.CONFIRMED:
            text = _("Thank you: you are registered. We have sent a confirmation to %(email)s.")
        else:
            text = _(
                "All places are taken, so you are on the waiting list. We have sent a "
                "confirmation to %(email)s and will write again if a place becomes free."
            )
        messages.success(request, text % {"email": registration.email})
        return redirect("calendar:registration", registration.token)


class ManageRegistrationView(TemplateView):
    """``/anmeldung/<token>/``: the registrant's own page (from the mail's personal link).

    GET only shows (mail scanners follow links); cancelling takes the form's POST.
    """

    template_name = "events/public/registration_detail.html"

    def dispatch(self, request, *args, **kwargs):
        # Tokens are URL-safe base64; anything else (a NUL byte would upset PostgreSQL) is no
        # registration.
        if not TOKEN.fullmatch(kwargs["token"]):
            raise Http404
        self.registration = get_object_or_404(
            Registration.objects.select_related("event"), token=kwargs["token"]
        )
        response = super().dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)  # personal data
        return response

    def get_context_data(self, **kwargs):
        registration = self.registration
        event = registration.event
        return super().get_context_data(
            registration=registration,
            event=event,
            place=location(event),
            started=timezone.now() >= event.starts_at,
            position=(
                selectors.waiting_position(registration)
                if registration.status == RegistrationStatus.WAITING
                else None
            ),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        try:
            services.cancel(registration=self.registration)
        except services.RegistrationError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Your registration is cancelled. We have sent a confirmation to %(email)s.")
                % {"email": self.registration.email},
            )
        return redirect("calendar:registration", self.registration.token)
