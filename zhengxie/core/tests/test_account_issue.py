"""The office opens a committee's or a sector's accounts at once; members activate with the
letter's one-time code or by SMS."""

import io
import re

import pytest
import qrcode
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from docx import Document
from PIL import Image

from zhengxie.core.factories import PASSWORD, make_member, make_sector
from zhengxie.core.models import ActivationCode, OutboxMessage, Role, User
from zhengxie.core.services.activation import IssueChannel, issue_accounts
from zhengxie.core.services.members import create_member

OWNER = {"REMOTE_ADDR": "198.51.100.7"}
URL = "https://zhengxie.example.org/accounts/activate/"


@pytest.fixture
def roster(city, staff):
    """Three serving members of two sectors, one departed, one without a mobile."""
    economy, education = make_sector(committee=city), make_sector(committee=city, name="教育界")
    members = [
        create_member(
            user=staff,
            committee=city,
            fields={"name": name, "gender": "M", "mobile": mobile, "sector": sector},
        )
        for name, mobile, sector in [
            ("甲", "13900000001", economy),
            ("乙", "13900000002", economy),
            ("丙", "13900000003", education),
        ]
    ]
    make_member(committee=city, name="丁", mobile="13900000004", is_active=False)
    make_member(committee=city, name="戊", mobile="")
    return members


def letter_pages(docx: bytes) -> list[str]:
    text = "\n".join(p.text for p in Document(io.BytesIO(docx)).paragraphs)
    return [page for page in re.split(r"^.*账号开通通知书$", text, flags=re.M) if page.strip()]


def letter_codes(staff, committee) -> dict[str, str]:
    issued = issue_accounts(
        staff=staff, committee=committee, channel=IssueChannel.LETTER, activation_url=URL
    )
    return codes_in(issued.letters)


def codes_in(docx: bytes) -> dict[str, str]:
    """mobile -> the activation code printed beside it."""
    text = "\n".join(p.text for p in Document(io.BytesIO(docx)).paragraphs)
    return dict(re.findall(r"登录手机号：(\d{11})\n激活码：([A-Z0-9]{5}-[A-Z0-9]{5})", text))


def activate(client, mobile: str, code: str, password: str = "Suizhou-2022!"):
    return client.post(
        reverse("core:activate"),
        {"mobile": mobile, "code": code, "new_password1": password, "new_password2": password},
        **OWNER,
    )


def test_letters_one_page_per_serving_member_not_yet_activated(city, staff, roster):
    # given one member who already activated
    roster[0].user.activated_at = timezone.now()
    roster[0].user.save()
    # when
    issued = issue_accounts(
        staff=staff, committee=city, channel=IssueChannel.LETTER, activation_url=URL
    )
    # then
    assert (issued.members, issued.pending, issued.without_mobile) == (4, 2, 1)
    pages = letter_pages(issued.letters)
    assert len(pages) == 2 and "乙委员" in pages[0] and "丙委员" in pages[1]
    assert set(codes_in(issued.letters)) == {"13900000002", "13900000003"}
    # and the codes are kept only as hashes
    stored = ActivationCode.objects.values_list("digest", flat=True)
    assert not set(codes_in(issued.letters).values()) & set(stored)


def test_a_letters_qr_code_opens_the_activation_page_with_its_code(city, staff, roster):
    issued = issue_accounts(
        staff=staff, committee=city, channel=IssueChannel.LETTER, activation_url=URL
    )
    code = codes_in(issued.letters)["13900000001"]
    document = Document(io.BytesIO(issued.letters))
    picture = next(p for p in document.part.package.parts if p.partname.endswith("qr00001.png"))
    # the picture's modules are those of the link with the code in it
    expected = qrcode.QRCode(border=2, mask_pattern=0)
    expected.add_data(f"{URL}{code}/")
    expected.make(fit=True)
    matrix = expected.get_matrix()
    image = Image.open(io.BytesIO(picture.blob)).convert("L")
    scale = image.width // len(matrix)
    drawn = [
        [
            image.getpixel((x * scale + scale // 2, y * scale + scale // 2)) < 128
            for x in range(len(matrix))
        ]
        for y in range(len(matrix))
    ]
    assert drawn == matrix


def test_a_sector_gets_its_own_letters(city, staff, roster):
    issued = issue_accounts(
        staff=staff,
        committee=city,
        channel=IssueChannel.LETTER,
        activation_url=URL,
        sector=roster[2].sector,
    )
    assert issued.pending == 1 and set(codes_in(issued.letters)) == {"13900000003"}


def test_the_letters_code_activates_once_and_a_new_letter_voids_the_old(
    client, city, staff, roster
):
    # given two letters issued one after the other
    first = codes_in(
        issue_accounts(staff=staff, committee=city, channel="letter", activation_url=URL).letters
    )
    second = codes_in(
        issue_accounts(staff=staff, committee=city, channel="letter", activation_url=URL).letters
    )
    # when the old letter's code is tried, then the new one
    old = activate(client, "13900000001", first["13900000001"])
    new = activate(client, "13900000001", second["13900000001"].lower().replace("-", " "))
    # then only the new one works, and the member is in with their own password
    assert "激活码不正确或已失效" in old.content.decode()
    assert new.status_code == 302
    user = User.objects.get(mobile="13900000001")
    assert user.activated_at is not None and user.check_password("Suizhou-2022!")
    assert user.history.first().history_change_reason == "账号通知书激活"
    # and it does not work a second time
    client.logout()
    again = activate(client, "13900000001", second["13900000001"], "Another-2022!")
    assert "激活码不正确或已失效" in again.content.decode()


def test_an_expired_letter_code_is_refused_and_changes_nothing(client, city, staff, roster):
    codes = codes_in(
        issue_accounts(staff=staff, committee=city, channel="letter", activation_url=URL).letters
    )
    ActivationCode.objects.update(expires_at=timezone.now())

    response = activate(client, "13900000001", codes["13900000001"])

    assert response.status_code == 200
    user = User.objects.get(mobile="13900000001")
    assert user.activated_at is None and not user.has_usable_password()


def test_a_code_works_only_with_its_own_number(client, city, staff, roster):
    codes = codes_in(
        issue_accounts(staff=staff, committee=city, channel="letter", activation_url=URL).letters
    )

    response = activate(client, "13900000002", codes["13900000001"])

    assert "激活码不正确或已失效" in response.content.decode()
    assert not User.objects.filter(activated_at__isnull=False).exists()


def test_the_staff_page_downloads_the_letters(client, city, staff, roster):
    client.force_login(staff)

    response = client.post(
        f"{reverse('core:account_issue')}?committee={city.code}", {"channel": "letter"}
    )

    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert "attachment" in response["Content-Disposition"]
    pages = letter_pages(response.content)
    assert len(pages) == 3
    assert all("http://testserver/accounts/activate/" in page for page in pages)


def test_the_staff_page_sends_the_sms_to_those_not_yet_activated(
    client, city, staff, roster, django_capture_on_commit_callbacks
):
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{reverse('core:account_issue')}?committee={city.code}", {"channel": "sms"}
        )
    response = client.get(response.url)

    assert "已为 3 位尚未激活的委员发送开通短信" in response.content.decode()
    sent = OutboxMessage.objects.order_by("phone")
    assert [m.phone for m in sent] == ["13900000001", "13900000002", "13900000003"]
    assert "甲委员" in sent[0].text and "/accounts/login/sms/" in sent[0].text


def test_the_staff_page_shows_how_far_accounts_are(client, city, staff, roster):
    client.force_login(staff)

    figures = client.get(reverse("core:account_issue")).context["figures"]

    assert figures == {"members": 4, "with_account": 3, "activated": 0, "without_mobile": 1}


def test_only_the_committees_office_issues_accounts(city, county, make_user, roster):
    county_staff = make_user(Role.STAFF, county)
    member = roster[0].user
    for outsider in (county_staff, member):
        with pytest.raises(PermissionDenied):
            issue_accounts(staff=outsider, committee=city, channel="letter", activation_url=URL)
    assert not ActivationCode.objects.exists()


def test_a_member_is_refused_the_staff_page(client, roster):
    member = roster[0].user
    member.must_change_password = False
    member.save()
    client.force_login(member)
    assert client.get(reverse("core:account_issue")).status_code == 403


def test_the_qr_link_fills_in_the_code(client, db):
    response = client.get(reverse("core:activate_code", args=["ABCDE-FGHJK"]))
    assert response.context["form"]["code"].value() == "ABCDE-FGHJK"


def test_an_activated_members_password_signs_in_by_number(client, city, staff, roster):
    codes = codes_in(
        issue_accounts(staff=staff, committee=city, channel="letter", activation_url=URL).letters
    )
    activate(client, "13900000003", codes["13900000003"], PASSWORD + "X!")
    client.logout()

    response = client.post(
        reverse("core:login"), {"username": "13900000003", "password": PASSWORD + "X!"}, **OWNER
    )

    assert response.status_code == 302
