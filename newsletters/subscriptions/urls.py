"""PLACEHOLDER: helper E replaces this."""

app_name = "subscriptions"
urlpatterns = []
