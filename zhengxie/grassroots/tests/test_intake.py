"""Abuse limits and sanitising of what residents send in."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from zhengxie.core.config import set_setting
from zhengxie.grassroots.factories import make_photo
from zhengxie.grassroots.models import Case, CasePhoto
from zhengxie.grassroots.services.cases import report_case
from zhengxie.grassroots.services.intake import RateLimited


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
    set_setting(committee=town.committee, key="grassroots.reports_per_account", value=2)
    _report(resident, town)
    _report(resident, town, address="10.0.0.2")
    # when the third comes in
    with pytest.raises(RateLimited):
        _report(resident, town, address="10.0.0.3")
    # then only two are stored
    assert Case.objects.filter(reporter=resident).count() == 2


def test_an_address_is_stopped_after_its_quota_across_accounts(make_user, city, town):
    set_setting(committee=town.committee, key="grassroots.reports_per_address", value=3)
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


def test_a_photo_is_checked_by_declared_type_by_its_bytes_and_by_size(resident, town):
    set_setting(committee=town.committee, key="grassroots.photo_max_bytes", value=200)
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
    set_setting(committee=town.committee, key="grassroots.reports_per_account", value=1)
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
