import os
import secrets
import subprocess
import sys

from django.conf import settings


def test_production_settings_pass_the_deploy_check(tmp_path):
    # given production settings with their secrets from the environment
    # (the browser fixture allows async-unsafe calls in this process; a deployment never does)
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "zhengxie.example.org",
        "ZHENGXIE_VAR_DIR": str(tmp_path),
    }
    # when
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    # then
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
