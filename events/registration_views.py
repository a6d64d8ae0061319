"""PLACEHOLDER: replaced by the helper that owns this module."""

from django.http import HttpResponse
from django.views import View


class RegisterView(View):
    def get(self, request, *args, **kwargs):
        return HttpResponse(status=501)


class ManageRegistrationView(View):
    def get(self, request, *args, **kwargs):
        return HttpResponse(status=501)
