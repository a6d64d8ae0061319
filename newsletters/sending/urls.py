from django.urls import path

from newsletters.sending import views

app_name = "sending"
urlpatterns = [
    path(
        "workspace/newsletter/issues/<int:pk>/sending/",
        views.ProgressView.as_view(),
        name="progress",
    ),
    path(
        "workspace/newsletter/issues/<int:pk>/sending/resend-unclear/",
        views.ResolveUnclearView.as_view(action="resend"),
        name="resend-unclear",
    ),
    path(
        "workspace/newsletter/issues/<int:pk>/sending/mark-unclear-sent/",
        views.ResolveUnclearView.as_view(action="mark_sent"),
        name="mark-unclear-sent",
    ),
]
