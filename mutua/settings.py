"""One settings file, configured from the environment with safe defaults.

SQLite under MUTUA_DATA_DIR is the default; DATABASE_URL switches to PostgreSQL.
DEBUG is off unless asked for, so production is the default posture.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in ("1", "true", "yes", "on"):
        return True
    if value.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean, not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "")
    if value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from exc


def env_list(name: str, default: str) -> list[str]:
    return [
        part.strip()
        for part in os.environ.get(name, default).split(",")
        if part.strip()
    ]


DEBUG = env_bool("DEBUG", False)
DATA_DIR = Path(os.environ.get("MUTUA_DATA_DIR", BASE_DIR.parent / "data"))
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "insecure-development-key-" + "x" * 40  # noqa: S105
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000")
# Federation: every record names the instance it was created on.
INSTANCE_NAME = os.environ.get("MUTUA_INSTANCE", "mutua.local")
# Funding flows are converted to this currency with the stored exchange rates.
REPORTING_CURRENCY = "USD"
# IATI exports: the publisher's organisation identifier (the activity id prefix).
IATI_ORGANISATION_REF = os.environ.get("IATI_ORGANISATION_REF", "XM-MUTUA")
# IATI exports: the publisher's name in reporting-org.
IATI_ORGANISATION_NAME = os.environ.get("IATI_ORGANISATION_NAME", "Mutua")
# The Chromium that the browser tests and `benchmark-slow-links` drive
# (`make chromium` installs Debian's).
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "allauth",
    "allauth.account",
    "ninja",
    "mutua.core",
    "mutua.directory",
    "mutua.notifications",
    "mutua.exchange",
    "mutua.importing",
    "mutua.matching",
    "mutua.cooperation",
    "mutua.monitoring",
    "mutua.community",
    "mutua.calls",
    "mutua.offline",
    "mutua.demo",
    # After mutua.core, whose db_worker command replaces the library's.
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "mutua.core.middleware.security_headers",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "mutua.core.zones.reader_time_zone",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "mutua.offline.middleware.account_header",
]

FORM_RENDERER = "mutua.core.renderers.FormRenderer"
ROOT_URLCONF = "mutua.urls"
WSGI_APPLICATION = "mutua.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "mutua.notifications.context.unread",
                "mutua.offline.context.account",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'mutua.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # Writers queue instead of failing with "database is locked".
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("MUTUA_TEST_DB") or None}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
    "mutua.directory.backends.ApiTokenBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
# A registered address is answered as a new one, in the same time (see the form
# and the view). The floor is above a sign-up's own time, even on a busy server:
# Django's password hash (0.24 s on a quiet 2-core server, 0.30-0.39 s on a busy
# one, at 1,000,000 iterations) and the new account's writes; `check --deploy`
# warns when it is under twice a hash.
ACCOUNT_FORMS = {"signup": "mutua.directory.accounts.SignupForm"}
SIGNUP_ANSWER_MS = env_int("SIGNUP_ANSWER_MS", 1000)
# Brute-force lock-out: failed log-ins are limited per address and per account.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
LOGIN_REDIRECT_URL = "/"
LOGIN_URL = "/accounts/login/"

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Mutua <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LANGUAGE_CODE = "en"
# The Convention's six official languages, in the United Nations' order.
LANGUAGES = [
    ("ar", "العربية"),
    ("zh-hans", "中文"),
    ("en", "English"),
    ("fr", "Français"),
    ("ru", "Русский"),
    ("es", "Español"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
# One date format and one date-and-time format per language, used on every page.
FORMAT_MODULE_PATH = ["mutua.core.formats"]
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
# The site-wide stylesheet lives outside any app.
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded documents: never under STATIC_ROOT and with no URL of their own; a
# view serves each to those its access rule lets see it.
MEDIA_ROOT = DATA_DIR / "uploads"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# In development the finders serve the static files, and WhiteNoise looks each one
# up when it is asked for rather than listing them all whenever the middleware
# starts (which each test's client does).
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = DEBUG

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# A background job that raises is tried again after TASK_RETRY_SECONDS, then twice
# that, and so on, TASK_MAX_ATTEMPTS times in all; then it stays failed.
TASK_MAX_ATTEMPTS = env_int("TASK_MAX_ATTEMPTS", 5)
TASK_RETRY_SECONDS = env_int("TASK_RETRY_SECONDS", 30)

SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # The level is on the handler too: some libraries (bm25s) set their own
    # loggers to DEBUG, and their records would otherwise all be printed.
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "level": os.environ.get("LOG_LEVEL", "INFO"),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Offers and opportunities: days before expiry when the owner is reminded to renew.
RENEWAL_REMINDER_DAYS = env_int("RENEWAL_REMINDER_DAYS", 14)
PAGE_SIZE = 20
# Facet counts of the public lists are kept in the "facets" cache (each process's
# memory) until a record changes, or at most this long.
FACET_CACHE_SECONDS = env_int("FACET_CACHE_SECONDS", 600)

# The default cache is shared by every server process, so that allauth's counts
# of failed log-ins lock an address out whichever process answers: Redis when
# REDIS_URL is set, else a table of the database (made by `mutua migrate`).
# Facet counts stay in each process's memory: they are keyed by the lists' data
# version, so no process serves a stale one, and a page view writes nothing to
# the database (on SQLite, a write waits for every other writer).
REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
    }
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "mutua_cache",
    },
    "facets": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}
