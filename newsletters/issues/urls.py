"""Workspace pages for composing the newsletter's issues."""

from django.urls import path

from newsletters.issues import views

app_name = "issues"

ISSUE = "workspace/newsletter/issues/<int:pk>"
ITEM = "workspace/newsletter/items/<int:pk>"

urlpatterns = [
    path("workspace/newsletter/issues/", views.IssueListView.as_view(), name="list"),
    path("workspace/newsletter/issues/new/", views.IssueCreateView.as_view(), name="create"),
    path(f"{ISSUE}/", views.IssueDetailView.as_view(), name="detail"),
    path(f"{ISSUE}/edit/", views.IssueUpdateView.as_view(), name="update"),
    path(
        f"{ISSUE}/items/new/<str:section>/",
        views.ItemCreateView.as_view(),
        name="item-create",
    ),
    path(f"{ITEM}/edit/", views.ItemUpdateView.as_view(), name="item-update"),
    path(f"{ITEM}/delete/", views.ItemDeleteView.as_view(), name="item-delete"),
    path(f"{ITEM}/move/", views.ItemMoveView.as_view(), name="item-move"),
    path(f"{ISSUE}/take-report/", views.TakeReportView.as_view(), name="take-report"),
    path(f"{ISSUE}/fill-dates/", views.FillDatesView.as_view(), name="fill-dates"),
    path(f"{ISSUE}/approve/", views.ApproveView.as_view(), name="approve"),
    path(f"{ISSUE}/schedule/", views.ScheduleView.as_view(), name="schedule"),
    path(f"{ISSUE}/reopen/", views.ReopenView.as_view(), name="reopen"),
    path(f"{ISSUE}/send/", views.SendNowView.as_view(), name="send"),
]
