from django.urls import path

from lotsen.retention import views

app_name = "retention"

urlpatterns = [
    path("workspace/retention/", views.ScheduleView.as_view(), name="schedule"),
]
