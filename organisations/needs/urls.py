from django.urls import path

from organisations.needs import views

app_name = "needs"

urlpatterns = [
    path("bedarfsermittlung/<str:token>/", views.AnswerView.as_view(), name="answer"),
    path("workspace/bedarfsermittlung/", views.InvitationListView.as_view(), name="list"),
    path("workspace/bedarfsermittlung/einladen/", views.InviteView.as_view(), name="invite"),
    path("workspace/bedarfsermittlung/ergebnisse/", views.ResultsView.as_view(), name="results"),
]
