"""The portal's URLs plus the benchmark's reference page (lotsen.bench.reference)."""

from django.urls import include, path

from lotsen.bench.reference import reference

urlpatterns = [
    path("bench/reference/", reference, name="bench-reference"),
    path("", include("lotsen.urls")),
]
