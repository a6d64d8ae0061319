"""Messages to groups, and each account's choices for them."""

from django.urls import path

from lotsen.messages import views

app_name = "messages"

urlpatterns = [
    path("workspace/messages/", views.MessageListView.as_view(), name="list"),
    path("workspace/messages/new/", views.MessageCreateView.as_view(), name="create"),
    path("workspace/messages/<int:pk>/", views.MessageDetailView.as_view(), name="detail"),
    path("profile/messages/", views.SettingsView.as_view(), name="preferences"),
]
