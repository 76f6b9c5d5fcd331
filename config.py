"""Configuration classes; every value can be overridden from the environment."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("INSTANCE_PATH", BASE_DIR / "instance"))
DEFAULT_SECRET_KEY = "dev-secret-key-change-me"  # noqa: S105 - refused in production


def env(name, default=None):
    """Return the environment value of NAME, or DEFAULT."""
    return os.environ.get(name, default)


def env_bool(name, default=False):
    """Return the environment value of NAME read as a boolean."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    """Return the environment value of NAME read as an integer."""
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


class Config:
    """Development settings, the default."""

    ENV_NAME = "development"
    SECRET_KEY = env("SECRET_KEY", DEFAULT_SECRET_KEY)
    SQLALCHEMY_DATABASE_URI = env("DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'concertation.sqlite'}")
    BASE_URL = env("BASE_URL", "http://127.0.0.1:5000")
    SERVER_NAME = env("SERVER_NAME")
    PREFERRED_URL_SCHEME = env("PREFERRED_URL_SCHEME", "http")

    # Mail: with no MAIL_SERVER, mail is printed to the console instead of sent.
    MAIL_SERVER = env("MAIL_SERVER")
    MAIL_PORT = env_int("MAIL_PORT", 25)
    MAIL_USE_TLS = env_bool("MAIL_USE_TLS")
    MAIL_USE_SSL = env_bool("MAIL_USE_SSL")
    MAIL_USERNAME = env("MAIL_USERNAME")
    MAIL_PASSWORD = env("MAIL_PASSWORD")
    MAIL_DEFAULT_SENDER = env("MAIL_DEFAULT_SENDER", "Concertation <ne-pas-repondre@concertation.localhost>")
    MAIL_DELIVER_AFTER_REQUEST = env_bool("MAIL_DELIVER_AFTER_REQUEST", True)
    MAIL_MAX_ATTEMPTS = env_int("MAIL_MAX_ATTEMPTS", 8)
    #: the right-hand side of each mail's Message-ID (default: BASE_URL's host name)
    MAIL_MESSAGE_ID_DOMAIN = env("MAIL_MESSAGE_ID_DOMAIN")
    #: how long a worker holds a claimed mail or job before another worker may take it over
    WORKER_LEASE_SECONDS = env_int("WORKER_LEASE_SECONDS", 300)

    REDIS_URL = env("REDIS_URL")
    #: proxies in front of the app whose X-Forwarded-* headers are trusted (0: none, the app faces clients)
    PROXY_FIX_HOPS = env_int("PROXY_FIX_HOPS", 0)
    SENTRY_DSN = env("SENTRY_DSN")
    RATELIMIT_ENABLED = env_bool("RATELIMIT_ENABLED", True)
    # A moving window counts the last minute exactly (a fixed window would reset at each minute's start).
    RATELIMIT_STRATEGY = env("RATELIMIT_STRATEGY", "moving-window")
    RATELIMIT_AUTH = env("RATELIMIT_AUTH", "10 per minute;50 per hour")
    RATELIMIT_CONTRIBUTE = env("RATELIMIT_CONTRIBUTE", "30 per minute")
    # Beside the per-address limits: per account tried, per signed-in account, per mail recipient.
    RATELIMIT_SIGN_IN_ACCOUNT = env("RATELIMIT_SIGN_IN_ACCOUNT", "10 per minute;50 per hour")
    RATELIMIT_CONTRIBUTE_ACCOUNT = env("RATELIMIT_CONTRIBUTE_ACCOUNT", "30 per minute;300 per hour")
    RATELIMIT_MAIL_RECIPIENT = env("RATELIMIT_MAIL_RECIPIENT", "5 per hour;20 per day")

    BABEL_DEFAULT_LOCALE = env("BABEL_DEFAULT_LOCALE", "fr")
    BABEL_DEFAULT_TIMEZONE = env("BABEL_DEFAULT_TIMEZONE", "Europe/Paris")
    LANGUAGES = ("fr", "en")

    CONFIRM_TOKEN_MAX_AGE = env_int("CONFIRM_TOKEN_MAX_AGE", 3 * 24 * 3600)
    RESET_TOKEN_MAX_AGE = env_int("RESET_TOKEN_MAX_AGE", 2 * 3600)
    PASSWORD_MIN_LENGTH = env_int("PASSWORD_MIN_LENGTH", 10)
    PASSWORD_MIN_SCORE = env_int("PASSWORD_MIN_SCORE", 2)  # zxcvbn score, 0-4

    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", False)
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", False)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    FORCE_HTTPS = env_bool("FORCE_HTTPS", False)
    WTF_CSRF_TIME_LIMIT = None  # tied to the session; a long form must not expire

    UPLOAD_DIR = env("UPLOAD_DIR", str(INSTANCE_DIR / "uploads"))
    MAX_UPLOAD_MB = env_int("MAX_UPLOAD_MB", 10)
    REPORT_DIR = env("REPORT_DIR", str(INSTANCE_DIR / "reports"))
    # Below this many positions on a section the report gives the consensus index without wording it.
    CONSENSUS_MIN_POSITIONS = env_int("CONSENSUS_MIN_POSITIONS", 10)
    # The printed report carries at most this many answered contributions a section (most supported first);
    # the web report and the open data carry them all, so the PDF stays a document at any size.
    REPORT_PRINTED_ANSWERS_PER_SECTION = env_int("REPORT_PRINTED_ANSWERS_PER_SECTION", 5)
    # opinion groups smaller than this are never shown: they could single people out
    OPINION_GROUP_MIN_SIZE = env_int("OPINION_GROUP_MIN_SIZE", 10)
    FLAG_THRESHOLD = env_int("FLAG_THRESHOLD", 3)
    INVITATION_MAX_AGE_DAYS = env_int("INVITATION_MAX_AGE_DAYS", 30)
    PAGE_SIZE = env_int("PAGE_SIZE", 20)


class TestConfig(Config):
    """Settings for the test suite: a throw-away database, real mail to a local catcher."""

    ENV_NAME = "testing"
    TESTING = True
    SECRET_KEY = "test-secret-key"  # noqa: S105
    SQLALCHEMY_DATABASE_URI = env("TEST_DATABASE_URL", "sqlite://")
    MAIL_SERVER = "127.0.0.1"
    MAIL_SUPPRESS_SEND = False  # tests read real mail from a local SMTP server
    MAIL_DELIVER_AFTER_REQUEST = False
    WTF_CSRF_ENABLED = True
    RATELIMIT_ENABLED = True
    RATELIMIT_STORAGE_URI = "memory://"
    PASSWORD_HASHER = "fast"  # noqa: S105 - the name of a hashing profile
    SERVER_NAME = "localhost"
    BASE_URL = "http://localhost"


class ProductionConfig(Config):
    """Production: PostgreSQL, Redis, HTTPS and a real secret key."""

    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    REMEMBER_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    FORCE_HTTPS = env_bool("FORCE_HTTPS", True)
    MAIL_DELIVER_AFTER_REQUEST = env_bool("MAIL_DELIVER_AFTER_REQUEST", False)


CONFIGS = {"development": Config, "testing": TestConfig, "production": ProductionConfig}


def config_from_env():
    """Return the config class named by CONCERTATION_ENV (development by default)."""
    return CONFIGS[env("CONCERTATION_ENV", "development")]
