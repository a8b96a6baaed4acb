"""The pages still work under the Content-Security-Policy, in a real browser: nothing they need
is refused (a refusal shows as a securitypolicyviolation event and a console error), the
cockpit draws its charts, htmx loads its panels and the data-attribute behaviours run."""

import pytest

from zhengxie.core.factories import make_member
from zhengxie.core.models import Role
from zhengxie.core.tests.browser import sign_in
from zhengxie.opinions.factories import make_report
from zhengxie.portal.factories import make_board, make_thread
from zhengxie.proposals.factories import make_registered

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Runs before any page script: a refused script, style or image raises this event even when
# the page's own code never gets the chance to run.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} ${event.blockedURI}`);
});
"""
CHARTS_DRAWN = "[...document.querySelectorAll('canvas')].every((c) => Chart.getChart(c))"


@pytest.fixture
def watched_page(browser_page):
    """The browser page, with every console error and uncaught exception collected."""
    page = browser_page
    page.problems = []
    page.add_init_script(REPORT_VIOLATIONS)
    # The site has no favicon; the browser's own request for one is not a page's doing.
    page.route("**/favicon.ico", lambda route: route.fulfill(status=204))
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    return page


def test_guest_reads_the_home_and_a_thread_and_switches_to_english(
    watched_page, city, staff, english_catalog
):
    # given a guest and a public thread
    page = watched_page
    thread = make_thread(board=make_board(committee=city), author=staff)
    # when the guest opens the home page and the thread, and copies the thread's link
    page.goto(f"{page.base_url}/")
    page.goto(f"{page.base_url}/portal/threads/{thread.pk}/")
    page.click("[data-copy-link]")
    page.wait_for_selector("[data-copy-link]:has-text('链接已复制')")
    # and chooses English in the footer's language select (no button: it submits itself)
    with page.expect_navigation():
        page.select_option("footer select[name=language]", "en")
    # then the thread comes back in English and nothing was refused on the way
    assert page.get_attribute("html", "lang") == "en"
    assert page.inner_text("[data-copy-link]") == "[Copy link]"
    assert "Smart CPPCC" in page.inner_text("footer")
    assert page.problems == []


def test_leader_sees_the_cockpit_charts_drawn(watched_page, city, make_user):
    # given a leader of a committee with members
    page = watched_page
    leader = make_user(Role.LEADER, city)
    make_member(committee=city)
    sign_in(page, leader.username)
    # when the leader opens the cockpit
    page.goto(f"{page.base_url}/insights/?committee={city.pk}&year=2022")
    page.wait_for_function(CHARTS_DRAWN)
    # then all four charts are drawn from the page's json_script data, with nothing refused
    assert page.locator("canvas").count() == 4
    assert page.problems == []


def test_staff_opens_a_proposal_whose_similar_panel_htmx_loads(watched_page, city, staff):
    # given a registered proposal
    page = watched_page
    proposal = make_registered(committee=city, office=staff)
    sign_in(page, staff.username)
    # when the office opens its record, whose similar-proposals panel loads through htmx
    page.goto(f"{page.base_url}/proposals/{proposal.pk}/")
    page.wait_for_selector("text=正在查找相似提案", state="detached")
    # then the panel replaced its placeholder without any eval or refused script
    assert page.problems == []


def test_member_is_asked_before_a_draft_is_deleted(watched_page, city):
    # given a member's draft report
    page = watched_page
    author = make_member(committee=city, with_account=True)
    report = make_report(author=author, submit=False)
    sign_in(page, author.user.username)
    page.goto(f"{page.base_url}/opinions/{report.pk}/")
    # when the member clicks delete and declines the question
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.click("[data-action=discard]")
    # then the draft is kept
    assert page.url.endswith(f"/opinions/{report.pk}/")
    report.refresh_from_db()
    assert not report.is_deleted
    # when the member clicks again and accepts
    page.once("dialog", lambda dialog: dialog.accept())
    with page.expect_navigation():
        page.click("[data-action=discard]")
    # then the draft is gone, and nothing was refused on the way
    report.refresh_from_db()
    assert report.is_deleted
    assert page.problems == []
