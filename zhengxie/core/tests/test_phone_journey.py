"""A member's phone in a real browser, 375 px wide: the first sign-in by SMS code and the
password it leads to, the account letter's QR link, a password reset by SMS, the evening's
digest leading to 今日待办; the messages are read from the outbox as a developer reads them
(manage.py sms_outbox)."""

import io
import json
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from zhengxie.core import factories
from zhengxie.core.services.activation import IssueChannel, issue_accounts
from zhengxie.core.services.deliveries import send_digests
from zhengxie.core.services.members import create_member
from zhengxie.core.services.notifications import notify
from zhengxie.core.tests.browser import fits_its_width, submit
from zhengxie.proposals import factories as proposal_factories
from zhengxie.proposals.notifications import PROGRESS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 375, "height": 740}


def last_code(mobile: str) -> str:
    out = io.StringIO()
    call_command("sms_outbox", phone=mobile, last=True, json=True, stdout=out)
    return re.search(r"\d{6}", json.loads(out.getvalue())["text"])[0]


@pytest.fixture
def phone_page(browser_page):
    browser_page.set_viewport_size(PHONE)
    return browser_page


@pytest.fixture
def new_member(city, staff):
    return create_member(
        user=staff, committee=city, fields={"name": "陈静", "gender": "F", "mobile": "13911112222"}
    )


def send_code(page, mobile: str) -> None:
    page.fill("input[name=mobile]", mobile)
    page.click("[data-testid=send-code]")
    page.wait_for_selector(".messages li")


def test_first_sign_in_by_sms_code_then_own_password(phone_page, new_member):
    page = phone_page
    page.goto(f"{page.base_url}/accounts/login/")
    page.click("[data-testid=sms-login-link]")
    assert fits_its_width(page)

    # a mistyped number and a wrong code get clear Chinese messages
    page.fill("input[name=mobile]", "1391111222")
    page.click("[data-testid=send-code]")
    assert "请输入正确的 11 位中国大陆手机号码" in page.inner_text("main")

    send_code(page, "13911112222")
    assert "验证码已发送至 139****2222" in page.inner_text(".messages")
    right = last_code("13911112222")
    page.fill("input[name=code]", f"{(int(right) + 1) % 10**6:06d}")
    page.click("button[value=login]")
    assert "验证码错误，还可再试 4 次" in page.inner_text("main")

    page.fill("input[name=code]", right)
    page.click("button[value=login]")
    page.wait_for_url("**/accounts/password/")
    assert "首次登录，请设置您自己的密码" in page.inner_text("main")
    assert fits_its_width(page)

    page.fill("input[name=new_password1]", "Suizhou-2022!")
    page.fill("input[name=new_password2]", "Suizhou-2022!")
    page.click("main button[type=submit]")
    page.wait_for_selector("text=密码已修改")
    page.click("header button:has-text('退出')")

    page.goto(f"{page.base_url}/accounts/login/")
    page.fill("input[name=username]", "139 1111 2222")
    page.fill("input[name=password]", "Suizhou-2022!")
    page.click("main button[type=submit]")
    assert "陈静" in page.inner_text("header .account")


def test_the_letters_qr_link_activates_the_account(phone_page, city, staff, new_member):
    page = phone_page
    issued = issue_accounts(
        staff=staff,
        committee=city,
        channel=IssueChannel.LETTER,
        activation_url=f"{page.base_url}/accounts/activate/",
    )
    link = re.search(r"http://\S+/accounts/activate/[A-Z0-9-]+/", _letter_text(issued.letters))[0]

    page.goto(link)  # what the phone's camera opens from the QR code
    assert page.input_value("input[name=code]") == link.rstrip("/").rsplit("/", 1)[1]
    assert fits_its_width(page)
    page.fill("input[name=mobile]", "13911112222")
    page.fill("input[name=new_password1]", "Suizhou-2022!")
    page.fill("input[name=new_password2]", "Suizhou-2022!")
    page.click("main button[type=submit]")

    page.wait_for_selector("text=账号已激活")
    assert "陈静" in page.inner_text("header .account")

    # the same letter does not work twice
    submit(page, "header button:has-text('退出')")
    page.goto(link)
    page.fill("input[name=mobile]", "13911112222")
    page.fill("input[name=new_password1]", "Another-2022!")
    page.fill("input[name=new_password2]", "Another-2022!")
    page.click("main button[type=submit]")
    assert "激活码不正确或已失效" in page.inner_text("main")


def test_a_forgotten_password_is_reset_by_sms_code(phone_page, new_member):
    page = phone_page
    user = new_member.user
    user.set_password("Old-pass-2022!")
    user.must_change_password = False
    user.save()

    page.goto(f"{page.base_url}/accounts/login/")
    page.click("text=忘记密码")
    send_code(page, "13911112222")
    page.fill("input[name=code]", last_code("13911112222"))
    page.fill("input[name=new_password1]", "Suizhou-2023!")
    page.fill("input[name=new_password2]", "Suizhou-2023!")
    page.click("button[value=reset]")

    page.wait_for_selector("text=密码已重设")
    assert fits_its_width(page)
    submit(page, "header button:has-text('退出')")
    page.goto(f"{page.base_url}/accounts/login/")
    page.fill("input[name=username]", "13911112222")
    page.fill("input[name=password]", "Suizhou-2023!")
    page.click("main button[type=submit]")
    assert "陈静" in page.inner_text("header .account")


def _letter_text(docx: bytes) -> str:
    from docx import Document

    return "\n".join(p.text for p in Document(io.BytesIO(docx)).paragraphs)


def test_the_days_digest_sms_opens_todays_to_dos_on_the_phone(phone_page, city, staff):
    # given a member with a password, a co-signing invitation waiting, and two items of news
    # that are not urgent, so they wait for the evening's digest
    member = factories.make_member(committee=city, with_account=True, name="周晓")
    member.user.set_password("Suizhou-2022!")
    member.user.mobile = member.mobile
    member.user.save()
    inviter = factories.make_member(committee=city, with_account=True)
    title = "关于增设公交站的建议"
    proposal_factories.make_submitted(
        committee=city, kind="joint", author=inviter.user, cosigners=[member], title=title
    )
    notify(kind=PROGRESS, recipients=[member.user], title="提案已立案")
    notify(kind=PROGRESS, recipients=[member.user], title="提案已交办")
    # when the digest goes out
    assert send_digests(day=timezone.localdate()) == 1
    out = io.StringIO()
    call_command("sms_outbox", phone=member.user.mobile, last=True, json=True, stdout=out)
    text = json.loads(out.getvalue())["text"]
    # then one SMS names the day's news and links to 今日待办
    assert "提案已立案" in text and "提案已交办" in text
    link = re.search(r"https?://\S+", text)[0]
    assert link.endswith("/todo/")
    # and the member signs in from the link and finds the invitation one tap away
    page = phone_page
    page.goto(page.base_url + "/todo/")
    page.fill("input[name=username]", member.user.mobile)
    page.fill("input[name=password]", "Suizhou-2022!")
    page.click("main button[type=submit]")
    page.wait_for_url("**/todo/")
    assert title in page.inner_text("main")
    assert fits_its_width(page)
    page.click(f"main a:has-text('{title}')")
    assert title in page.inner_text("main")
