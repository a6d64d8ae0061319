"""Workspace pages for composing the newsletter: the issues, their items, the offered reports,
the dates, and the Landeskoordination's workflow (approve, schedule, reopen, send).

Coordinators see every issue and write regional and ticker items of their own regions; every
other change belongs to the Landeskoordination. Only a draft can be changed: any other state
answers with a message and the issue page, and nothing is saved.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import DetailView, FormView, ListView, UpdateView

from events.models import EventReport
from lotsen.core.audit import history_of
from lotsen.core.permissions import visible_to
from lotsen.core.workspace import WorkspaceMixin
from newsletters.issues import selectors, services
from newsletters.issues.forms import ITEM_FORMS, IssueForm, ScheduleForm
from newsletters.models import Issue, IssueItem, IssueState, Section

VIEW = "newsletters.view_issue"
MANAGE = "newsletters.manage_newsletter"


def _detail_url(issue: Issue, section: str = "") -> str:
    url = reverse("issues:detail", args=[issue.pk])
    return f"{url}#section-{section}" if section else url


def _message_of(error: ValidationError) -> str:
    return " ".join(error.messages)


class DraftOnlyMixin:
    """Pages that change an issue's content: for a draft only (``self.issue``)."""

    def dispatch(self, request, *args, **kwargs):
        if not self.issue.is_editable:
            messages.error(request, _message_of(services._not_editable(self.issue)))
            return redirect(_detail_url(self.issue))
        return super().dispatch(request, *args, **kwargs)


# --- Issues ---------------------------------------------------------------------------------


class IssueListView(WorkspaceMixin, ListView):
    permission_required = VIEW
    template_name = "newsletters/issues/issue_list.html"
    context_object_name = "issues"
    paginate_by = 25

    def get_queryset(self):
        return selectors.issues()


class IssueCreateView(WorkspaceMixin, FormView):
    permission_required = MANAGE
    template_name = "newsletters/issues/issue_form.html"
    form_class = IssueForm

    def get_initial(self):
        return selectors.proposal()

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            issue = services.create_issue(
                number=data["number"],
                title=data["title"],
                issue_date=data["issue_date"],
                copy_deadline=data["copy_deadline"],
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        dates = issue.items.filter(section=Section.DATE).count()
        messages.success(
            self.request,
            ngettext(
                "The issue “%(issue)s” was created; %(count)d upcoming event was added to its "
                "dates.",
                "The issue “%(issue)s” was created; %(count)d upcoming events were added to its "
                "dates.",
                dates,
            )
            % {"issue": issue.title, "count": dates},
        )
        return redirect(_detail_url(issue))


class IssueUpdateView(WorkspaceMixin, DraftOnlyMixin, UpdateView):
    permission_required = MANAGE
    model = Issue
    form_class = IssueForm
    template_name = "newsletters/issues/issue_form.html"

    def has_permission(self) -> bool:
        if not super().has_permission():
            return False
        self.issue = get_object_or_404(Issue, pk=self.kwargs["pk"])
        return True

    def get_object(self, queryset=None):
        return self.issue

    def form_valid(self, form):
        try:
            self.object = services.update_issue(form=form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Your changes were saved."))
        return redirect(_detail_url(self.object))


class IssueDetailView(WorkspaceMixin, DetailView):
    permission_required = VIEW
    template_name = "newsletters/issues/issue_detail.html"
    context_object_name = "issue"
    queryset = Issue.objects.select_related("approved_by")

    def get_context_data(self, **kwargs):
        issue = self.object
        user = self.request.user
        period = selectors.report_period(issue)
        may_manage = user.has_perm(MANAGE)
        rendered = issue.rendered_at is not None
        return super().get_context_data(
            history=history_of(issue),
            sections=selectors.issue_sections(issue, user),
            missing_regions=list(selectors.regions_without_item(issue)),
            offered_reports=(
                list(selectors.offered_reports(issue, user)) if issue.is_editable else []
            ),
            period_start=period[0],
            period_end=period[1],
            days_left=selectors.days_left(issue.copy_deadline),
            may_manage=may_manage,
            rendering=(
                issue.state in services.REOPENABLE and not rendered and not issue.render_error
            ),
            may_schedule=issue.state in services.REOPENABLE and rendered,
            may_send=issue.state in services.REOPENABLE and rendered,
            may_reopen=issue.state in services.REOPENABLE,
            sending=issue.state in (IssueState.SENDING, IssueState.SENT),
            **kwargs,
        )


# --- Items ----------------------------------------------------------------------------------


class ItemCreateView(WorkspaceMixin, DraftOnlyMixin, FormView):
    permission_required = "newsletters.add_issueitem"
    template_name = "newsletters/issues/item_form.html"

    def has_permission(self) -> bool:
        if not super().has_permission():
            return False
        self.section = self.kwargs["section"]
        if self.section not in Section.values:
            raise Http404
        self.issue = get_object_or_404(Issue, pk=self.kwargs["pk"])
        return selectors.may_add_item(self.issue, self.section, self.request.user)

    def get_form_class(self):
        return ITEM_FORMS[self.section]

    def get_form_kwargs(self):
        item = IssueItem(issue=self.issue, section=self.section)
        return {**super().get_form_kwargs(), "user": self.request.user, "instance": item}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            issue=self.issue, section_label=Section(self.section).label, **kwargs
        )

    def form_valid(self, form):
        try:
            services.save_item(
                form=form, issue=self.issue, section=self.section, user=self.request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The item was added."))
        return redirect(_detail_url(self.issue, self.section))


class ItemObjectMixin:
    """An item the user may see (``visible_to``: 404 otherwise) and act on (403 otherwise)."""

    def has_permission(self) -> bool:
        user = self.request.user
        if not super().has_permission():
            return False
        items = visible_to(user, IssueItem.objects.select_related("issue", "region"))
        self.object = get_object_or_404(items, pk=self.kwargs["pk"])
        self.issue = self.object.issue
        return user.has_perm(self.permission_required, self.object)

    def get_object(self, queryset=None):
        return self.object


class ItemUpdateView(ItemObjectMixin, WorkspaceMixin, DraftOnlyMixin, UpdateView):
    permission_required = "newsletters.change_issueitem"
    template_name = "newsletters/issues/item_form.html"

    def get_form_class(self):
        return ITEM_FORMS[self.object.section]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            issue=self.issue,
            section_label=Section(self.object.section).label,
            history=history_of(self.object),
            **kwargs,
        )

    def form_valid(self, form):
        try:
            services.save_item(
                form=form, issue=self.issue, section=self.object.section, user=self.request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Your changes were saved."))
        return redirect(_detail_url(self.issue, self.object.section))


class ItemDeleteView(ItemObjectMixin, WorkspaceMixin, DraftOnlyMixin, DetailView):
    """GET asks for confirmation; POST removes the item."""

    permission_required = "newsletters.delete_issueitem"
    template_name = "newsletters/issues/item_confirm_delete.html"
    context_object_name = "item"

    def post(self, request, pk):
        try:
            services.delete_item(item=self.object)
        except ValidationError as error:
            messages.error(request, _message_of(error))
        else:
            messages.success(request, _("The item was removed from the issue."))
        return redirect(_detail_url(self.issue, self.object.section))


class ItemMoveView(ItemObjectMixin, WorkspaceMixin, DraftOnlyMixin, View):
    """POST ``direction=up`` or ``down``: the Landeskoordination orders the items."""

    permission_required = MANAGE

    def post(self, request, pk):
        try:
            services.move_item(item=self.object, up=request.POST.get("direction") != "down")
        except ValidationError as error:
            messages.error(request, _message_of(error))
        return redirect(_detail_url(self.issue, self.object.section))


# --- Reports and dates ----------------------------------------------------------------------


class IssueActionMixin:
    """A POST about one issue, from a button on its page."""

    def has_permission(self) -> bool:
        if not super().has_permission():
            return False
        self.issue = get_object_or_404(Issue, pk=self.kwargs["pk"])
        return True


class TakeReportView(IssueActionMixin, WorkspaceMixin, DraftOnlyMixin, View):
    """ "Übernehmen": an offered event report becomes a regional item (or the lead story)."""

    permission_required = VIEW

    def post(self, request, pk):
        user = request.user
        section = Section.LEAD if request.POST.get("section") == Section.LEAD else Section.REGIONAL
        report_id = request.POST.get("report", "")
        reports = visible_to(user, EventReport.objects.select_related("event__region"))
        report = reports.filter(pk=report_id).first() if report_id.isdigit() else None
        if report is None:
            messages.error(request, _("This report is not available. Please choose another."))
            return redirect(_detail_url(self.issue, "offered"))
        region = report.event.region if section == Section.REGIONAL else None
        candidate = IssueItem(issue=self.issue, section=section, region=region)
        if not user.has_perm("newsletters.add_issueitem", candidate):
            raise PermissionDenied
        if section == Section.LEAD and not user.has_perm(MANAGE):
            raise PermissionDenied
        try:
            item = services.take_report(issue=self.issue, report=report, user=user, section=section)
        except ValidationError as error:
            messages.info(request, _message_of(error))
            return redirect(_detail_url(self.issue, "offered"))
        messages.success(
            request,
            _("“%(headline)s” is now an item of this issue.") % {"headline": item.headline},
        )
        return redirect(_detail_url(self.issue, section))


class FillDatesView(IssueActionMixin, WorkspaceMixin, DraftOnlyMixin, View):
    permission_required = MANAGE

    def post(self, request, pk):
        try:
            added = services.fill_dates(issue=self.issue)
        except ValidationError as error:
            messages.error(request, _message_of(error))
            return redirect(_detail_url(self.issue))
        if added:
            message = ngettext(
                "%(count)d upcoming event was added to the dates.",
                "%(count)d upcoming events were added to the dates.",
                added,
            ) % {"count": added}
        else:
            message = _("The dates already list every upcoming public event.")
        messages.success(request, message)
        return redirect(_detail_url(self.issue, Section.DATE))


# --- Workflow -------------------------------------------------------------------------------


class ApproveView(IssueActionMixin, WorkspaceMixin, View):
    permission_required = MANAGE

    def post(self, request, pk):
        try:
            services.approve(self.issue, request.user)
        except ValidationError as error:
            messages.error(request, _message_of(error))
        else:
            messages.success(
                request,
                _(
                    "The issue was approved and is being rendered as email, PDF and archive "
                    "page. Check the previews, then schedule it or send it."
                ),
            )
        return redirect(_detail_url(self.issue))


class ReopenView(IssueActionMixin, WorkspaceMixin, View):
    permission_required = MANAGE

    def post(self, request, pk):
        try:
            services.reopen(self.issue, request.user)
        except ValidationError as error:
            messages.error(request, _message_of(error))
        else:
            messages.success(
                request, _("The issue is a draft again. Approve it once your changes are done.")
            )
        return redirect(_detail_url(self.issue))


class ScheduleView(IssueActionMixin, WorkspaceMixin, FormView):
    permission_required = MANAGE
    template_name = "newsletters/issues/issue_schedule.html"
    form_class = ScheduleForm

    def get(self, request, *args, **kwargs):
        if self.issue.state not in services.REOPENABLE or self.issue.rendered_at is None:
            messages.info(request, _("An issue can be scheduled once it is approved and rendered."))
            return redirect(_detail_url(self.issue))
        return super().get(request, *args, **kwargs)

    def get_initial(self):
        when = self.issue.scheduled_for
        if when is None:
            return {"day": self.issue.issue_date}
        local = timezone.localtime(when)
        return {"day": local.date(), "time": local.time()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(issue=self.issue, **kwargs)

    def form_valid(self, form):
        try:
            issue = services.schedule(self.issue, form.cleaned_data["when"], self.request.user)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        when = formats.date_format(timezone.localtime(issue.scheduled_for), "DATETIME_FORMAT")
        messages.success(self.request, _("The issue will be sent on %(when)s.") % {"when": when})
        return redirect(_detail_url(issue))


class SendNowView(IssueActionMixin, WorkspaceMixin, View):
    """Start sending an approved, rendered issue at once, then watch the progress."""

    permission_required = MANAGE

    def post(self, request, pk):
        issue = self.issue
        if issue.state in (IssueState.SENDING, IssueState.SENT):
            return HttpResponseRedirect(reverse("sending:progress", kwargs={"pk": issue.pk}))
        if issue.state not in services.REOPENABLE or issue.rendered_at is None:
            messages.error(
                request,
                _("Only an approved issue whose rendering is finished can be sent."),
            )
            return redirect(_detail_url(issue))
        # Imported here: sending is its own part of the newsletter, with its own workers.
        from newsletters.sending.services import start_sending

        try:
            start_sending(issue, user=request.user)
        except ValidationError as error:
            messages.error(request, _message_of(error))
            return redirect(_detail_url(issue))
        return HttpResponseRedirect(reverse("sending:progress", kwargs={"pk": issue.pk}))
