"""Workspace pages of regions: figures, cooperation status timeline, partners."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, FormView, ListView

from events.workspace.selectors import upcoming_events_for
from lotsen.core.audit import history_of_records
from lotsen.core.dates import short_date
from lotsen.core.search import german
from lotsen.core.workspace import ScopedObjectMixin, WorkspaceMixin
from lotsen.models.guides import GuideStatus
from regions.scope.selectors import regions_for
from regions.workspace import selectors
from regions.workspace.forms import CooperationStatusForm
from regions.workspace.services import set_cooperation_status


class RegionListView(WorkspaceMixin, ListView):
    permission_required = "regions.view_region"
    template_name = "regions/region_list.html"
    paginate_by = 50

    def get_queryset(self):
        return regions_for(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Figures for the regions of this page only, in a fixed number of queries.
        page = context["object_list"]
        figures = selectors.figures_by_region(
            regions_for(self.request.user).filter(pk__in=[r.pk for r in page])
        )
        for region in page:
            region.figures = figures.get(region.pk, selectors.RegionFigures())
        context.update(guide_statuses=GuideStatus.choices, today=timezone.localdate())
        return context


class RegionDetailView(ScopedObjectMixin, DetailView):
    permission_required = "regions.view_region"
    template_name = "regions/region_detail.html"
    context_object_name = "region"

    def get_queryset(self):
        return regions_for(self.request.user)

    def get_context_data(self, **kwargs):
        region = self.object
        user = self.request.user
        figures = selectors.figures_by_region(regions_for(user).filter(pk=region.pk))
        status_form = None
        if user.has_perm("regions.change_status_region", region):
            status_form = CooperationStatusForm(initial={"status": region.status})
        return super().get_context_data(
            figures=figures.get(region.pk, selectors.RegionFigures()),
            timeline=selectors.status_timeline(region),
            agencies=region.agencies.active().order_by(german("name")),
            organisations=region.organisations.active()
            .annotate(contact_count=Count("contact_persons"))
            .order_by(german("name")),
            events=upcoming_events_for(user, region=region),
            guide_statuses=GuideStatus.choices,
            status_form=status_form,
            history=history_of_records(region, region.status_changes.all()),
            **kwargs,
        )


class RegionStatusView(WorkspaceMixin, FormView):
    """Record a change of the region's cooperation status (date, status, note)."""

    permission_required = "regions.change_status_region"
    form_class = CooperationStatusForm
    template_name = "regions/region_status_form.html"

    def has_permission(self) -> bool:
        user = self.request.user
        if not user.has_perm(self.permission_required):
            return False
        self.region = get_object_or_404(regions_for(user), slug=self.kwargs["slug"])
        return user.has_perm(self.permission_required, self.region)

    def get_initial(self):
        return {"status": self.region.status}

    def get_context_data(self, **kwargs):
        return super().get_context_data(region=self.region, **kwargs)

    def form_valid(self, form):
        try:
            entry = set_cooperation_status(
                region=self.region,
                status=form.cleaned_data["status"],
                valid_from=form.cleaned_data["valid_from"],
                note=form.cleaned_data["note"],
                recorded_by=self.request.user,
            )
        except ValidationError as error:
            field = "valid_from" if error.code == "future_status_change" else None
            form.add_error(field, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The cooperation status of %(region)s is “%(status)s” from %(day)s on.")
            % {
                "region": self.region,
                "status": entry.get_status_display(),
                "day": short_date(entry.valid_from),
            },
        )
        return redirect("regions:detail", slug=self.region.slug)
