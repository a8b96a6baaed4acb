"""The browser journey at phone width: an employer registers, the office verifies it and
publishes its job, a seeker finds it, writes a résumé and applies, the employer invites, the
seeker accepts (only now is the number shown) and is hired."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from zhengxie.core import factories as core
from zhengxie.core.models import Role
from zhengxie.core.tests.browser import fits_its_width, sign_in, submit
from zhengxie.jobs import factories
from zhengxie.jobs.models import Application, ApplicationState

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 800}


def _step(page, action: str, **fields):
    page.click(f"[data-action={action}]")
    for name, value in fields.items():
        page.fill(f"[name={name}]", value)
    submit(page, "[data-testid=confirm-action]")


def _register(page, town, tmp_path):
    licence = tmp_path / "licence.png"
    licence.write_bytes(factories.licence_image().read())
    page.goto(f"{page.base_url}/jobs/employers/register/")
    assert fits_its_width(page)
    page.fill("input[name=name]", "随州香菇食品有限公司")
    page.fill("input[name=credit_code]", "91110000600037341L")
    page.fill("input[name=contact_person]", "张经理")
    page.fill("input[name=contact_phone]", "13972219999")
    page.select_option("select[name=town]", str(town.pk))
    page.set_input_files("input[name=licence]", str(licence))
    page.click("form.card button[type=submit]")
    page.wait_for_url(re.compile(r".*/jobs/employers/\d+/$"))
    assert "待核验" in page.content()


def _post_job(page, town, category):
    page.click("a:has-text('发布岗位')")
    page.fill("input[name=title]", "香菇分拣工")
    page.select_option("select[name=category]", str(category.pk))
    page.select_option("select[name=town]", str(town.pk))
    page.fill("input[name=address]", "厉山镇工业园 3 号")
    page.fill("input[name=pay_min]", "3000")
    page.fill("input[name=pay_max]", "4200")
    page.fill("input[name=hours]", "7:30-17:00")
    page.fill("input[name=headcount]", "5")
    page.click("form.card button[type=submit]")
    page.wait_for_url(re.compile(r".*/jobs/\d+/$"))


def _apply(page):
    page.goto(f"{page.base_url}/jobs/?q=香菇")
    assert fits_its_width(page)
    page.click("[data-testid=job] a.job-title")
    page.click("a:has-text('填写简历后投递')")
    page.fill("input[name=name]", "李小梅")
    page.fill("input[name=mobile]", "13871231234")
    page.click("form.card button[type=submit]")
    page.wait_for_url(re.compile(r".*/jobs/\d+/$"))
    assert fits_its_width(page)
    page.click("[data-testid=apply]")
    page.wait_for_url(re.compile(r".*/jobs/my/$"))
    assert "已投递" in page.content()


def test_from_employer_registration_to_a_hire_on_a_phone(browser_page, tmp_path):
    page = browser_page
    page.set_viewport_size(PHONE)
    city = core.make_committee(code="suizhou", name="随州市政协")
    town = core.make_town(committee=city, name="厉山镇")
    category = factories.make_category(committee=city, name="农业种植")
    owner, seeker = core.make_user(role=Role.RESIDENT, committee=city), core.make_user()
    office = core.make_user(role=Role.STAFF, committee=city)
    # the employer registers; the office verifies it
    sign_in(page, owner.username)
    _register(page, town, tmp_path)
    employer_url = page.url
    sign_in(page, office.username)
    page.goto(f"{page.base_url}/jobs/office/employers/")
    assert fits_its_width(page)
    _step(page, "verify")
    # the employer posts a job; the office publishes it
    sign_in(page, owner.username)
    page.goto(employer_url)
    _post_job(page, town, category)
    sign_in(page, office.username)
    page.goto(f"{page.base_url}/jobs/office/jobs/")
    _step(page, "approve")
    # the seeker finds it and applies in two taps
    sign_in(page, seeker.username)
    _apply(page)
    application = Application.objects.get()
    # the employer sees the number masked and invites
    sign_in(page, owner.username)
    page.goto(f"{page.base_url}/jobs/workspace/applications/")
    assert "138****1234" in page.content() and "13871231234" not in page.content()
    page.goto(f"{page.base_url}/jobs/applications/{application.pk}/")
    assert fits_its_width(page)
    when = (timezone.localtime() + dt.timedelta(days=2)).strftime("%Y-%m-%dT10:00")
    _step(page, "invite", interview_at=when, interview_place="厉山镇工业园 3 号")
    # the seeker accepts; now the employer sees the number and hires
    sign_in(page, seeker.username)
    page.goto(f"{page.base_url}/jobs/applications/{application.pk}/")
    _step(page, "accept")
    sign_in(page, owner.username)
    page.goto(f"{page.base_url}/jobs/applications/{application.pk}/")
    assert "13871231234" in page.inner_text("[data-testid=mobile]")
    _step(page, "hire")
    application.refresh_from_db()
    assert application.state == ApplicationState.HIRED
    assert fits_its_width(page)
