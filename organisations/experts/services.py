"""Requests to the expert pool and the expert's own profile updates."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotsen.core.links import portal_url
from lotsen.core.mail import templated_email
from lotsen.core.roles import Role
from lotsen.core.tasks import queue_email
from organisations.experts.forms import ExpertProfileForm, ExpertRequestForm
from organisations.models import Expert, ExpertRequest, RequestState


class ExpertRequestError(ValidationError):
    pass


def _mail(template: str, *, to: str, context: dict) -> None:
    queue_email(
        templated_email(
            f"experts/{template}", to=to, context=context, language=settings.LANGUAGE_CODE
        )
    )


@transaction.atomic
def request_expert(
    *, form: ExpertRequestForm, expert: Expert, requested_by, base_url: str = ""
) -> ExpertRequest:
    """Record the request and mail the expert (when an address is known) the personal link
    by which they accept or decline; the Landeskoordination hears of it as well."""
    request = form.save(commit=False)
    request.expert = expert
    request.requested_by = requested_by
    request.save()
    link = portal_url(reverse("organisations:expert-answer", args=[request.token]), base_url)
    context = {"expert_request": request, "link": link}
    if expert.email:
        _mail("request", to=expert.email, context=context)
    workspace = portal_url(reverse("organisations:expert-detail", args=[expert.pk]), base_url)
    admins = get_user_model().objects.filter(is_active=True, role=Role.ADMIN)
    for address in admins.values_list("email", flat=True):
        _mail("request_admin", to=address, context={**context, "link": workspace})
    return request


@transaction.atomic
def decide(*, request: ExpertRequest, accept: bool, by=None, base_url: str = "") -> ExpertRequest:
    """Accept or decline an open request, once: ``by`` is the Landeskoordination's account,
    ``None`` the expert by the personal link. A decided request raises ``ExpertRequestError``."""
    request = ExpertRequest.objects.select_for_update().select_related("expert").get(pk=request.pk)
    if request.state != RequestState.REQUESTED:
        raise ExpertRequestError(_("This request was already answered."), code="decided")
    request.state = RequestState.ACCEPTED if accept else RequestState.DECLINED
    request.decided_at = timezone.now()
    request.decided_by = by
    request.save(update_fields=["state", "decided_at", "decided_by", "updated_at"])
    if request.requested_by is not None and request.requested_by.email:
        link = portal_url(
            reverse("organisations:expert-detail", args=[request.expert_id]), base_url
        )
        _mail(
            "decided",
            to=request.requested_by.email,
            context={"expert_request": request, "link": link},
        )
    return request


@transaction.atomic
def update_profile(*, form: ExpertProfileForm) -> Expert:
    return form.save()
