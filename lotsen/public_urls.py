"""Public pages of the network: no login, only what is public or consented."""

app_name = "public"

urlpatterns: list = []
