from django.urls import path

from lotsen.api import views

app_name = "tokens"
urlpatterns = [
    path("account/api-tokens/", views.tokens, name="list"),
    path("account/api-tokens/<int:pk>/revoke/", views.revoke, name="revoke"),
]
