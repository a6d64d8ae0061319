"""Photos of event reports: the workspace page to upload, describe and order them, the page that
confirms a deletion, and the image file itself for the public calendar and the workspace.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, TemplateView

from events.models import EventReport, ReportPhoto
from events.photos import services as photo_services
from events.photos.forms import PhotoFormSet, PhotoUploadForm
from events.workspace.views import EventScopedMixin
from lotsen.core.workspace import ScopedObjectMixin


class ReportPhotosView(EventScopedMixin, TemplateView):
    """The photos of an event's report: upload (one at a time), describe, order; no JavaScript.

    Two forms post here, told apart by ``action``: ``upload`` adds a photo, ``save`` saves the
    descriptions and positions of all photos at once.
    """

    permission_required = "events.add_reportphoto"
    template_name = "events/reportphoto_list.html"

    def permission_object(self):
        self.report = EventReport.objects.filter(event=self.event).first()
        return ReportPhoto(report=self.report or EventReport(event=self.event))

    def photos(self):
        return ReportPhoto.objects.filter(report=self.report).order_by("position", "pk")

    def get_context_data(self, **kwargs):
        if self.report is not None:
            if "formset" not in kwargs:
                kwargs["formset"] = PhotoFormSet(queryset=self.photos(), prefix="photos")
            count = len(kwargs["formset"].get_queryset())
            if "upload_form" not in kwargs and count < photo_services.MAX_PHOTOS:
                kwargs["upload_form"] = PhotoUploadForm(prefix="upload")
            kwargs["photo_count"] = count
        return super().get_context_data(
            report=self.report,
            max_photos=photo_services.MAX_PHOTOS,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        if self.report is None:
            messages.error(request, _("Please write and save the report before adding photos."))
            return redirect("events:report", self.event.pk)
        if request.POST.get("action") == "save":
            return self.save_photos()
        return self.upload()

    def upload(self):
        form = PhotoUploadForm(self.request.POST, self.request.FILES, prefix="upload")
        if form.is_valid():
            try:
                photo = photo_services.add_photo(report=self.report, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(self.request, _("The photo “%s” was added.") % photo)
                return redirect("events:photos", self.event.pk)
        return self.render_to_response(self.get_context_data(upload_form=form))

    def save_photos(self):
        if not self.request.user.has_perm(
            "events.change_reportphoto", ReportPhoto(report=self.report)
        ):
            raise PermissionDenied
        formset = PhotoFormSet(self.request.POST, queryset=self.photos(), prefix="photos")
        if formset.is_valid():
            photo_services.update_photos(formset=formset)
            messages.success(self.request, _("The descriptions and the order were saved."))
            return redirect("events:photos", self.event.pk)
        return self.render_to_response(self.get_context_data(formset=formset))


class DeletePhotoView(ScopedObjectMixin, DetailView):
    """GET asks to confirm; POST deletes the photo and its file."""

    permission_required = "events.delete_reportphoto"
    model = ReportPhoto
    template_name = "events/reportphoto_confirm_delete.html"
    context_object_name = "photo"

    def get_queryset(self):
        return super().get_queryset().select_related("report__event")

    def post(self, request, *args, **kwargs):
        photo = self.get_object()
        event = photo.report.event
        photo_services.delete_photo(photo=photo)
        messages.success(request, _("The photo “%s” was deleted.") % photo)
        return redirect("events:photos", event.pk)


class ReportPhotoView(View):
    """A report's photo: for everyone when the event is public, otherwise only for those who
    may see the event in the workspace or, as members, in the calendar; a 404 for everyone
    else, as if there were none.
    """

    def get(self, request, pk):
        photo = get_object_or_404(ReportPhoto.objects.select_related("report__event"), pk=pk)
        event = photo.report.event
        if not event.is_public and not (
            request.user.has_perm("events.view_event", event)
            or request.user.has_perm("events.view_internal_event", event)
        ):
            raise Http404
        try:
            image = photo.image.open("rb")
        except FileNotFoundError as error:
            raise Http404 from error
        response = FileResponse(image, content_type="image/jpeg")
        if event.is_public:
            patch_cache_control(response, public=True, max_age=600)
        else:
            patch_cache_control(response, private=True, no_store=True)
        # Stored files are always re-encoded JPEGs; a browser must never read them as anything
        # else, whatever the security settings say.
        response["X-Content-Type-Options"] = "nosniff"
        return response
