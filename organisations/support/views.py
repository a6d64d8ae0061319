"""Workspace views of support measures (Schulung, Coaching, Tandem) and their follow-ups."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import CreateView, UpdateView, View
from django.views.generic.detail import SingleObjectMixin

from lotsen.core.permissions import visible_to
from lotsen.core.workspace import ScopedObjectMixin, WorkspaceMixin
from organisations.models import MigrantOrganisation, SupportMeasure
from organisations.support import services
from organisations.support.forms import SupportMeasureForm


class MeasureFormMixin:
    model = SupportMeasure
    form_class = SupportMeasureForm
    template_name = "organisations/support/supportmeasure_form.html"
    success_message = ""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        try:
            self.object = services.save_measure(form=form)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message % {"object": self.object})
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self):
        return self.object.organisation.get_absolute_url() + "#support-heading"


class SupportMeasureCreateView(MeasureFormMixin, WorkspaceMixin, CreateView):
    permission_required = "organisations.add_supportmeasure"
    success_message = _("The support measure “%(object)s” was recorded.")

    def has_permission(self) -> bool:
        user = self.request.user
        if not user.has_perm(self.permission_required):
            return False
        self.organisation = get_object_or_404(
            visible_to(user, MigrantOrganisation.objects.all()), pk=self.kwargs["pk"]
        )
        return user.has_perm(
            self.permission_required, SupportMeasure(organisation=self.organisation)
        )

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = SupportMeasure(organisation=self.organisation)
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(organisation=self.organisation, **kwargs)


class SupportMeasureUpdateView(MeasureFormMixin, ScopedObjectMixin, UpdateView):
    permission_required = "organisations.change_supportmeasure"
    success_message = _("Your changes to “%(object)s” were saved.")

    def get_queryset(self):
        return super().get_queryset().select_related("organisation")

    def get_context_data(self, **kwargs):
        may_delete = self.request.user.has_perm("organisations.delete_supportmeasure", self.object)
        return super().get_context_data(
            organisation=self.object.organisation, may_delete=may_delete, **kwargs
        )


class SupportMeasureDeleteView(ScopedObjectMixin, SingleObjectMixin, View):
    """POST only: a measure recorded by mistake is removed; the history keeps the entry."""

    permission_required = "organisations.delete_supportmeasure"
    model = SupportMeasure
    http_method_names = ["post"]

    def post(self, request, pk):
        measure = self.get_object()
        organisation = measure.organisation
        services.delete_measure(measure=measure)
        messages.success(request, _("The support measure “%s” was removed.") % measure)
        return redirect(organisation)
