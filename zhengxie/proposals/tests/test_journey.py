"""The proposal's whole life in a browser (issue item 14)."""

import pytest

from zhengxie.core import factories as core
from zhengxie.core.models import Role
from zhengxie.core.tests.browser import sign_in, submit
from zhengxie.proposals import factories
from zhengxie.proposals.models import Proposal, ProposalState

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _open(page, proposal, action_text):
    page.goto(f"{page.base_url}/proposals/{proposal.pk}/")
    page.click(f"[data-testid=actions] >> text={action_text}")


def _reply(page, proposal, unit_user, text):
    sign_in(page, unit_user.username)
    _open(page, proposal, "拟写答复")
    page.select_option("select[name=result_class]", "A")
    page.fill("textarea[name=text]", text)
    page.check("input[name=send]")
    submit(page, "[data-testid=save-form]")


def _approve(page, proposal, staff):
    sign_in(page, staff.username)
    _open(page, proposal, "审核答复")
    submit(page, "[data-testid=approve-reply]")


def _rate(page, proposal, user, rating, comment=""):
    sign_in(page, user.username)
    _open(page, proposal, "评价办理结果")
    page.check(f"input[name=rating][value={rating}]")
    page.fill("textarea[name=comment]", comment)
    submit(page, "[data-testid=save-form]")


def test_joint_proposal_from_submission_through_redo_to_closing(browser_page, city):
    page = browser_page
    factories.make_plenary(committee=city)
    author = factories.make_proposer(committee=city)
    cosigner = core.make_member(committee=city, name="联名委员甲", with_account=True)
    staff = core.make_user(role=Role.STAFF, committee=city)
    unit_user = factories.make_unit_user(committee=city)
    unit = factories.unit_of(unit_user)
    # a member writes a joint proposal and invites a co-signer
    sign_in(page, author.username)
    page.goto(f"{page.base_url}/proposals/new/")
    page.fill("input[name=title]", "关于加快老旧小区加装电梯的建议")
    page.select_option("select[name=proposer_kind]", "joint")
    page.select_option("select[name=category]", "城乡建设")
    page.fill("textarea[name=situation]", "老旧小区老年人多，上下楼难。")
    page.fill("textarea[name=analysis]", "审批流程长，资金分摊难。")
    page.fill("textarea[name=suggestion]", "简化审批，设立补贴。")
    page.select_option("select[name=cosigners]", str(cosigner.pk))
    submit(page, "[data-testid=submit-proposal]")
    proposal = Proposal.objects.get()
    assert proposal.state == ProposalState.COSIGNING
    # the co-signer confirms
    sign_in(page, cosigner.user.username)
    _open(page, proposal, "确认联名")
    submit(page, "button[name=accept][value='1']")
    assert page.locator("[data-testid=state]").inner_text() == "已提交"
    # the office registers and assigns it
    sign_in(page, staff.username)
    _open(page, proposal, "立案")
    submit(page, "[data-testid=confirm-action]")
    _open(page, proposal, "交办")
    page.select_option("select[name=lead]", str(unit.pk))
    submit(page, "[data-testid=confirm-action]")
    assert page.locator("[data-testid=state]").inner_text() == "办理中"
    # the unit replies, the office publishes, the member is not satisfied
    _reply(page, proposal, unit_user, "已开展调研。")
    _approve(page, proposal, staff)
    _rate(page, proposal, author, "dissatisfied", "没有具体措施")
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.REDO
    # the unit replies again, both proposers are satisfied, the proposal closes
    _reply(page, proposal, unit_user, "已出台补贴办法，年内加装50部。")
    _approve(page, proposal, staff)
    _rate(page, proposal, author, "satisfied")
    _rate(page, proposal, cosigner.user, "satisfied")
    assert page.locator("[data-testid=state]").inner_text() == "已办结"
    proposal.refresh_from_db()
    assert (proposal.state, proposal.number, proposal.redo_round) == (ProposalState.CLOSED, 1, 2)
