"""A guide's certificate of attendance (Teilnahmebescheinigung) for a training at an event."""

from django.conf import settings
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext
from django.views import View

from events.attendance import organiser_names
from lotsen.models import CompletedTraining
from lotsen.pdf import pdf_response, render_pdf
from lotsen.permissions import visible_to
from lotsen.workspace import WorkspaceMixin


class CertificateView(WorkspaceMixin, View):
    """The PDF for one training a guide completed at a portal event.

    Guides reach their own trainings, coordinators those of their regions' guides: anything
    else, and a training recorded without an event, is a 404.
    """

    permission_required = "lotsen.view_certificate"

    def has_permission(self) -> bool:
        user = self.request.user
        workspace = visible_to(user, CompletedTraining.objects.all()).values("pk")
        trainings = CompletedTraining.objects.filter(
            Q(pk__in=workspace) | Q(guide__user=user), event__isnull=False
        ).select_related("guide", "event")
        self.training = get_object_or_404(trainings, pk=self.kwargs["pk"])
        return user.has_perm(self.permission_required, self.training)

    def get(self, request, *args, **kwargs):
        training = self.training
        guide, event = training.guide, training.event
        # In German, the network's language: a guide's profile records no language of its own.
        lang = settings.LANGUAGE_CODE
        with translation.override(lang):
            title = gettext("Certificate of attendance – %(name)s") % {"name": guide.full_name}
            pdf = render_pdf(
                "pdf/certificate.html",
                {
                    "guide": guide,
                    "event": event,
                    "training": training,
                    "organisers": organiser_names(event),
                    "same_day": timezone.localdate(event.starts_at)
                    == timezone.localdate(event.ends_at),
                    # The name alone is what templates/pdf/base.html puts into the metadata.
                    "publisher": settings.PUBLISHER["name"],
                    "imprint": settings.PUBLISHER,
                },
                title=title,
                lang=lang,
            )
        day = timezone.localdate(event.starts_at).isoformat()
        name = slugify(guide.full_name) or "lotse"
        return pdf_response(pdf, f"teilnahmebescheinigung-{name}-{day}.pdf")
