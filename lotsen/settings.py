"""The portal's one settings module: every deployment difference comes from the environment.

With no environment at all the portal runs on the embedded default (SQLite in ``var/``, a
real Celery worker fed through a broker in a SQLite file beside it, mail to the console).
``DATABASE_URL`` and ``REDIS_URL`` switch to PostgreSQL and Redis; ``DJANGO_DEBUG=0`` plus the
production variables listed in README.md give a deployment that passes
``manage.py check --deploy``.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
env.read_env(BASE_DIR / ".env", overwrite=False)

# Everything the running portal writes (SQLite file, uploads, collected static) lives here.
VAR_DIR = Path(env.str("LOTSEN_VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = env.bool("DJANGO_DEBUG", default=True)

# A fixed key is acceptable only for the local first look; production must bring its own.
_DEV_SECRET_KEY = "django-insecure-lotsen-local-development-only"
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default=_DEV_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG=0.")

# Where the portal is reached; links in mails sent without a request (Celery) start with it.
PORTAL_URL = env.str("PORTAL_URL", default="http://127.0.0.1:8000")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "allauth",
    "allauth.account",
    "auditlog",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "rules",
    "csp",
    "lotsen",
    "regions",
    "organisations",
    "events",
    "newsletters",
    # Tools: their management commands (seed_demo; bench, bench_report, bench_newsletter).
    "lotsen.demo",
    "lotsen.bench",
    # Two-factor login (authenticator app and recovery codes).
    "allauth.mfa",
]

MIDDLEWARE = [
    "lotsen.core.middleware.PermissionsPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "lotsen.core.middleware.GermanFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
    "lotsen.accounts.middleware.RequireTwoFactorMiddleware",
]

ROOT_URLCONF = "lotsen.urls"
WSGI_APPLICATION = "lotsen.wsgi.application"
ASGI_APPLICATION = "lotsen.asgi.application"

# Selects with a thousand options (the regions of a large network) in Python, not templates.
FORM_RENDERER = "lotsen.core.renderers.FormRenderer"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lotsen.navigation.navigation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
if "DATABASE_URL" not in env.ENVIRON or not env.str("REDIS_URL", default=""):
    # The embedded default (database or broker) must work on a fresh clone, where var/ does
    # not exist yet.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the worker write to the same file. WAL lets readers go on while one
    # writes; IMMEDIATE takes the write lock when a transaction begins, so two writers queue
    # for it (up to ``timeout`` seconds) instead of one failing with "database is locked" and
    # so that a transaction's reads stay valid to the end (SQLite ignores select_for_update).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
        }
    )
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: broker and cache ----------------------------------------------------------------
REDIS_URL = env.str("REDIS_URL", default="")

# Without Redis the cache is per process. Only the web process uses it (rate limits of the
# public forms, the calendar feed keyed by its revision); no task reads or writes it, so the
# worker shares nothing through it.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "lotsen",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Celery ---------------------------------------------------------------------------------


def embedded_broker_url(var_dir: Path) -> str:
    """The embedded default's broker: kombu's SQLAlchemy transport on a SQLite file in
    ``var_dir``, which the web server and the worker (``scripts/run.sh``) both open."""
    return f"sqla+sqlite:///{Path(var_dir) / 'celery-broker.sqlite3'}"


# Unacknowledged tasks come back from Redis after this long; every retry delay stays below it.
REDIS_VISIBILITY_TIMEOUT = 3600

if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": REDIS_VISIBILITY_TIMEOUT}
else:
    from sqlalchemy.pool import NullPool

    # Tasks always go to a worker, as in production: `make run` starts one beside the web
    # server. The transport hands its options to SQLAlchemy's create_engine() (so neither a
    # visibility timeout nor a polling interval can be given; it polls once a second). No
    # connection is kept open: a pool process forked from the worker (after a time limit)
    # must never inherit one (SQLite forbids using a connection across fork()).
    CELERY_BROKER_URL = embedded_broker_url(VAR_DIR)
    CELERY_BROKER_TRANSPORT_OPTIONS = {"poolclass": NullPool, "connect_args": {"timeout": 30}}
    CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "Europe/Berlin"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    # Support measures whose follow-up day has come: their coordinators hear once per date.
    "remind-support-follow-ups": {
        "task": "organisations.support.tasks.remind_support_follow_ups",
        "schedule": crontab(hour=7, minute=30),
    },
    # Every guide whose profile was last confirmed six months ago gets one reminder.
    "remind-stale-profiles": {
        "task": "lotsen.tasks.remind_stale_profiles",
        "schedule": crontab(hour=9, minute=0),
    },
    # Participants of an event hear from us two days before it; hourly, so nobody is missed.
    "remind-event-participants": {
        "task": "events.tasks.remind_participants",
        "schedule": crontab(minute=15),
    },
    # Sign-ups nobody confirmed within 7 days are deleted (double opt-in).
    "purge-unconfirmed-subscribers": {
        "task": "newsletters.tasks.subscribers.purge_unconfirmed",
        "schedule": crontab(hour=3, minute=30),
    },
    # A week before an issue's copy deadline, coordinators of regions without an item hear
    # from us; two weeks before the issue date, the editors.
    "remind-newsletter-copy-deadline": {
        "task": "newsletters.tasks.issues.remind_copy_deadlines",
        "schedule": crontab(hour=8, minute=0),
    },
    # A scheduled issue goes out within a minute of its time.
    "send-due-newsletter-issues": {
        "task": "newsletters.tasks.sending.send_due_issues",
        "schedule": crontab(),
    },
    # An approved issue whose rendering job was lost goes back to draft with a message.
    "reset-stalled-newsletter-renderings": {
        "task": "newsletters.tasks.rendering.reset_stalled_renderings",
        "schedule": crontab(minute="*/10"),
    },
    # Re-queues deliveries whose task was lost and reports claims that never finished.
    "sweep-newsletter-deliveries": {
        "task": "newsletters.tasks.sending.sweep_deliveries",
        "schedule": crontab(minute="*/5"),
    },
    # Referral requests proposed to guides 7 days ago without an answer: the coordination
    # hears once per proposal round (the dashboard lists them anyway).
    "remind-unanswered-referrals": {
        "task": "lotsen.tasks.remind_unanswered_referrals",
        "schedule": crontab(hour=8, minute=30),
    },
    # Bounce reports in NEWSLETTER_BOUNCE_MAILBOX mark their delivery and subscriber.
    "process-newsletter-bounces": {
        "task": "newsletters.tasks.bounces.process_bounces",
        "schedule": crontab(minute="*/10"),
    },
    # Organisations invited to the needs assessment that have not answered hear again 7 and 14
    # days after the invitation, once each; expired and submitted invitations never.
    "remind-needs-invitations": {
        "task": "organisations.needs.tasks.remind_needs_invitations",
        "schedule": crontab(hour=9, minute=15),
    },
    # Deletes or anonymises what the retention schedule (lotsen/retention/schedule.py) says is
    # due, at night when nobody works with the data.
    "apply-retention-schedule": {
        "task": "lotsen.tasks.apply_retention_schedule",
        "schedule": crontab(hour=2, minute=45),
    },
    # Today's status kept on guides and regions (lotsen/core/status_history.py), as the new
    # day makes it.
    "refresh-current-statuses": {
        "task": "lotsen.tasks.refresh_current_statuses",
        "schedule": crontab(hour=0, minute=5),
    },
}

# --- Newsletter -----------------------------------------------------------------------------
# Seconds a worker may spend rendering one issue (email, text, PDF, archive page) before the
# job fails with a message instead of holding the worker.
NEWSLETTER_RENDER_TIME_LIMIT = env.int("NEWSLETTER_RENDER_TIME_LIMIT", default=120)
# Deliveries per sending task; each task sends its batch over one SMTP connection.
NEWSLETTER_BATCH_SIZE = env.int("NEWSLETTER_BATCH_SIZE", default=200)
# Backoff for temporary SMTP errors: doubles from the first delay, capped by the last, which
# must stay below the broker's visibility timeout (or Redis would hand the task out twice).
NEWSLETTER_RETRY_DELAYS = (30, 900)
# Bounces: with an address here (bounces@example.org) every copy goes out with its own
# envelope sender bounces+<signed delivery token>@example.org (VERP), so a bounce report names
# its delivery; unset, the envelope sender is DEFAULT_FROM_EMAIL. The mail server must deliver
# bounces+anything@ to the mailbox below (Postfix: recipient_delimiter = +).
NEWSLETTER_BOUNCE_ADDRESS = env.str("NEWSLETTER_BOUNCE_ADDRESS", default="")
# Where the bounce reports arrive, read every ten minutes: maildir:///var/mail/bounces or
# imaps://user:password@host/INBOX. Unset: no reports are read.
NEWSLETTER_BOUNCE_MAILBOX = env.str("NEWSLETTER_BOUNCE_MAILBOX", default="")
# The newsletter's List-Id (RFC 2919), by which mail clients and filters recognise the list:
# "Newsletter <newsletter.lotsen.example.org>". Unset: "Newsletter <newsletter.HOST>" with the
# host of PORTAL_URL. Keep it once chosen, or subscribers' filters stop matching.
NEWSLETTER_LIST_ID = env.str("NEWSLETTER_LIST_ID", default="")

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "lotsen.User"
AUTHENTICATION_BACKENDS = [
    "allauth.account.auth_backends.AuthenticationBackend",
    # Lets anonymous users' has_perm() go through the same rules as everyone else's.
    "rules.permissions.ObjectPermissionBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "home"

ACCOUNT_ADAPTER = "lotsen.accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Lotsen-Portal] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"

# Two-factor login (allauth.mfa): an authenticator app (TOTP) or a security key (WebAuthn),
# plus recovery codes. Required for the Landeskoordination and coordinators when
# LOTSEN_REQUIRE_2FA is on: by default in production, not on the embedded default with its demo
# logins (lotsen/accounts/middleware.py).
LOTSEN_REQUIRE_2FA = env.bool("LOTSEN_REQUIRE_2FA", default=not DEBUG)
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
# Browsers offer security keys only to https origins and to http://localhost; the check of the
# origin is relaxed for the latter only where the portal runs without https (the embedded
# default). Production always serves https.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = env.bool("LOTSEN_WEBAUTHN_INSECURE_ORIGIN", default=DEBUG)
MFA_TOTP_ISSUER = "Lotsen-Portal"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Mail -----------------------------------------------------------------------------------
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Lotsen-Portal <portal@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["lotsen.core.formats"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# --- Static and private media ---------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
# The network's logo (wide: mark and wordmark; page header, newsletter, interim report) and its
# square mark (favicon, the guide's kit, the newsletter email). Either a static file name or an
# absolute path to one file of your own, which is then served as static/brand/<file name>.
LOTSEN_LOGO = env.str("LOTSEN_LOGO", default="img/lotsen-logo.svg")
LOTSEN_LOGO_MARK = env.str("LOTSEN_LOGO_MARK", default="img/lotsen-mark.svg")
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "lotsen.core.branding.BrandFinder",
]
# Uploads and generated reports are personal or internal: they live outside STATIC_ROOT and
# no URL pattern serves MEDIA_ROOT; views hand out single files after a permission check.
MEDIA_ROOT = Path(env.str("DJANGO_MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# --- Security -------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
# Container health checks talk plain HTTP to the app itself.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = 0 if DEBUG else env.int("DJANGO_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
if env.bool("DJANGO_BEHIND_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# --- Publisher ------------------------------------------------------------------------------
# Named on every printed document (signature lists, certificates, newsletter, interim report):
# funders of the network ask for their funding notice on each of them.
PUBLISHER = {
    "name": env.str(
        "PUBLISHER_NAME", default="MOZAIK gGmbH – landesweite Koordinierungsstelle (Demo)"
    ),
    "address": env.str("PUBLISHER_ADDRESS", default="Herforder Str. 46, 33602 Bielefeld"),
    # The newsletter's "Ansprechpartner" line.
    "contact": env.str(
        "PUBLISHER_CONTACT",
        default="Cemalettin Özer (Projektleitung), Telefon +49 (0)521 / 329 70 9-0",
    ),
    # The Landeskoordination's address for the public: named in the Impressum (§ 5 DDG asks
    # for one) and the recipient of the accessibility feedback form.
    "email": env.str("PUBLISHER_EMAIL", default="kontakt@demo.lotsen.de"),
    "funding_notice": env.str(
        "PUBLISHER_FUNDING_NOTICE",
        default=(
            "Das Förderprogramm „Integration durch Qualifizierung (IQ)“ wird finanziert durch "
            "das Bundesministerium für Arbeit und Soziales, das Bundesministerium für Bildung "
            "und Forschung und die Bundesagentur für Arbeit."
        ),
    ),
}

# --- Change history -------------------------------------------------------------------------
# Personal data in the history is kept no longer than the records themselves (lotsen/core/audit.py).
AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = True

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # WeasyPrint narrates every rendering step at INFO; its warnings (a refused URL) stay.
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        # flufl.bounce names every detector it tries, for every bounce report, at INFO.
        "flufl.bounce": {"level": "WARNING"},
    },
}

# --- JSON API (/api/v1/) --------------------------------------------------------------------
# Building blocks in lotsen.core.api; endpoints in each app's api package. JSON only: the
# browsable API's pages would need inline scripts the CSP forbids.
API_RATES = {
    "anonymous": env.str("API_RATE_ANONYMOUS", default="120/minute"),
    "token": env.str("API_RATE_TOKEN", default="600/minute"),
}
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["lotsen.core.api.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["lotsen.core.api.permissions.TokenScopePermission"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_THROTTLE_CLASSES": [
        "lotsen.core.api.throttles.AnonymousThrottle",
        "lotsen.core.api.throttles.TokenThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": API_RATES,
    "DEFAULT_PAGINATION_CLASS": "lotsen.core.api.pagination.Cursor",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "lotsen.core.api.problems.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DATETIME_FORMAT": "iso-8601",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Lotsen portal API",
    "DESCRIPTION": "Public data of the network and, with a personal token, the workspace lists.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "lotsen.core.api.schema.add_problem_responses",
    ],
    "ENUM_NAME_OVERRIDES": {
        "EventKindEnum": "events.models.EventKind",
        "RegionKindEnum": "regions.models.RegionKind",
        "RegistrationStatusEnum": "events.models.RegistrationStatus",
        "CooperationStatusEnum": "regions.models.CooperationStatus",
    },
}
