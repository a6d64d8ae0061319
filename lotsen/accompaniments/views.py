"""The accompaniments' pages.

- The guide's own: the list of their entries, the short form to record one, and the same form
  to correct one. Another guide's entry is a 404.
- Workspace: coordinators list their regions' entries without the guide's name (the list is
  about the work, not the person); opening one entry shows who recorded it and its history.
- The impact page: the suppressed figures per region and period, with a chart and CSV/XLSX.
"""

import datetime
import operator

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView, ListView, TemplateView
from django.views.generic.edit import FormView

from lotsen.accompaniments import services
from lotsen.accompaniments.charts import kinds_svg
from lotsen.accompaniments.figures import Impact, Span, impact
from lotsen.accompaniments.forms import AccompanimentForm, ImpactFilterForm
from lotsen.accompaniments.selectors import accompaniments_for, impact_regions
from lotsen.core.audit import history_of
from lotsen.core.charts import data_url
from lotsen.core.exports import csv_response, xlsx_response
from lotsen.core.workspace import ScopedObjectMixin, WorkspaceMixin
from lotsen.models.accompaniments import Accompaniment

# --- The guide's own entries ----------------------------------------------------------------


class MyAccompanimentsView(WorkspaceMixin, ListView):
    permission_required = "lotsen.add_accompaniment"
    template_name = "lotsen/accompaniments/mine.html"
    context_object_name = "accompaniments"
    paginate_by = 50

    def get_queryset(self):
        return accompaniments_for(self.request.user).filter(guide__user=self.request.user)


class AccompanimentFormView(WorkspaceMixin, FormView):
    permission_required = "lotsen.add_accompaniment"
    form_class = AccompanimentForm
    template_name = "lotsen/accompaniments/form.html"
    object: Accompaniment | None = None

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "instance": self.object,
            "guide": self.request.user.guide,
        }

    def get_initial(self):
        # "Record the accompaniment" on an accepted request's page links here with its number;
        # the form offers only the guide's own accepted requests, so any other number is ignored.
        referral = self.request.GET.get("referral", "")
        return {"referral": int(referral)} if referral.isdigit() and len(referral) < 10 else {}

    def get_context_data(self, **kwargs):
        return super().get_context_data(accompaniment=self.object, **kwargs)

    def form_valid(self, form):
        try:
            self.object = services.save_accompaniment(form=form, user=self.request.user)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return HttpResponseRedirect(reverse("accompaniments:mine"))


class AccompanimentCreateView(AccompanimentFormView):
    success_message = _("The accompaniment was recorded. Thank you!")


class AccompanimentUpdateView(AccompanimentFormView):
    success_message = _("Your changes to the accompaniment were saved.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and self.has_permission():
            # Only the guide's own entries exist here: anyone else's is a 404.
            own = accompaniments_for(request.user).filter(guide__user=request.user)
            self.object = get_object_or_404(own, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)


# --- Workspace ------------------------------------------------------------------------------


class AccompanimentListView(WorkspaceMixin, ListView):
    permission_required = "lotsen.view_accompaniment"
    template_name = "lotsen/accompaniments/list.html"
    context_object_name = "accompaniments"
    paginate_by = 50

    def get_queryset(self):
        return accompaniments_for(self.request.user)


class AccompanimentDetailView(ScopedObjectMixin, DetailView):
    permission_required = "lotsen.view_accompaniment"
    model = Accompaniment
    template_name = "lotsen/accompaniments/detail.html"
    context_object_name = "accompaniment"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("guide", "region", "sector", "language", "referral")
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(history=history_of(self.object), **kwargs)


def _span_text(span: Span) -> str:
    start = formats.date_format(span.start, "SHORT_DATE_FORMAT")
    end = formats.date_format(span.end, "SHORT_DATE_FORMAT")
    return f"{start} – {end}"


def impact_rows(figures: Impact) -> list[list]:
    """Every table of the impact figures as rows of one export: table, category, both periods."""
    rows: list[list] = [
        [gettext("Key figures"), gettext("Accompaniments"), figures.count, figures.count_before],
        [gettext("Key figures"), gettext("Volunteer hours"), figures.hours, figures.hours_before],
    ]
    for breakdown in figures.breakdowns:
        rows += [[breakdown.title, *row] for row in breakdown.rows]
        rows.append([breakdown.title, gettext("Total"), *breakdown.total])
    for region in figures.regions:
        rows.append([gettext("Accompaniments by region"), region.name, region.count,
                     region.count_before])  # fmt: skip
        rows.append([gettext("Volunteer hours by region"), region.name, region.hours,
                     region.hours_before])  # fmt: skip
    return rows


class ImpactView(WorkspaceMixin, TemplateView):
    permission_required = "lotsen.view_impact"
    template_name = "lotsen/accompaniments/impact.html"

    def get(self, request, *args, **kwargs):
        regions = impact_regions(request.user)
        form = ImpactFilterForm(request.GET or None, regions=regions)
        start, end = form.span()
        period = Span(start, end)
        previous_end = start - datetime.timedelta(days=1)
        previous = Span(previous_end - (end - start), previous_end)
        chosen = form.cleaned_data.get("region") if form.is_valid() else None
        records = accompaniments_for(request.user)
        if chosen:
            records = records.filter(region=chosen)
        figures = impact(records, period, previous)
        kind = request.GET.get("export")
        if kind in ("csv", "xlsx"):
            columns = [
                (gettext("Table"), operator.itemgetter(0)),
                (gettext("Category"), operator.itemgetter(1)),
                (_span_text(period), operator.itemgetter(2)),
                (_span_text(previous), operator.itemgetter(3)),
            ]
            writer = csv_response if kind == "csv" else xlsx_response
            filename = gettext("impact") + f"_{start:%Y-%m-%d}_{end:%Y-%m-%d}"
            response = writer(filename, columns, impact_rows(figures))
            return response
        period_text, previous_text = _span_text(period), _span_text(previous)
        context = self.get_context_data(
            form=form,
            figures=figures,
            period_text=period_text,
            previous_text=previous_text,
            chart=data_url(kinds_svg(figures.breakdown("kind"))),
            query=request.GET.urlencode(),
            **kwargs,
        )
        return self.render_to_response(context)
