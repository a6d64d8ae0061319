"""The retention schedule and its last runs, for the Landeskoordination only."""

from django.views.generic import TemplateView

from lotsen.core.workspace import WorkspaceMixin
from lotsen.retention import selectors
from lotsen.retention.schedule import SCHEDULE


class ScheduleView(WorkspaceMixin, TemplateView):
    # Not in lotsen.core.permissions.RULES: the Landeskoordination alone, like every model
    # permission nobody else is granted.
    permission_required = "lotsen.view_retentionrun"
    template_name = "lotsen/retention/schedule.html"

    def get_context_data(self, **kwargs):
        runs = [(run, selectors.counts_of(run)) for run in selectors.last_runs()]
        return super().get_context_data(schedule=SCHEDULE, runs=runs, **kwargs)
