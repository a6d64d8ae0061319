"""Guides: the coordinators' guide pages, and each guide's own profile."""

app_name = "guides"

urlpatterns: list = []
