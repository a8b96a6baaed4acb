"""Settings read from the environment in one place.

With no environment set, the platform runs embedded: an SQLite file under var/, a local-memory
cache and tasks run in-process. DATABASE_URL switches to PostgreSQL, REDIS_URL to Redis.
"""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("ZHENGXIE_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)


def env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


# Public, in the repository: good for a developer's machine and nothing else. The key signs
# sessions and the sign-in QR codes, so a server running on it lets anyone forge both.
DEV_SECRET_KEY = "dev-only-insecure-key-change-me-in-production"


def production_secret_key() -> str:
    """The environment's SECRET_KEY; refuses to start without a real one."""
    key = os.environ.get("SECRET_KEY", "").strip()
    if not key or key == DEV_SECRET_KEY:
        raise ImproperlyConfigured(
            "SECRET_KEY is missing or is the public development key. Set the environment "
            "variable SECRET_KEY to a long random value, e.g. the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(60))'`."
        )
    return key


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = (os.environ.get("SECRET_KEY") or DEV_SECRET_KEY) if DEBUG else production_secret_key()
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "axes",
    "django_htmx",
    "template_partials",
    "django_tasks",
    "django_tasks_db",
    "ninja",
    "zhengxie.core",
    "zhengxie.search",
    "zhengxie.duty",
    "zhengxie.instructions",
    "zhengxie.proposals",
    "zhengxie.opinions",
    "zhengxie.activities",
    "zhengxie.grassroots",
    "zhengxie.portal",
    "zhengxie.jobs",
    "zhengxie.insights",
    "zhengxie.api",
]

MIDDLEWARE = [
    "zhengxie.core.request_ids.RequestIdMiddleware",
    "zhengxie.core.metrics.MetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "zhengxie.core.middleware.RejectNulBytesMiddleware",
    # Guests' cached thread pages leave here, before the middleware that has nothing to do
    # for them (see zhengxie/portal/middleware.py).
    "zhengxie.portal.middleware.GuestPageMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "zhengxie.core.middleware.ForcePasswordChangeMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "zhengxie" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "zhengxie.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'zhengxie.sqlite3'}", conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while one writer commits; IMMEDIATE takes the write lock at BEGIN
    # so two transitions on the same row queue instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The figures' aggregates are estimated just above the JIT threshold and run in 10-100
    # ms, where compiling them costs more than it saves (20 ms per query measured here).
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "zx",
        }
    }
    # Sessions are written through to the database and only cached in Redis, so restarting or
    # flushing Redis signs nobody out: the cache stays only a cache.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Mobile number + password first (what members type), then username + password.
    "zhengxie.core.authentication.MobilePasswordBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "core:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "core:home"
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 8 * 3600))  # one working day
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# 连续登录失败 5 次锁定 15 分钟 — for one account from one address. Locking the account alone
# would let anyone lock out its owner (the administrator included) by typing five wrong
# passwords; the owner signing in from elsewhere goes on. Spraying many accounts from one
# address is refused by the per-address throttle in the sign-in view (core.views.signin).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Failures stay on record after a success: a guess that finally works must not wipe the trail.
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_TEMPLATE = "core/lockout.html"
AXES_CLIENT_IP_CALLABLE = "zhengxie.core.throttle.client_address"
# A mobile number counts as one log-in however it is typed (139 0000 0001, +86…).
AXES_USERNAME_CALLABLE = "zhengxie.core.authentication.lockout_username"
# Failed sign-ins one client address may make in 15 minutes, across all accounts.
SIGN_IN_FAILURES_PER_ADDRESS = int(os.environ.get("SIGN_IN_FAILURES_PER_ADDRESS", 15))
# Our own reverse proxies (addresses or networks, comma-separated), whose X-Forwarded-For is
# believed; from any other peer the header is ignored. Empty: the app faces clients directly.
TRUSTED_PROXIES = [
    proxy.strip() for proxy in os.environ.get("TRUSTED_PROXIES", "").split(",") if proxy.strip()
]

# Who may read /metrics (core.metrics): scrapers' addresses or networks, comma-separated, and/or
# a token sent as "Authorization: Bearer …". Both empty: /metrics refuses everyone.
METRICS_ALLOWED_NETWORKS = [
    network.strip()
    for network in os.environ.get("METRICS_ALLOWED_NETWORKS", "").split(",")
    if network.strip()
]
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# Without collectstatic (development, tests) WhiteNoise serves straight from the apps.
WHITENOISE_USE_FINDERS = DEBUG


def media_storage() -> dict:
    """Uploads on the local disk (one app server, or a shared mount), or, with S3_BUCKET set,
    in S3-compatible object storage (MinIO, Huawei OBS, Aliyun OSS, Tencent COS) that every
    app server shares. Objects stay private: the app signs a short-lived URL per download."""
    bucket = os.environ.get("S3_BUCKET", "")
    if not bucket:
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID", ""),
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY", ""),
            "location": os.environ.get("S3_PREFIX", ""),
            # Most providers in China answer only virtual-host addressing; MinIO wants "path".
            "addressing_style": os.environ.get("S3_ADDRESSING_STYLE") or None,
            "signature_version": "s3v4",
            "default_acl": None,  # the bucket's own policy: private
            "querystring_auth": True,
            "file_overwrite": False,  # a stored name keeps its bytes (uploads.stored_kind)
        },
    }


STORAGES = {
    "default": media_storage(),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
# Uploads live outside the web root and are served only through permission-checked views.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "uploads"))
MEDIA_URL = "/files/"
# After the permission check a file on the local disk is sent by nginx when this names its
# internal location for MEDIA_ROOT (deploy/nginx: `location /_uploads/ { internal; alias …; }`);
# empty, the app sends it. On object storage the reader is redirected to a signed URL that
# lives this many seconds.
FILES_ACCEL_REDIRECT_PREFIX = os.environ.get("FILES_ACCEL_REDIRECT_PREFIX", "")
FILES_SIGNED_URL_SECONDS = int(os.environ.get("FILES_SIGNED_URL_SECONDS", 60))
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 40 * 1024 * 1024

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "zhengxie@localhost")
# The SMTP server the smtp backend hands mail to: the server's own MTA by default, or the
# government mail relay, which usually wants an account and TLS (587, STARTTLS) or SSL (465).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
# A relay that stops answering fails the send (retried later, core.services.deliveries)
# instead of holding a worker.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", 30))

# The site's address as people type it, for links in SMS and e-mail sent by background workers,
# which have no request to build one from.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# SMS (zhengxie.core.sms), chosen like the e-mail backend. The outbox keeps every message in the
# database and sends nothing: development, the demo and the tests read codes from it
# (manage.py sms_outbox). Production sets the provider's backend, its keys and templates.
SMS_BACKEND = os.environ.get("SMS_BACKEND", "zhengxie.core.sms.backends.outbox.OutboxBackend")
# The signature 【…】 the carrier shows in front of every message, as registered with the provider.
SMS_SIGN_NAME = os.environ.get("SMS_SIGN_NAME", "智慧政协")
ALIYUN_SMS_ACCESS_KEY_ID = os.environ.get("ALIYUN_SMS_ACCESS_KEY_ID", "")
ALIYUN_SMS_ACCESS_KEY_SECRET = os.environ.get("ALIYUN_SMS_ACCESS_KEY_SECRET", "")
ALIYUN_SMS_ENDPOINT = os.environ.get("ALIYUN_SMS_ENDPOINT", "https://dysmsapi.aliyuncs.com/")
# Template codes from the provider's console, per message kind: "sign_in_code=SMS_1,…";
# a key "kind.en" names the English template of a kind.
ALIYUN_SMS_TEMPLATES = dict(
    pair.strip().split("=", 1)
    for pair in os.environ.get("ALIYUN_SMS_TEMPLATES", "").split(",")
    if "=" in pair
)
# SMS codes one client address may ask for in an hour, across numbers: a plenary venue puts
# hundreds of members behind one address, a script asking for codes meets it at once.
SMS_CODES_PER_ADDRESS = int(os.environ.get("SMS_CODES_PER_ADDRESS", 30))

# Requests to the API (/api/v1/) in a minute: from one client address, across tokens (a
# plenary venue puts hundreds of phones behind one), and from one signed-in device.
API_REQUESTS_PER_ADDRESS = int(os.environ.get("API_REQUESTS_PER_ADDRESS", 3000))
API_REQUESTS_PER_TOKEN = int(os.environ.get("API_REQUESTS_PER_TOKEN", 300))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Every record carries the id of the request that caused it (core.request_ids); production
# writes them as JSON lines.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "zhengxie.core.request_ids.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "zhengxie.core.request_ids.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": os.environ.get("LOG_FORMAT", "text"),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# Content-Security-Policy (DESIGN §8): scripts only from our own static files, so an injected
# <script> or on*= attribute does not run. Behaviour lives in zx/behaviours.js, data for
# scripts travels in json_script (type=application/json, never executed), and htmx is told
# not to eval (meta htmx-config in base.html).
# Styles: <style> elements and stylesheets come only from 'self' (an injected stylesheet could
# read attribute values through selectors); inline style= attributes stay allowed by
# style-src-attr, since they restyle only their own element and cannot select or load
# anything img-src and default-src do not allow. Browsers without style-src-attr fall back
# to style-src and merely drop those small layout touches.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
