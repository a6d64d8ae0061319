"""Working groups (Facharbeitskreise)."""

from django.urls import path

from lotsen.groups import views

app_name = "groups"

urlpatterns = [
    path("groups/", views.GroupListView.as_view(), name="list"),
    path("groups/<int:pk>/", views.GroupDetailView.as_view(), name="detail"),
    path("workspace/groups/new/", views.GroupFormView.as_view(), name="create"),
    path("workspace/groups/<int:pk>/edit/", views.GroupFormView.as_view(), name="update"),
]
