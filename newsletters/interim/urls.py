"""PLACEHOLDER: helper F replaces this."""

app_name = "reports"
urlpatterns = []
