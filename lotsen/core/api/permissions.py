"""The API asks the same rules as the browser (``lotsen.core.permissions``).

A view names ``permission_required`` (reading) and ``write_permission_required`` (changing);
objects come through ``visible_to``, so another region's object is a 404 here as in the
workspace. Writing needs a read-write token: a read-only one gets 403 and changes nothing.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, permissions


class TokenScopePermission(permissions.BasePermission):
    """Reading is open to whatever the view allows; writing needs a read-write token."""

    message = _("This token may only read. Create a read-write token to change data.")

    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        if request.auth is None:
            raise exceptions.NotAuthenticated()
        return bool(getattr(request.auth, "may_write", False))


class RulePermission(TokenScopePermission):
    """A token is required, and the user must hold the view's permission (then, per object,
    the object's permission)."""

    def _permission(self, request, view) -> str:
        if request.method in permissions.SAFE_METHODS:
            return view.permission_required
        return getattr(view, "write_permission_required", "") or view.permission_required

    def has_permission(self, request, view) -> bool:
        if request.auth is None:
            raise exceptions.NotAuthenticated()
        if not super().has_permission(request, view):
            return False
        if not request.user.has_perm(self._permission(request, view)):
            raise exceptions.PermissionDenied(_("Your role may not use this endpoint."))
        return True

    def has_object_permission(self, request, view, obj) -> bool:
        if not request.user.has_perm(self._permission(request, view), obj):
            raise exceptions.PermissionDenied(_("You may not change this record."))
        return True
