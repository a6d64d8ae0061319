"""The progress page of an issue being sent, and the editors' answers to unclear deliveries.

For the Landeskoordination only (``newsletters.manage_newsletter``). The page works without
JavaScript: a link reloads it, and ``?watch=1`` reloads it by itself while the issue is sent.
"""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import DetailView

from lotsen.core.workspace import WorkspaceMixin
from newsletters.models import Delivery, DeliveryState, Issue, IssueState
from newsletters.sending import selectors, services

PERMISSION = "newsletters.manage_newsletter"
# How often the page reloads itself when asked to (?watch=1).
REFRESH_SECONDS = 5


class ProgressView(WorkspaceMixin, DetailView):
    permission_required = PERMISSION
    template_name = "newsletters/sending/progress.html"
    context_object_name = "issue"
    queryset = Issue.objects.all()

    def get_context_data(self, **kwargs):
        issue = self.object
        counts = selectors.delivery_counts(issue)
        total = counts["total"]
        done = total - counts[DeliveryState.PENDING] - counts[DeliveryState.CLAIMED]
        started = issue.state in (IssueState.SENDING, IssueState.SENT)
        # Still going: while sending, and after unclear deliveries were sent again.
        running = started and (issue.state == IssueState.SENDING or done < total)
        problems = list(selectors.problem_deliveries(issue))
        bounce_counts = selectors.bounce_counts(issue)
        bounces = list(selectors.bounced_deliveries(issue)) if bounce_counts["total"] else []
        # Reloading by itself only when asked to, with a link to stop: a page that reloads on
        # its own throws screen-reader users back to the top (WCAG 2.2.1).
        watching = running and self.request.GET.get("watch") == "1"
        return super().get_context_data(
            counts=counts,
            rows=[(state, label, counts[state]) for state, label in DeliveryState.choices],
            done=done,
            percent=(100 * done // total) if total else 0,
            running=running,
            started=started,
            problems=problems,
            problems_hidden=counts[DeliveryState.FAILED]
            + counts[DeliveryState.UNCLEAR]
            - len(problems),
            unclear=[delivery for delivery in problems if delivery.state == DeliveryState.UNCLEAR],
            watching=watching,
            refresh_seconds=REFRESH_SECONDS,
            bounce_counts=bounce_counts,
            bounces=bounces,
            bounces_hidden=bounce_counts["total"] - len(bounces),
            **kwargs,
        )


class UnclearChoiceForm(forms.Form):
    deliveries = forms.ModelMultipleChoiceField(
        queryset=Delivery.objects.none(),
        error_messages={
            "required": _("Please choose at least one unclear delivery."),
            "invalid_choice": _(
                "A chosen delivery is no longer unclear. The list below is up to date; "
                "please choose again."
            ),
            "invalid_pk_value": _("Please choose deliveries from the list."),
        },
    )

    def __init__(self, *args, issue: Issue, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deliveries"].queryset = Delivery.objects.filter(
            issue=issue, state=DeliveryState.UNCLEAR
        )


class ResolveUnclearView(WorkspaceMixin, View):
    """POST only: resend the chosen unclear deliveries, or record them as sent."""

    permission_required = PERMISSION
    http_method_names = ["post"]
    action = ""  # "resend" or "mark_sent"

    def post(self, request, pk: int):
        issue = get_object_or_404(Issue, pk=pk)
        form = UnclearChoiceForm(request.POST, issue=issue)
        if not form.is_valid():
            for error in form.errors.get("deliveries", []):
                messages.error(request, error)
            return redirect("sending:progress", issue.pk)
        ids = [delivery.pk for delivery in form.cleaned_data["deliveries"]]
        if self.action == "resend":
            count = services.resend_unclear(issue, user=request.user, delivery_ids=ids)
            text = ngettext(
                "%(count)s delivery is being sent again.",
                "%(count)s deliveries are being sent again.",
                count,
            )
        else:
            count = services.mark_unclear_sent(issue, user=request.user, delivery_ids=ids)
            text = ngettext(
                "%(count)s delivery was recorded as sent.",
                "%(count)s deliveries were recorded as sent.",
                count,
            )
        messages.success(request, text % {"count": count})
        return redirect("sending:progress", issue.pk)
