"""Building blocks of the workspace views (coordinators and Landeskoordination).

- ``WorkspaceMixin``: login required, a permission from ``lotsen.core.permissions`` checked, and the
  response never cached (the pages hold personal data).
- ``ScopedObjectMixin``: objects come through ``visible_to``, so a row of another region is a
  404 whatever URL reaches it; the object-level permission is checked on top.
- ``FilteredListMixin``: hands the user to the list's ``WorkspaceFilterSet``.
- ``ExportMixin``: ``?export=csv`` or ``?export=xlsx`` downloads exactly the filtered list.
- ``SaveFormMixin``: form → ``save_form`` service → message → redirect; a conflicting edit or a
  domain error becomes a message in the form and nothing is saved.
"""

from collections.abc import Iterable

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.utils.cache import add_never_cache_headers

from lotsen.core.exports import Column, csv_response, xlsx_response
from lotsen.core.permissions import visible_to
from lotsen.core.services import save_form


class WorkspaceMixin:
    permission_required: str = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not self.has_permission():
            raise PermissionDenied
        response = super().dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)
        return response

    def has_permission(self) -> bool:
        return self.request.user.has_perm(self.permission_required)


class ScopedObjectMixin(WorkspaceMixin):
    def get_queryset(self):
        return visible_to(self.request.user, super().get_queryset())

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not self.request.user.has_perm(self.permission_required, obj):
            raise PermissionDenied
        return obj


class FilteredListMixin:
    """Lists filtered by a ``WorkspaceFilterSet``, which offers each user their own choices."""

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "user": self.request.user}


class ExportMixin:
    export_filename: str = "export"
    export_columns: list[Column] = []

    def get(self, request, *args, **kwargs):
        kind = request.GET.get("export")
        if kind not in ("csv", "xlsx"):
            return super().get(request, *args, **kwargs)
        writer = csv_response if kind == "csv" else xlsx_response
        response = writer(self.export_filename, self.get_export_columns(), self.get_export_rows())
        add_never_cache_headers(response)
        return response

    def get_export_columns(self) -> list[Column]:
        return self.export_columns

    def get_export_rows(self) -> Iterable:
        """Every row of the filtered list, not only the page shown."""
        filterset = self.get_filterset(self.get_filterset_class())
        rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
        return rows.iterator(2000)


class SaveFormMixin:
    success_message: str = ""

    def form_valid(self, form):
        try:
            self.object = save_form(form=form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message % {"object": self.object})
        return HttpResponseRedirect(self.get_success_url())
