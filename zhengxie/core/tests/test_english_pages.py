"""The English catalog: it compiles, and the main pages read in English when asked to."""

import re

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from zhengxie.core.models import Role

PO_FILE = settings.BASE_DIR / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_every_message_of_the_catalog_is_translated_and_none_is_fuzzy():
    text = PO_FILE.read_text(encoding="utf-8")
    entries = text.split("\n\n")[1:]  # the first block is the header

    fuzzy = [entry for entry in entries if re.search(r"^#,.*\bfuzzy\b", entry, re.M)]
    empty = [entry for entry in entries if re.search(r'^msgstr(\[\d\])? ""\Z', entry, re.M)]

    assert entries and not fuzzy, fuzzy[:3]
    assert not empty, empty[:3]


def test_the_catalog_compiles_and_renders_the_cppcc_terms(english_catalog):
    with translation.override("en"):
        assert translation.gettext("提案") == "Proposals"
        assert translation.gettext("社情民意") == "Public-opinion reports"
        assert translation.gettext("驾驶舱") == "Cockpit"
        assert translation.gettext("楼主") == "OP"
    with translation.override("zh-hans"):
        assert translation.gettext("驾驶舱") == "驾驶舱"


def test_guest_pages_read_in_english_with_accept_language(client, city, english_catalog):
    english = {"HTTP_ACCEPT_LANGUAGE": "en"}

    home = client.get(reverse("core:home"), follow=True, **english).content.decode()
    login = client.get(reverse("core:login"), **english).content.decode()
    portal = client.get(reverse("portal:home"), **english).content.decode()

    assert "Sign in" in login and "Password" in login and "登录" not in login
    assert "Latest threads" in portal and "最新主题" not in portal
    assert "Welcome to the Smart CPPCC platform" in home
    chinese_home = client.get(reverse("core:home"), follow=True, HTTP_ACCEPT_LANGUAGE="zh-CN")
    assert "登录" in chinese_home.content.decode()


def test_office_pages_read_in_english_with_the_language_cookie(
    client, city, make_user, english_catalog
):
    client.force_login(make_user(Role.STAFF, city))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    register = client.get(reverse("proposals:register")).content.decode()
    cockpit = client.get(reverse("insights:cockpit")).content.decode()

    assert "Proposal register" in register and "Export Excel" in register
    assert "提案登记" not in register
    assert "Leaders' cockpit" in cockpit or "Leaders&#x27; cockpit" in cockpit
    assert "Registered proposals" in cockpit and "Reply rate" in cockpit
    assert "Proposal workbench" in cockpit  # the navigation bar
    assert "Public-opinion reports" in cockpit  # the module tabs
    assert "2022Year" not in cockpit and "年" not in cockpit.split("<h1>")[1].split("</h1>")[0]
    assert "立案提案" not in cockpit and "提案工作台" not in cockpit
