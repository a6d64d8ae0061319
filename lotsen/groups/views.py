"""Working groups: the list of one's groups, a group's page (members and the
Landeskoordination; a 404 for everyone else), and the Landeskoordination's form."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, FormView, ListView

from lotsen.core.permissions import is_admin
from lotsen.documents.views import MemberMixin
from lotsen.groups import services
from lotsen.groups.forms import WorkingGroupForm
from lotsen.groups.selectors import group_documents, groups_for, past_meetings, upcoming_meetings
from lotsen.models import WorkingGroup


class GroupListView(MemberMixin, ListView):
    template_name = "lotsen/groups/group_list.html"
    context_object_name = "groups"

    def get_queryset(self):
        return groups_for(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(may_manage=is_admin(self.request.user), **kwargs)


class GroupDetailView(MemberMixin, DetailView):
    template_name = "lotsen/groups/group_detail.html"
    context_object_name = "group"

    def get_queryset(self):
        return groups_for(self.request.user)

    def get_context_data(self, **kwargs):
        group = self.object
        user = self.request.user
        return super().get_context_data(
            members=group.members.filter(is_active=True).order_by("name", "email"),
            upcoming=upcoming_meetings(group),
            past=past_meetings(group)[:10],
            documents=group_documents(user, group)[:20],
            may_manage=user.has_perm("lotsen.change_workinggroup", group),
            may_add_document=user.has_perm("lotsen.add_document"),
            **kwargs,
        )


class GroupFormView(MemberMixin, FormView):
    form_class = WorkingGroupForm
    template_name = "lotsen/groups/group_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.group = None
        if request.user.is_authenticated:
            if "pk" in kwargs:
                self.group = get_object_or_404(groups_for(request.user), pk=kwargs["pk"])
            if not request.user.has_perm("lotsen.change_workinggroup", self.group):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.group or WorkingGroup()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(group=self.group, **kwargs)

    def form_valid(self, form):
        group = services.save_group(form=form, user=self.request.user)
        messages.success(self.request, _("The working group was saved."))
        return redirect("groups:detail", pk=group.pk)
