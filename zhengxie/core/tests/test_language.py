from django.core.management import call_command
from django.urls import reverse


def test_switching_to_english_translates_the_roster(client, city, staff, english_catalog):
    client.force_login(staff)

    client.post(reverse("set_language"), {"language": "en", "next": "/members/"})
    english = client.get(reverse("core:member_list")).content.decode()
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/members/"})
    chinese = client.get(reverse("core:member_list")).content.decode()

    assert "Member roster" in english and "Reference data" in english
    assert "委员名册" in chinese and "Member roster" not in chinese


def test_a_denial_reads_in_english_too(client, county, other_county, make_user, english_catalog):
    from zhengxie.core.models import Role

    client.force_login(make_user(Role.STAFF, county))
    client.post(reverse("set_language"), {"language": "en", "next": "/"})

    response = client.get(reverse("core:member_list"), {"committee": other_county.code})

    assert response.status_code == 403
    assert "Access denied" in response.content.decode()


def test_a_guest_switches_language_without_a_csrf_token(english_catalog):
    from django.test import Client

    guest = Client(enforce_csrf_checks=True)

    response = guest.post(reverse("set_language"), {"language": "en", "next": "/"})

    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"


def test_the_english_catalog_has_no_fuzzy_or_empty_entry():
    from pathlib import Path

    from django.conf import settings

    catalog = Path(settings.BASE_DIR) / "locale/en/LC_MESSAGES/django.po"
    entries = catalog.read_text(encoding="utf-8").split("\n\n")[1:]  # after the header

    fuzzy = [e for e in entries if "#, fuzzy" in e]
    empty = [e for e in entries if e.rstrip().endswith('msgstr ""')]
    assert not fuzzy and not empty, (fuzzy + empty)[:3]


def test_the_catalog_compiles_where_gnu_gettext_is_missing(tmp_path, monkeypatch, settings):
    import gettext
    import shutil
    from pathlib import Path

    from zhengxie.core.management.commands import compilemessages

    # given a server without msgfmt and the committed English catalog
    catalog_dir = tmp_path / "locale/en/LC_MESSAGES"
    catalog_dir.mkdir(parents=True)
    shutil.copy(Path(settings.BASE_DIR) / "locale/en/LC_MESSAGES/django.po", catalog_dir)
    monkeypatch.setattr(compilemessages, "find_command", lambda program: None)
    monkeypatch.chdir(tmp_path)
    settings.LOCALE_PATHS = []
    # when
    call_command("compilemessages", "-l", "en", verbosity=0)
    # then
    with open(catalog_dir / "django.mo", "rb") as compiled:
        english = gettext.GNUTranslations(compiled)
    assert english.gettext("委员名册") == "Member roster"
