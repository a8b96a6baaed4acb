"""A guest reads the seed thread, a resident registers and replies, a moderator hides it."""

import pytest

from zhengxie.core.factories import answer_to
from zhengxie.core.models import Role
from zhengxie.core.tests.browser import fits_its_width, sign_in, submit
from zhengxie.portal.factories import make_board, make_thread
from zhengxie.portal.models import Thread

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _counts(page) -> tuple[str, str]:
    return page.get_by_test_id("views").inner_text(), page.get_by_test_id("replies").inner_text()


def _guest_reads(page, url: str) -> None:
    page.goto(url)
    assert _counts(page) == ("1", "0")
    assert page.get_by_test_id("floor-name").first.inner_text() == "楼主"
    assert "您需要登录后才可以回帖" in page.get_by_test_id("reply-login").inner_text()
    assert page.get_by_test_id("guest-tip").is_visible()
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.click("[data-copy-link]")
    page.wait_for_selector("text=链接已复制")
    assert page.evaluate("navigator.clipboard.readText()") == url
    page.set_viewport_size({"width": 375, "height": 800})
    page.reload()
    assert _counts(page) == ("2", "0")
    assert fits_its_width(page)


def _resident_registers_and_replies(page, url: str) -> None:
    page.goto(f"{page.base_url}/accounts/register/")
    page.fill("input[name=username]", "xiaowang")
    page.fill("input[name=display_name]", "热心市民小王")
    page.fill("input[name=password1]", "Suizhou-2024-bells")
    page.fill("input[name=password2]", "Suizhou-2024-bells")
    page.fill("input[name=answer]", str(answer_to(page.inner_text("label[for=id_answer]"))))
    submit(page, "main form button[type=submit]")
    page.goto(url)
    page.fill("textarea[name=body]", "<b>支持</b>加快危困企业重组盘活！<script>alert(1)</script>")
    page.click("#fastpost button[type=submit]")
    page.wait_for_selector("#floor-2")
    assert page.locator("#floor-2 [data-testid=floor-name]").inner_text() == "沙发"
    assert page.locator("#floor-2 .post-body b").inner_text() == "支持"
    assert page.locator("#floor-2 script").count() == 0
    assert _counts(page)[1] == "1"
    assert fits_its_width(page)
    page.click("#floor-2 .author a")
    assert page.get_by_test_id("credits").inner_text() == "1"
    assert fits_its_width(page)
    submit(page, "header form button")  # 退出


def _moderator_hides_the_reply(page, url: str) -> None:
    sign_in(page, "moderator")
    page.goto(url)
    page.locator("[data-testid=post-mod-2] button[value=hide]").click()
    page.wait_for_selector("[data-testid=hidden-notice]")
    assert page.locator("#floor-2 [data-testid=floor-name]").inner_text() == "沙发"
    assert _counts(page)[1] == "0"
    page.fill("textarea[name=body]", "请大家文明发言。")
    page.click("#fastpost button[type=submit]")
    page.wait_for_selector("#floor-3")
    assert page.locator("#floor-3 [data-testid=floor-name]").inner_text() == "板凳"
    assert _counts(page)[1] == "1"
    assert fits_its_width(page)


def test_guest_resident_and_moderator_journey(browser_page, city, make_user):
    # given: the seed thread on a public news board
    moderator = make_user(Role.STAFF, city, username="moderator")
    board = make_board(committee=city, name="政协要闻")
    thread = make_thread(board=board, author=moderator, title="随州市政协2022年工作回眸")
    page = browser_page
    url = f"{page.base_url}/portal/threads/{thread.pk}/"
    # when / then
    _guest_reads(page, url)
    _resident_registers_and_replies(page, url)
    _moderator_hides_the_reply(page, url)
    thread = Thread.objects.get(pk=thread.pk)
    assert (thread.max_floor, thread.replies) == (3, 1)
    for path in ("/portal/", f"/portal/boards/{board.pk}/", "/portal/hall/", "/portal/moderation/",
                 f"/portal/threads/{thread.pk}/read/", "/portal/search/?q=回眸"):  # fmt: skip
        page.goto(page.base_url + path)
        assert fits_its_width(page), path
