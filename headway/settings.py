"""Headway's settings: one file, read from the environment.

SQLite under ``var/`` is the default so that a fresh checkout just works; ``DATABASE_URL``
switches to PostgreSQL. ``DEBUG`` defaults to on for the same reason, and ``headway serve``
(the production entry point) refuses to run with it on.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from headway.accounts import councils
from headway.lib.env import env_bool, env_date, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DEBUG", True)

_secret_key = env_str("SECRET_KEY")
if _secret_key is None:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off Headway needs a long random secret: "
            "set the SECRET_KEY environment variable, for example to the output of "
            "`python3 -c 'import secrets; print(secrets.token_urlsafe(50))'`."
        )
    _secret_key = "headway-development-only-not-secret"
SECRET_KEY: str = _secret_key

# The demo's simulated date (set by `headway demo`): every "today" reads it through
# headway.clock. Never on a live site.
DEMO_DATE = env_date("DEMO_DATE")
if DEMO_DATE is not None and not DEBUG:
    raise ImproperlyConfigured(
        "DEMO_DATE is set but DEBUG is off: a simulated date is for the demo only. Unset DEMO_DATE."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# The address emails link to. Unset, they link to the address being served: see
# headway/site_address.py. A live site should set it.
SITE_URL = env_str("SITE_URL") or ""

INSTALLED_APPS = [
    "headway.admin_site.OperatorAdminConfig",  # Django admin, for the operator's superusers
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "simple_history",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "headway.apps.HeadwayConfig",
    "headway.accounts",
    "headway.strategy",
    "headway.progress",
    "headway.roadmap",
    "headway.committee",
    "headway.dataio",
    "headway.api",
    "headway.organisation",
    "headway.audit",
    "headway.indicators",
    "headway.search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "headway.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses pages (whitenoise serves static files already compressed); it comes before
    # anything that reads or writes a response's body. BREACH: see headway/compression.py.
    "headway.compression.CompressionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "headway.site_address.RequestAddressMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "headway.lib.middleware.CleanInputMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "headway.accounts.middleware.SecondStepMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "headway.urls"
WSGI_APPLICATION = "headway.wsgi.application"

TEMPLATES: list[dict[str, Any]] = [
    {
        # Headway's own pages: Jinja2 with the GOV.UK Frontend macros.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "headway" / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "headway.jinja.environment",
            "autoescape": True,
            # Jinja pages also get `membership`, `navigation` and `messages`.
            "context_processors": ["headway.context_processors.headway"],
        },
    },
    {
        # The Django admin and third-party apps keep their own templates.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]


def _database() -> dict[str, Any]:
    url = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'headway.sqlite3'}")
    assert url is not None
    try:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60))
    except ValueError as error:
        raise ImproperlyConfigured(
            f"DATABASE_URL {url!r} cannot be read ({error}). Use sqlite:///path/to/file.sqlite3 "
            "or postgres://user@host:5432/name."
        ) from None
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Web and worker processes share the file: wait for locks instead of failing, and
        # take the write lock at the start of a transaction so it cannot deadlock later.
        Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    return config


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "account_login"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*", "password2*"]
ACCOUNT_ADAPTER = "headway.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"login": "headway.accounts.forms.SignInForm"}
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = False
# Administrators create accounts with addresses they know; people do not manage their own.
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False

# Signing in with a council's own account (see headway/accounts/councils.py for the variable).
SOCIALACCOUNT_PROVIDERS = councils.providers_setting(councils.parse(env_str(councils.VARIABLE)))
SOCIALACCOUNT_ADAPTER = "headway.accounts.single_sign_on.SocialAccountAdapter"
# A council button is a form that posts: a link elsewhere cannot start a sign-in.
SOCIALACCOUNT_LOGIN_ON_GET = False
# Headway links a council's account to an invited person itself, by its own rules.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_STORE_TOKENS = False

# A second step after a Headway password (headway/accounts/second_factor.py says who must
# take it): a code from an authenticator app, a security key or passkey, or a recovery code.
# Signing in with a council's account asks for none: the council's own service does.
MFA_ADAPTER = "headway.accounts.second_factor.SecondFactorAdapter"
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_TOTP_ISSUER = "Headway"
# A code is accepted for 30 seconds either side of its own: a phone's clock drifts, and a code
# typed as it changes would otherwise be refused.
MFA_TOTP_TOLERANCE = 1
# Administrators give people their addresses: there is none of the person's own to confirm.
MFA_ALLOW_UNVERIFIED_EMAIL = True
# A security key or passkey is a second step after the password, never a way in on its own:
# signing in without a password would step round an organisation's choice to sign its people
# in through their councils (Organisation.allow_local_passwords).
MFA_PASSKEY_LOGIN_ENABLED = False
# Security keys check the site's address, which must be HTTPS, except on a developer's own
# machine (the demo, and the browser tests on http://127.0.0.1).
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG

# Counts that every web process must share (failed sign-ins, allauth's rate limits): in the
# database by default (`migrate` makes the table), in Redis when REDIS_URL is set.
_redis_url = env_str("REDIS_URL")
if _redis_url and importlib.util.find_spec("redis") is None:
    raise ImproperlyConfigured(
        "REDIS_URL is set but the redis client is not installed: install Headway with its "
        "redis extra (pip install 'headway[redis]'), or unset REDIS_URL to keep the counts "
        "in the database."
    )
CACHES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _redis_url}
    if _redis_url
    else {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "headway_cache"}
}
# Failed passwords are counted per address and account (headway/accounts/adapter.py), with a
# back-off: 5 in 5 minutes, 10 in an hour, 20 in a day. 50 an hour for one account from
# anywhere stops a spread-out attack. An address may try 30 wrong passwords a minute whatever
# the account, and 100 sign-ins a minute: a council's staff share an address.
ACCOUNT_RATE_LIMITS = {
    "login": "100/m/ip",
    "login_failed": "30/m/ip,5/5m/key,10/h/key,20/d/key",
    "login_failed_account": "50/h/key",
    "reset_password": "20/m/ip,5/m/key",
}
# Behind the proxies docs/deploy.md describes, every request comes from a proxy's address: the
# limits above and the audit would count the whole site as one address. TRUSTED_PROXIES is how
# many proxies the operator runs in front of Headway; the client's address is then the entry
# the outermost of them added to X-Forwarded-For (entries a client wrote itself are ignored).
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXIES", 0)

# With DEBUG off Headway is served over HTTPS only: cookies go over HTTPS only, plain HTTP is
# redirected, and browsers are told (HSTS) to use HTTPS for a year. Each can be set apart.
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Preloading is submitted for a whole registrable domain (the council's, not Headway's host), so
# it is the domain owner's decision: `check --deploy` does not nag about it.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
# /healthz answers a load balancer's plain-HTTP probe rather than redirecting it.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Behind a TLS proxy, Django sees plain HTTP: SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto makes
# it trust the proxy's header instead. Set it only when the proxy sets that header on every
# request (and removes any the client sent), or anyone can claim HTTPS.
_proxy_header = env_str("SECURE_PROXY_SSL_HEADER", "")
if _proxy_header:
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9-]*", _proxy_header):
        raise ImproperlyConfigured(
            f"SECURE_PROXY_SSL_HEADER is {_proxy_header!r}: set it to the name of the header "
            "your proxy sets to https, for example X-Forwarded-Proto."
        )
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_header.upper().replace("-", "_"), "https")
CSRF_FAILURE_VIEW = "headway.views.csrf_failure"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# `make assets` compiles GOV.UK Frontend and Headway's Sass into build/static.
STATICFILES_DIRS = [BASE_DIR / "build" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploaded files (a committee's Word template); `headway backup` copies them with the database.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")) or "")
MEDIA_URL = "/media/"

# With EMAIL_HOST set, mail goes to that server; without it, to the console (development).
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if env_str("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "headway@localhost")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
# The mail server: STARTTLS (usually port 587) or implicit TLS (usually 465), and the account
# Headway signs in with. README.md, "Sending email", lists them.
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured(
        "EMAIL_USE_TLS and EMAIL_USE_SSL are both on: set only one. EMAIL_USE_TLS starts TLS "
        "on a plain connection (usually port 587); EMAIL_USE_SSL connects over TLS from the "
        "start (usually port 465)."
    )
EMAIL_PORT = env_int("EMAIL_PORT", 465 if EMAIL_USE_SSL else 587 if EMAIL_USE_TLS else 25)
if not 0 < EMAIL_PORT < 65536:
    raise ImproperlyConfigured(f"EMAIL_PORT is {EMAIL_PORT}: set it to a port from 1 to 65535.")
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "") or ""
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "") or ""
if bool(EMAIL_HOST_USER) != bool(EMAIL_HOST_PASSWORD):
    raise ImproperlyConfigured(
        "Set both EMAIL_HOST_USER and EMAIL_HOST_PASSWORD to sign in to the mail server, "
        "or neither to send without signing in."
    )
# Seconds to wait for the mail server before a reminder counts as not sent (tried again on
# the next run), so that a server that does not answer cannot hold up the worker.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
if EMAIL_TIMEOUT <= 0:
    raise ImproperlyConfigured(f"EMAIL_TIMEOUT is {EMAIL_TIMEOUT}: set it to a number of seconds.")
# Where the accessibility statement tells people to report a problem or ask for another format.
ACCESSIBILITY_CONTACT_EMAIL = env_str("ACCESSIBILITY_CONTACT_EMAIL", DEFAULT_FROM_EMAIL)

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# /healthz fails when a task has waited this long for a worker: none is taking tasks.
TASKS_MAX_WAIT_SECONDS = env_int("TASKS_MAX_WAIT_SECONDS", 300)

REST_FRAMEWORK = {
    # A bearer token first, so that a request with neither is answered 401 with a challenge.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "headway.api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["headway.api.access.MemberAccess"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # Its JSON parser drops bidirectional controls from text, as forms and imports do.
    "DEFAULT_PARSER_CLASSES": ["headway.api.parsers.CleanJSONParser"],
    "DEFAULT_PAGINATION_CLASS": "headway.api.pagination.Pages",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "headway.api.schema.HeadwaySchema",
    "EXCEPTION_HANDLER": "headway.api.errors.exception_handler",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
    # No ?format=: every answer is JSON, except a pack's files, which are what they are.
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Headway API",
    "DESCRIPTION": (
        "Read the strategy, the portfolio and committee reports; write quarterly returns, "
        "review them, propose changes to the maps and answer consultations: with the same "
        "rules and roles as Headway's pages. Authenticate with a token from the API tokens "
        "page: `Authorization: Bearer hw_…`."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    # A PATCH body is checked as its serializer says (a return's expected_version, a draft's
    # rationale are required), so the document must not call every field optional.
    "COMPONENT_SPLIT_PATCH": False,
    # Swagger UI from drf-spectacular-sidecar, served by Headway: nothing is fetched from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"validatorUrl": None, "persistAuthorization": False},
    "ENUM_NAME_OVERRIDES": {
        "InitiativeKindEnum": "headway.strategy.models.Initiative.Kind",
        "ChangeKindEnum": "headway.roadmap.models.ChangeRequest.Kind",
        # Figures go through the same states as returns: one enum, under its old name.
        "UpdateStateEnum": "headway.progress.models.Update.State",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # fontTools reports each font it reads at INFO; only its warnings matter.
    "loggers": {"fontTools": {"level": "WARNING"}},
}
