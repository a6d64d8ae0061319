"""Importing organisations and guides from the lists coordinators keep today."""

app_name = "imports"

urlpatterns: list = []
