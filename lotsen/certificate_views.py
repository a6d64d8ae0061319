"""PLACEHOLDER: replaced by the helper that owns this module."""

from django.http import HttpResponse
from django.views import View


class CertificateView(View):
    def get(self, request, *args, **kwargs):
        return HttpResponse(status=501)
