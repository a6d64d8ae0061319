from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from events.api import urls as events_api
from lotsen.api import api_urls as guides_api
from lotsen.core import health, language
from lotsen.core.api import docs as api_docs
from lotsen.core.api import problems as api_problems
from lotsen.dashboard import views as dashboard
from lotsen.public import views as public
from newsletters.api import urls as newsletters_api
from organisations.api import urls as organisations_api
from regions.api import urls as regions_api

# The admin logs in through allauth, so its login gets the same verification and rate limits.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = _("Lotsen portal administration")
admin.site.site_title = _("Lotsen portal")
admin.site.index_title = _("Landeskoordination")

# The JSON API: one namespace ("api") for the endpoints of every app.
api_patterns = [
    path("schema/", api_docs.SchemaView.as_view(), name="schema"),
    path("docs/", api_docs.docs, name="docs"),
    *regions_api.urlpatterns,
    *events_api.urlpatterns,
    *organisations_api.urlpatterns,
    *guides_api.urlpatterns,
    *newsletters_api.urlpatterns,
    # Last: any other address under /api/v1/ answers with a problem, not the HTML 404 page.
    re_path(r"^.*$", api_problems.not_found),
]

urlpatterns = [
    path("", public.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("sprache/<str:code>/", language.switch_language, name="switch_language"),
    # Keeps crawlers out of the members' area and the personal feeds (which also say noindex).
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("start/", dashboard.start, name="start"),
    path("workspace/", dashboard.DashboardView.as_view(), name="dashboard"),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("lotsen.public.urls")),
    path("", include("organisations.urls")),
    path("", include("organisations.needs.urls")),
    path("", include("regions.urls")),
    path("", include("events.urls")),
    path("", include("events.calendar.urls")),
    path("", include("newsletters.subscriptions.urls")),
    path("", include("newsletters.issues.urls")),
    path("", include("newsletters.previews.urls")),
    path("", include("newsletters.archive.urls")),
    path("", include("newsletters.sending.urls")),
    path("", include("newsletters.reports.urls")),
    path("", include("lotsen.guides.urls")),
    path("", include("lotsen.imports.urls")),
    path("", include("lotsen.kit.urls")),
    path("", include("lotsen.staff.urls")),
    path("", include("lotsen.accompaniments.urls")),
    path("", include("lotsen.referrals.urls")),
    path("", include("lotsen.retention.urls")),
    path("", include("lotsen.members.urls")),
    path("", include("lotsen.legal.urls")),
    path("", include("lotsen.documents.urls")),
    path("", include("lotsen.groups.urls")),
    path("", include("lotsen.messages.urls")),
    path("", include("lotsen.contacts.urls")),
    path("", include("lotsen.api.urls")),
    path("api/v1/", include((api_patterns, "api"))),
]
