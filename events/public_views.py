"""PLACEHOLDER: replaced by the helper that owns this module."""

from django.http import HttpResponse
from django.views import View


class UpcomingView(View):
    def get(self, request, *args, **kwargs):
        return HttpResponse(status=501)


class MonthView(View):
    def get(self, request, *args, **kwargs):
        return HttpResponse(status=501)


class ArchiveView(View):
    def get(self, request, *args, **kwargs):
        return HttpResponse(status=501)


class EventView(View):
    def get(self, request, *args, **kwargs):
        return HttpResponse(status=501)


def event_ics(request, *args, **kwargs):
    return HttpResponse(status=501)


def feed(request, *args, **kwargs):
    return HttpResponse(status=501)


def region_feed(request, *args, **kwargs):
    return HttpResponse(status=501)


def kind_feed(request, *args, **kwargs):
    return HttpResponse(status=501)
