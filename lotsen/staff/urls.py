"""Staff accounts in the workspace (Landeskoordination only)."""

from django.urls import path

from lotsen.staff import views

app_name = "staff"

urlpatterns = [
    path("workspace/staff/", views.StaffListView.as_view(), name="list"),
    path("workspace/staff/invite/", views.InviteView.as_view(), name="invite"),
    path("workspace/staff/<int:pk>/", views.AccountDetailView.as_view(), name="detail"),
    path("workspace/staff/<int:pk>/edit/", views.AccountEditView.as_view(), name="edit"),
    path(
        "workspace/staff/<int:pk>/resend/",
        views.ResendInvitationView.as_view(),
        name="resend-invitation",
    ),
    path("workspace/staff/<int:pk>/deactivate/", views.DeactivateView.as_view(), name="deactivate"),
    path("workspace/staff/<int:pk>/reactivate/", views.ReactivateView.as_view(), name="reactivate"),
    path("workspace/staff/<int:pk>/unlock/", views.UnlockView.as_view(), name="unlock"),
]
