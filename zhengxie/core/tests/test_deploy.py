import json
import os
import secrets
import subprocess
import sys

from django.conf import settings


def run_under_production_settings(*command: str, var_dir) -> subprocess.CompletedProcess:
    """A manage.py command as a deployment runs it: production settings, secrets from the
    environment (the browser fixture allows async-unsafe calls in this process; a deployment
    never does)."""
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "zhengxie.example.org",
        "ZHENGXIE_VAR_DIR": str(var_dir),
    }
    return subprocess.run(
        [sys.executable, "manage.py", *command],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_production_settings_pass_the_deploy_check(tmp_path):
    # when
    result = run_under_production_settings(
        "check", "--deploy", "--fail-level", "WARNING", var_dir=tmp_path
    )
    # then
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_collectstatic_builds_the_manifest_production_serves(tmp_path):
    # when the static files are collected with hashed names, as production serves them
    result = run_under_production_settings("collectstatic", "--noinput", var_dir=tmp_path)
    # then every file was post-processed, including the vendored scripts
    assert result.returncode == 0, result.stdout + result.stderr
    manifest = json.loads((tmp_path / "static/staticfiles.json").read_text())["paths"]
    assert {"zx/site.css", "insights/vendor/chart-4.6.1.umd.min.js"} <= manifest.keys()
