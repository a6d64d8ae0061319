"""The staff pages of the workspace: the Landeskoordination manages staff accounts.

List with filters, invitation, one page per account (with its history) and POST-only actions:
resend the invitation, deactivate, reactivate, unlock after failed logins.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, FormView, View
from django_filters.views import FilterView

from lotsen.core.exports import names
from lotsen.core.workspace import ExportMixin, FilteredListMixin, WorkspaceMixin
from lotsen.models.accounts import User
from lotsen.staff import services
from lotsen.staff.filters import StaffFilter
from lotsen.staff.forms import AccountForm, InviteForm
from lotsen.staff.selectors import account_history, staff_accounts

PERMISSION = "lotsen.manage_staff"


def account_state(user: User) -> str:
    if not user.is_active:
        return str(_("deactivated"))
    if user.last_login is None:
        return str(_("invited, never logged in"))
    return str(_("active"))


class StaffListView(WorkspaceMixin, FilteredListMixin, ExportMixin, FilterView):
    permission_required = PERMISSION
    filterset_class = StaffFilter
    template_name = "lotsen/staff/list.html"
    paginate_by = 50
    export_filename = "mitarbeitende"
    export_columns = [
        (_("Name"), lambda u: u.name),
        (_("Email"), lambda u: u.email),
        (_("Role"), lambda u: u.get_role_display()),
        (_("Regions"), lambda u: names(u.coordinated_regions)),
        (_("Account"), account_state),
        (_("Last login"), lambda u: u.last_login),
    ]

    def get_queryset(self):
        return staff_accounts()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for user in context["object_list"]:
            user.state = account_state(user)
        return context


class InviteView(WorkspaceMixin, FormView):
    permission_required = PERMISSION
    form_class = InviteForm
    template_name = "lotsen/staff/invite.html"

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            user = services.invite_staff(
                email=data["email"],
                name=data["name"],
                role=data["role"],
                regions=data["regions"],
                invited_by=self.request.user,
                base_url=self.request.build_absolute_uri("/"),
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The invitation to %(name)s was sent to %(email)s.")
            % {"name": user.get_full_name(), "email": user.email},
        )
        return redirect("staff:detail", user.pk)


class _AccountMixin(WorkspaceMixin):
    permission_required = PERMISSION

    def get_account(self) -> User:
        return get_object_or_404(staff_accounts(), pk=self.kwargs["pk"])


class AccountDetailView(_AccountMixin, DetailView):
    template_name = "lotsen/staff/detail.html"
    context_object_name = "account"

    def get_object(self, queryset=None):
        return self.get_account()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            state=account_state(self.object),
            history=account_history(self.object),
            is_self=self.object.pk == self.request.user.pk,
            **kwargs,
        )


class AccountEditView(_AccountMixin, FormView):
    form_class = AccountForm
    template_name = "lotsen/staff/edit.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.account = self.get_account() if self.has_permission() else None
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        return {
            "name": self.account.name,
            "role": self.account.role,
            "regions": list(self.account.coordinated_regions.all()),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(account=self.account, **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.change_account(
                user=self.account,
                name=data["name"],
                role=data["role"],
                regions=data["regions"],
                changed_by=self.request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The account of %s was saved.") % self.account)
        return redirect("staff:detail", self.account.pk)


class _ActionView(_AccountMixin, View):
    """POST only: one service call on the account, its result as a message, back to its page."""

    http_method_names = ["post"]

    def post(self, request, pk):
        account = self.get_account()
        try:
            message = self.act(account)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        else:
            messages.success(request, message)
        return redirect("staff:detail", account.pk)

    def act(self, account: User) -> str:
        raise NotImplementedError


class ResendInvitationView(_ActionView):
    def act(self, account):
        services.resend_invitation(
            user=account,
            invited_by=self.request.user,
            base_url=self.request.build_absolute_uri("/"),
        )
        return _("The invitation was sent again to %s.") % account.email


class DeactivateView(_ActionView):
    def act(self, account):
        services.set_active(user=account, active=False, changed_by=self.request.user)
        return _("The account of %s is deactivated; it can no longer log in.") % account


class ReactivateView(_ActionView):
    def act(self, account):
        services.set_active(user=account, active=True, changed_by=self.request.user)
        return _("The account of %s is active again.") % account


class UnlockView(_ActionView):
    def act(self, account):
        services.unlock(user=account, unlocked_by=self.request.user)
        return _("Failed logins of %s were reset; the owner was told by mail.") % account
