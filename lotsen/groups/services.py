"""Changes of the working groups (the Landeskoordination's)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from lotsen.models import User, WorkingGroup


@transaction.atomic
def save_group(*, form, user: User) -> WorkingGroup:
    """Save the group with its members and meetings in one transaction."""
    if not user.has_perm("lotsen.change_workinggroup", form.instance):
        raise PermissionDenied
    return form.save()
