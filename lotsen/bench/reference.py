"""The benchmark's reference page: what any page of the portal costs at least.

Fifty rows of the guides' table from one query, rendered through the same middleware and the
same base template as every page. ``manage.py bench`` measures it beside the real pages in the
same run and states each page's median as a multiple of it, a figure that means the same on a
busy machine as on an idle one. Served only by the benchmark's own URL configuration
(lotsen.bench.urls), never by the portal's.
"""

from django.shortcuts import render

from lotsen.models.guides import Guide

ROWS = 50


def reference(request):
    guides = Guide.objects.select_related("region").order_by("pk")[:ROWS]
    return render(request, "bench/reference.html", {"guides": guides})
