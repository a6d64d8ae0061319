"""The needs assessment (Bedarfsermittlung): the organisation's personal link and the
coordinators' pages.

- ``/bedarfsermittlung/<token>/``: the questionnaire of one invitation, without an account.
  GET shows it (mail scanners open links, so GET never changes anything), POST saves a draft
  ("Zwischenspeichern") or submits once ("Absenden"). After the submission the page shows the
  answers read-only. An unknown token is a 404, an expired link a 410 page. Rate limited per
  address, so the link cannot be used to hammer the database.
- Workspace: coordinators invite the organisations of their regions and read the results of
  their regions, the Landeskoordination of all.
"""

import re

import pygal
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView
from django_filters.views import FilterView

from lotsen.core.charts import config, data_url
from lotsen.core.exports import csv_response, xlsx_response
from lotsen.core.filters import id_or_none
from lotsen.core.search import german
from lotsen.core.throttle import link_guessing_refused
from lotsen.core.workspace import FilteredListMixin, WorkspaceMixin
from organisations.models import MigrantOrganisation, QuestionKind
from organisations.needs import selectors, services
from organisations.needs.filters import NeedsInvitationFilter, NeedsResultFilter
from organisations.needs.forms import AnswerForm, InviteForm
from regions.scope.selectors import regions_of

TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")


# --- Public: the organisation's personal link ---------------------------------------------------


class AnswerView(View):
    template_name = "organisations/needs/answer.html"

    def dispatch(self, request, *args, **kwargs):
        refused = link_guessing_refused(request, "needs")
        if refused is not None:
            response = refused
        else:
            token = kwargs["token"]
            invitation = selectors.invitation_for_token(token) if TOKEN.fullmatch(token) else None
            if invitation is None:
                raise Http404
            self.invitation = invitation
            if invitation.is_expired() and not invitation.is_submitted:
                response = render(
                    request,
                    "organisations/needs/expired.html",
                    {"invitation": invitation},
                    status=410,
                )
            else:
                response = super().dispatch(request, *args, **kwargs)
        add_never_cache_headers(response)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def _form(self, data=None) -> AnswerForm:
        invitation = self.invitation
        return AnswerForm(
            data,
            questions=selectors.questions_of(invitation.version),
            answers=selectors.answers_of(invitation),
            read_only=invitation.is_submitted,
        )

    def get(self, request, token):
        return self._page(request, self._form())

    def post(self, request, token):
        invitation = self.invitation
        if invitation.is_submitted:
            messages.error(
                request,
                _("This questionnaire has already been submitted and can no longer be changed."),
            )
            return self._page(request, self._form(), status=409)
        form = self._form(request.POST)
        if not form.is_valid():
            return self._page(request, form, status=400)
        submit = request.POST.get("action") == "submit"
        try:
            services.save_answers(invitation=invitation, values=form.values(), submit=submit)
        except services.NeedsError as error:
            form.add_error(None, error)
            return self._page(request, form, status=400)
        if submit:
            messages.success(request, _("Thank you! Your answers have been submitted."))
        else:
            messages.success(
                request,
                _("Your answers have been saved. You can come back with the same link and "
                  "submit them later."),
            )  # fmt: skip
        return redirect("needs:answer", invitation.token)

    def _page(self, request, form, status: int = 200):
        return render(
            request,
            self.template_name,
            {"invitation": self.invitation, "form": form},
            status=status,
        )


# --- Workspace: invitations ---------------------------------------------------------------------


class InvitationListView(WorkspaceMixin, FilteredListMixin, FilterView):
    permission_required = "organisations.view_needsinvitation"
    filterset_class = NeedsInvitationFilter
    template_name = "organisations/needs/invitation_list.html"
    paginate_by = 50

    def get_queryset(self):
        return selectors.invitations_for(self.request.user)

    def get_context_data(self, **kwargs):
        return super().get_context_data(version=selectors.current_version(), **kwargs)


# More invitable organisations than this are offered one region at a time.
INVITE_LIST_LIMIT = 150


class InviteView(WorkspaceMixin, FormView):
    permission_required = "organisations.add_needsinvitation"
    form_class = InviteForm
    template_name = "organisations/needs/invite.html"

    def dispatch(self, request, *args, **kwargs):
        self.version = selectors.current_version()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        organisations = (
            selectors.invitable_organisations(self.request.user, self.version)
            if self.version
            else MigrantOrganisation.objects.none()
        )
        self.regions = regions_of(self.request.user).order_by(german("name"))
        self.region = self.regions.filter(pk=id_or_none(self.request.GET.get("region"))).first()
        if self.region is not None:
            organisations = organisations.filter(region=self.region)
        # Thousands of checkboxes help nobody: beyond a page of them, a region is chosen first.
        self.choose_region_first = (
            self.region is None
            and organisations[: INVITE_LIST_LIMIT + 1].count() > INVITE_LIST_LIMIT
        )
        if self.choose_region_first:
            organisations = organisations.none()
        return {**super().get_form_kwargs(), "organisations": organisations}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(version=self.version, **kwargs)  # builds the form
        return {
            **context,
            "regions": self.regions,
            "region": self.region,
            "choose_region_first": self.choose_region_first,
        }

    def form_valid(self, form):
        if self.version is None:
            form.add_error(None, _("There is no questionnaire to send yet."))
            return self.form_invalid(form)
        chosen = form.cleaned_data["organisations"]
        user = self.request.user
        if not all(user.has_perm("organisations.add_needsinvitation", o) for o in chosen):
            raise PermissionDenied
        try:
            created = services.invite(
                version=self.version,
                organisations=chosen,
                invited_by=user,
                base_url=self.request.build_absolute_uri("/").rstrip("/"),
            )
        except services.NeedsError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(count)s invitations have been sent.") % {"count": len(created)},
        )
        return HttpResponseRedirect(reverse("needs:list"))


# --- Workspace: results -------------------------------------------------------------------------

DIMENSION_LABELS = {
    "region": gettext_lazy("Region"),
    "community": gettext_lazy("Community"),
    "thematic_field": gettext_lazy("Thematic field"),
}


def _counts_axis(top: int) -> list[int]:
    # Whole organisations only: pygal would otherwise mark 0.2, 0.4, ... on a small chart.
    step = max(1, -(-top // 5))
    return list(range(0, max(top, 1) + step, step))


def _chart(result) -> str:
    """The question's answers as a bar chart; the heading above it names the question."""
    if result.question.has_options:
        # pygal draws a horizontal chart's first label at the bottom: reversed, the bars read
        # top-down in the order of the table below.
        rows = list(reversed(result.option_rows))
        chart = pygal.HorizontalBar(
            **config(80 + 32 * len(rows), show_y_guides=False, show_legend=False)
        )
        chart.x_labels = [row[0] for row in rows]
        values = [row[2] for row in rows]
    else:
        chart = pygal.Bar(**config(240, show_x_guides=False, show_legend=False))
        chart.x_labels = [str(n) for n in range(1, 6)]
        values = result.scale_distribution
    chart.y_labels = _counts_axis(max(values, default=0))
    chart.add(_("Organisations"), values)
    return data_url(chart.render(is_unicode=True))


class ResultsView(WorkspaceMixin, FilteredListMixin, FilterView):
    """Per question, the submitted answers counted by region, community or thematic field,
    each chart beside its table; ``?export=csv`` or ``xlsx`` downloads the same figures."""

    permission_required = "organisations.view_needs_results"
    filterset_class = NeedsResultFilter
    template_name = "organisations/needs/results.html"

    def get_queryset(self):
        return selectors.invitations_for(self.request.user)

    def _figures(self):
        filterset = self.filterset
        version = filterset.chosen_version or selectors.current_version()
        if version is None or not filterset.is_valid():
            return version, [], 0
        invitations = filterset.qs
        return (
            version,
            selectors.results(version, invitations, filterset.dimension),
            selectors.submitted_count(version, invitations),
        )

    def get(self, request, *args, **kwargs):
        self.filterset = self.get_filterset(self.get_filterset_class())
        kind = request.GET.get("export")
        if kind in ("csv", "xlsx"):
            version, results, _count = self._figures()
            writer = csv_response if kind == "csv" else xlsx_response
            response = writer("bedarfsermittlung", self._export_columns(), self._rows(results))
            add_never_cache_headers(response)
            return response
        self.object_list = self.filterset.qs
        version, results, count = self._figures()
        charts = {result.question.pk: _chart(result) for result in results
                  if result.question.kind != QuestionKind.TEXT}  # fmt: skip
        context = self.get_context_data(
            filter=self.filterset,
            version=version,
            results=[(result, charts.get(result.question.pk)) for result in results],
            submitted=count,
            dimension_label=DIMENSION_LABELS[self.filterset.dimension],
        )
        return self.render_to_response(context)

    def _export_columns(self):
        return [
            (_("Question"), lambda row: row[0]),
            (_("Breakdown"), lambda row: row[1]),
            (_("Group"), lambda row: row[2]),
            (_("Answer"), lambda row: row[3]),
            (_("Organisations"), lambda row: row[4]),
            (_("Mean"), lambda row: row[5]),
        ]

    def _rows(self, results):
        dimension = str(DIMENSION_LABELS[self.filterset.dimension])
        everyone = _("all")
        for result in results:
            text = result.question.text
            if result.question.has_options:
                for label, counts, total in result.option_rows:
                    for group, count in zip(result.groups, counts, strict=True):
                        yield (text, dimension, group, label, count, "")
                    yield (text, dimension, everyone, label, total, "")
            elif result.question.kind == QuestionKind.SCALE:
                for group, count, mean in result.scale_rows:
                    shown = round(mean, 2) if mean is not None else ""
                    yield (text, dimension, group or everyone, "1–5", count, shown)
            elif result.texts_hidden:
                yield (text, dimension, everyone, _("fewer than 5 answers: not shown"), "", "")
            else:
                for answer in result.texts:
                    yield (text, dimension, everyone, answer, 1, "")
