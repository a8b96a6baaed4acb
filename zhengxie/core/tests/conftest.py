import shutil

import pytest
from django.core.management import call_command
from django.utils.translation import trans_real


@pytest.fixture
def english_catalog():
    """The committed .po compiled as `make run` does (.mo files are not in git)."""
    if not shutil.which("msgfmt"):
        pytest.skip("gettext's msgfmt is not installed (apt-get install gettext)")
    call_command("compilemessages", "-l", "en", "--ignore=.venv", verbosity=0)
    trans_real._translations = {}
    trans_real._active = trans_real.Local()
    yield
    trans_real._translations = {}
    trans_real._active = trans_real.Local()
