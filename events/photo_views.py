"""PLACEHOLDER: replaced by the helper that owns this module."""

from django.http import HttpResponse
from django.views import View


class ReportPhotoView(View):
    def get(self, request, *args, **kwargs):
        return HttpResponse(status=501)


class ReportPhotosView(View):
    def get(self, request, *args, **kwargs):
        return HttpResponse(status=501)


class DeletePhotoView(View):
    def get(self, request, *args, **kwargs):
        return HttpResponse(status=501)
