import json
import os
import re
import secrets
import subprocess
import sys

import pytest
from django.conf import settings

# The browser fixture allows async-unsafe calls in this process; a deployment never does.
INHERITED = {
    k: v
    for k, v in os.environ.items()
    if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE", "DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DEBUG"}
}


def _run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env={**INHERITED, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


def production_environment(tmp_path) -> dict[str, str]:
    """Production settings with their secrets from the environment, as a deployment has them."""
    return {
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "zhengxie.example.org",
        "ZHENGXIE_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        "SMS_BACKEND": "zhengxie.core.sms.backends.aliyun.AliyunSmsBackend",
        "ALIYUN_SMS_ACCESS_KEY_ID": "LTAI-deploy-test",
        "ALIYUN_SMS_ACCESS_KEY_SECRET": secrets.token_urlsafe(30),
        "ALIYUN_SMS_TEMPLATES": (
            "sign_in_code=SMS_1,reset_code=SMS_2,account_opened=SMS_3,notice=SMS_4,digest=SMS_5"
        ),
        "SITE_URL": "https://zhengxie.example.org",
    }


def test_production_settings_pass_the_deploy_check(tmp_path):
    # when
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        **production_environment(tmp_path),
    )
    # then
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("setting", "value", "warning"),
    [
        ("ALIYUN_SMS_TEMPLATES", "sign_in_code=SMS_1,reset_code=SMS_2", "zhengxie.W003"),
        ("SITE_URL", "http://127.0.0.1:8000", "zhengxie.W004"),
    ],
)
def test_the_deploy_check_warns_of_notifications_that_cannot_go_out(
    tmp_path, setting, value, warning
):
    # given production settings missing the notification templates, or the site's address
    environment = {**production_environment(tmp_path), setting: value}
    # when
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **environment)
    # then
    assert result.returncode != 0 and warning in result.stdout + result.stderr


def test_the_deploy_check_warns_when_sms_would_stay_in_the_outbox(tmp_path):
    # given production settings that forgot the SMS provider
    environment = production_environment(tmp_path)
    del environment["SMS_BACKEND"]
    # when
    result = _run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **environment)
    # then
    assert result.returncode != 0
    assert "zhengxie.W001" in result.stdout + result.stderr


def test_collectstatic_builds_the_manifest_production_serves(tmp_path):
    # when the static files are collected with hashed names, as production serves them
    result = _run(["manage.py", "collectstatic", "--noinput"], **production_environment(tmp_path))
    # then every file was post-processed, including the vendored scripts
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = json.loads((tmp_path / "static/staticfiles.json").read_text())["paths"]
    assert {"zx/site.css", "insights/vendor/chart-4.6.1.umd.min.js"} <= manifest.keys()


def test_production_settings_refuse_to_start_without_a_secret_key(tmp_path):
    # when
    result = _run(
        ["manage.py", "check"],
        DJANGO_SETTINGS_MODULE="config.settings.production",
        ZHENGXIE_VAR_DIR=str(tmp_path),
    )
    # then
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is missing" in result.stderr


def test_debug_off_refuses_the_public_development_key(tmp_path):
    # given the development settings with debugging off and the key from the README
    env = {"DEBUG": "false", "ZHENGXIE_VAR_DIR": str(tmp_path)}
    # when
    result = _run(
        ["manage.py", "check"],
        DJANGO_SETTINGS_MODULE="config.settings.base",
        SECRET_KEY="dev-only-insecure-key-change-me-in-production",
        **env,
    )
    # then
    assert result.returncode != 0
    assert "public development key" in result.stderr


def test_the_wsgi_server_runs_production_settings_unless_told_otherwise(tmp_path):
    # when a server loads the application with no settings named and no key
    result = _run(["-c", "import config.wsgi"], ZHENGXIE_VAR_DIR=str(tmp_path))
    # then it refuses to start instead of signing sessions with the public key
    assert result.returncode != 0
    assert "SECRET_KEY is missing" in result.stderr


def test_the_wsgi_server_keeps_its_start_up_heap_out_of_full_collections(tmp_path):
    # when a worker loads the application
    probe = (
        "import gc, sys, config.wsgi; "
        "print(gc.get_freeze_count(), len(gc.get_objects()), 'config.urls' in sys.modules)"
    )
    result = _run(["-c", probe], **production_environment(tmp_path))
    # then its views and URL patterns are loaded before the first request and frozen with the
    # rest of start-up, so a full collection walks only what requests have left behind
    assert result.returncode == 0, result.stderr
    frozen, tracked, urls_loaded = result.stdout.split()
    assert urls_loaded == "True"
    assert int(tracked) < int(frozen) // 10


# Read by libraries rather than by our settings: dj-database-url and prometheus-client.
READ_BY_LIBRARIES = {"DATABASE_URL", "PROMETHEUS_MULTIPROC_DIR"}
ENVIRON_READ = re.compile(
    r'(?:environ\.get\(|environ\.setdefault\(|environ\[|env_bool\()\s*"([A-Z][A-Z0-9_]+)"'
)


def _read_by_settings() -> set[str]:
    sources = (settings.BASE_DIR / "config").rglob("*.py")
    return READ_BY_LIBRARIES | {
        name for source in sources for name in ENVIRON_READ.findall(source.read_text())
    }


def _readme_production_variables() -> set[str]:
    readme = (settings.BASE_DIR / "README.md").read_text()
    section = readme.split("\n## Production\n", 1)[1].split("\n## ", 1)[0]
    rows = (line.split("|")[1] for line in section.splitlines() if line.startswith("| `"))
    return {
        quoted.split("=")[0]
        for first_column in rows
        for quoted in re.findall(r"`([^`]+)`", first_column)
        if re.fullmatch(r"[A-Z][A-Z0-9_]+(=.*)?", quoted)
    }


def _env_template_variables() -> set[str]:
    template = (settings.BASE_DIR / "deploy" / "zhengxie.env").read_text()
    return set(re.findall(r"^#?([A-Z][A-Z0-9_]+)=", template, re.MULTILINE))


def test_every_variable_the_readme_names_is_read_by_the_settings():
    assert _readme_production_variables() - _read_by_settings() == set()


def test_every_variable_of_the_environment_template_is_read_and_explained():
    template = _env_template_variables()
    assert template - _read_by_settings() == set()
    assert template - _readme_production_variables() == set()


def test_production_mail_goes_to_the_smtp_server_the_environment_names(tmp_path):
    # given the relay of the env template's example
    environment = {
        **production_environment(tmp_path),
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "smtp.example.gov.cn",
        "EMAIL_PORT": "587",
        "EMAIL_HOST_USER": "zhengxie@example.gov.cn",
        "EMAIL_USE_TLS": "true",
    }
    show = (
        "from django.core.mail import get_connection; "
        "c = get_connection(); print(c.host, c.port, c.username, c.use_tls, c.use_ssl, c.timeout)"
    )
    # when
    result = _run(["manage.py", "shell", "-c", show], **environment)
    # then
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split() == [
        "smtp.example.gov.cn", "587", "zhengxie@example.gov.cn", "True", "False", "30",
    ]  # fmt: skip
