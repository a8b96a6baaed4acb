"""Abuse limits and sanitising of what residents send in."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from django.urls import reverse

from zhengxie.core.factories import make_upload
from zhengxie.core.services.rules import set_rule
from zhengxie.grassroots.factories import make_case, make_photo
from zhengxie.grassroots.models import Case, CasePhoto, CaseState
from zhengxie.grassroots.services import cases
from zhengxie.grassroots.services.cases import report_case
from zhengxie.grassroots.services.intake import RateLimited
from zhengxie.grassroots.services.sessions import hold_session


def _report(resident, town, address="10.0.0.1", **overrides):
    fields = {
        "category": "urgent",
        "title": "井盖缺失",
        "description": "路口井盖丢了",
        "place": "人民路口",
        "phone": "13900001111",
        **overrides,
    }
    return report_case(reporter=resident, address=address, town=town, **fields)


def test_an_account_is_stopped_after_its_daily_quota_and_nothing_is_saved(resident, town):
    # given a committee that allows two reports a day per account
    set_rule(actor=None, committee=town.committee, key="grassroots.reports_per_account", value=2)
    _report(resident, town)
    _report(resident, town, address="10.0.0.2")
    # when the third comes in
    with pytest.raises(RateLimited):
        _report(resident, town, address="10.0.0.3")
    # then only two are stored
    assert Case.objects.filter(reporter=resident).count() == 2


def test_an_address_is_stopped_after_its_quota_across_accounts(make_user, city, town):
    set_rule(actor=None, committee=town.committee, key="grassroots.reports_per_address", value=3)
    residents = [make_user("resident", city) for _ in range(4)]
    for resident in residents[:3]:
        _report(resident, town, address="192.0.2.9")
    with pytest.raises(RateLimited):
        _report(residents[3], town, address="192.0.2.9")
    assert Case.objects.count() == 3
    # another address is still welcome
    assert _report(residents[3], town, address="192.0.2.10").pk


def test_markup_is_stripped_from_every_text_field(resident, town):
    case = _report(
        resident,
        town,
        title="<b>井盖</b>缺失<script>alert(1)</script>",
        description='<img src=x onerror="alert(1)">请尽快处理 & 谢谢',
    )
    case.refresh_from_db()
    assert case.title == "井盖缺失"
    assert case.description == "请尽快处理 & 谢谢"


def test_a_photo_is_checked_by_its_bytes_and_by_size(resident, town):
    set_rule(actor=None, committee=town.committee, key="grassroots.photo_max_bytes", value=200)
    fake = SimpleUploadedFile("x.png", b"<?php echo 1; ?>", content_type="image/png")
    wrong_type = SimpleUploadedFile("x.gif", b"GIF89a", content_type="image/gif")
    big = SimpleUploadedFile("big.png", make_photo().read() + b"\0" * 300, content_type="image/png")
    for bad in (fake, wrong_type, big):
        with pytest.raises(ValidationError) as error:
            _report(resident, town, photos=[bad])
        assert bad.name in str(error.value)
    assert not Case.objects.exists()


def test_a_real_photo_is_stored_with_its_type_and_size(resident, town):
    case = _report(resident, town, photos=[make_photo()])
    photo = CasePhoto.objects.get(case=case)
    assert photo.content_type == "image/png" and photo.size > 0


def test_the_report_page_answers_429_with_a_chinese_message_when_over_quota(client, resident, town):
    set_rule(actor=None, committee=town.committee, key="grassroots.reports_per_account", value=1)
    client.force_login(resident)
    data = {
        "town": town.pk,
        "category": "urgent",
        "title": "井盖",
        "description": "丢了",
        "place": "路口",
    }
    assert client.post(reverse("grassroots:report"), data).status_code == 302
    response = client.post(reverse("grassroots:report"), data)
    assert response.status_code == 429
    assert "已达上限" in response.content.decode()
    assert Case.objects.count() == 1


def test_a_made_up_proxy_header_does_not_escape_the_address_quota(client, make_user, city, town):
    # given an address allowed one report a day, and no proxy of ours in front
    set_rule(actor=None, committee=town.committee, key="grassroots.reports_per_address", value=1)
    data = {
        "town": town.pk,
        "category": "urgent",
        "title": "井盖",
        "description": "丢了",
        "place": "路口",
    }
    client.force_login(make_user("resident", city))
    client.post(reverse("grassroots:report"), data, REMOTE_ADDR="203.0.113.9")
    # when a second account at that address claims another address in the header
    client.force_login(make_user("resident", city))
    response = client.post(
        reverse("grassroots:report"),
        data,
        REMOTE_ADDR="203.0.113.9",
        HTTP_X_REAL_IP="198.51.100.1",
        HTTP_X_FORWARDED_FOR="198.51.100.1",
    )
    # then the quota still counts the address the request really came from
    assert response.status_code == 429
    assert Case.objects.count() == 1


def test_report_photos_go_through_the_upload_store(client, resident, town, stored_files):
    # given: a real PNG its sender named x.html and declared as a page
    photo = make_upload(name="x.html", kind="png", content_type="text/html")
    # when
    case = _report(resident, town, photos=[photo])
    client.force_login(resident)
    stored = CasePhoto.objects.get(case=case)
    response = client.get(reverse("grassroots:case_photo", args=[stored.pk]))
    # then: a generated storage name; served as the PNG it is, inline, with nosniff
    assert stored_files() == [stored.image.name]
    assert stored.image.name.startswith("grassroots/cases/") and "x." not in stored.image.name
    assert stored.content_type == "image/png"
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_report_over_its_quota_leaves_no_photo(resident, town, stored_files):
    # given
    set_rule(actor=None, committee=town.committee, key="grassroots.reports_per_account", value=0)
    # when
    with pytest.raises(RateLimited):
        _report(resident, town, photos=[make_photo()])
    # then
    assert (stored_files(), CasePhoto.objects.count()) == ([], 0)


def test_a_report_that_fails_to_be_written_leaves_no_photo(
    monkeypatch, resident, town, stored_files
):
    # given: the case's timeline cannot be written
    def fail(**kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(cases, "record_event", fail)
    # when
    with pytest.raises(DatabaseError):
        _report(resident, town, photos=[make_photo()])
    # then
    assert (stored_files(), CasePhoto.objects.count()) == ([], 0)


def _session(convenor, venue, photos):
    return hold_session(
        actor=convenor,
        venue=venue,
        title="路灯协商会",
        held_on=dt.date(2022, 4, 1),
        cases=[make_case(venue=venue, state=CaseState.ACCEPTED)],
        participants=[],
        minutes={},
        photos=photos,
    )


def test_session_photos_go_through_the_upload_store(convenor, venue, stored_files):
    # given: a real JPEG named like a page, and a drawing named like a photo
    photo = make_upload(name="page.html", kind="jpeg", content_type="text/html")
    drawing = make_upload(name="map.png", kind="svg", content_type="image/png")
    # when
    with pytest.raises(ValidationError, match=r"照片：“map\.png”不是可接受的文件"):
        _session(convenor, venue, [make_photo(), drawing])
    session = _session(convenor, venue, [photo])
    # then
    stored = session.photos.get()
    assert stored_files() == [stored.image.name]
    assert stored.image.name.startswith("grassroots/sessions/") and "page" not in stored.image.name
    assert stored.content_type == "image/jpeg"


def test_a_report_recorded_for_an_earlier_day_is_dated_that_day_on_its_timeline(resident, town):
    # when a report made on an earlier day is recorded with its date
    case = _report(resident, town, on=dt.date(2022, 6, 2))
    # then the case and its first timeline row carry that day, not today
    assert case.raised_on == dt.date(2022, 6, 2)
    assert list(case.events.values_list("action", "occurred_on")) == [
        ("raise", dt.date(2022, 6, 2))
    ]
