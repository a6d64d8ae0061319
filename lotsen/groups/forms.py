"""The Landeskoordination's form of a working group: name, description, members, meetings."""

import datetime

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from events.models import Event
from lotsen.core.roles import Role
from lotsen.models import User, WorkingGroup


class WorkingGroupForm(forms.ModelForm):
    class Meta:
        model = WorkingGroup
        fields = ["name", "description", "members", "meetings"]
        widgets = {
            "members": forms.CheckboxSelectMultiple,
            "meetings": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "members": _("Coordinators, guides and experts with a portal account."),
            "meetings": _("Internal events of the last year and the future."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = User.objects.filter(is_active=True).order_by(
            "role", "name", "email"
        )
        since = timezone.now() - datetime.timedelta(days=366)
        wanted = Q(is_public=False, starts_at__gte=since)
        if self.instance.pk:
            wanted |= Q(pk__in=self.instance.meetings.values("pk"))
        self.fields["meetings"].queryset = Event.objects.filter(wanted).order_by("starts_at")
        self.fields["members"].label_from_instance = lambda user: (
            f"{user.name} ({user.email})" if user.name else user.email
        )

    def member_roles(self) -> list[dict]:
        """The member checkboxes by role (Landeskoordination, coordination, guides), each with
        how many are ticked, for a form that folds away the long lists."""
        labels = dict(Role.choices)
        roles: dict[str, dict] = {}
        for choice in self["members"]:
            role = choice.data["value"].instance.role
            group = roles.setdefault(role, {"label": labels.get(role, role), "choices": [],
                                            "checked": 0})  # fmt: skip
            group["choices"].append(choice)
            group["checked"] += bool(choice.data["selected"])
        return list(roles.values())
