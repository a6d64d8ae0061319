import django_filters
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from lotsen.core.filters import GermanOrderingFilter, SearchFilter, WorkspaceFilterSet
from newsletters.models import Subscriber, SubscriberState


class SubscriberFilter(WorkspaceFilterSet):
    q = SearchFilter(fields=["email", "name", "organisation"])
    state = django_filters.ChoiceFilter(
        choices=SubscriberState.choices, label=_("State"), empty_label=_("all states")
    )
    language = django_filters.ChoiceFilter(
        choices=settings.LANGUAGES, label=_("Language"), empty_label=_("all languages")
    )
    order = GermanOrderingFilter(
        fields=[("email", "email"), ("name", "name"), ("organisation", "organisation"),
                ("consent_given_at", "signed_up")],
        field_labels={"email": _("Email address"), "name": _("Name"),
                      "organisation": _("Organisation"), "consent_given_at": _("Signed up at")},
        text_fields=["name", "organisation"],
        label=_("Sort by"),
    )  # fmt: skip

    class Meta:
        model = Subscriber
        fields = ["q", "state", "language"]
