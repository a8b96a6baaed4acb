"""The office's rule pages: every rule with its value, a form built from the rule's kind, the
history of changes, restoring the default, and who may see them."""

import datetime as dt

import pytest
from django.urls import reverse

from zhengxie.core import factories as core
from zhengxie.core.models import CommitteeSetting, Role
from zhengxie.core.rules import Integer, declarations, rule
from zhengxie.core.services.rules import set_rule
from zhengxie.proposals import factories as proposals
from zhengxie.proposals.models import ProposerKind

COSIGN_DAYS = "proposals.cosign_days"


def _edit(key: str, committee) -> str:
    return f"{reverse('core:rule_edit', args=[key])}?committee={committee.pk}"


def test_the_list_shows_every_rule_with_default_or_own_value(client, city, staff):
    # given one rule the city set itself
    set_rule(actor=None, committee=city, key=COSIGN_DAYS, value=11)
    client.force_login(staff)
    # when
    response = client.get(reverse("core:rule_list"))
    # then every declared rule is listed once, grouped by app
    rows = {row.rule.key: row for group in response.context["groups"] for row in group.rows}
    assert set(rows) == {r.key for r in declarations()}
    assert (rows[COSIGN_DAYS].value, rows[COSIGN_DAYS].own) == (11, True)
    assert rows["proposals.reply_months"].own is False
    page = response.content.decode()
    assert "本级设置" in page and "默认值" in page and "提案" in page
    assert rows["proposals.reply_months"].rule.source in page


@pytest.mark.parametrize("own_values", [1, 6])
def test_the_list_costs_the_same_queries_at_any_size(
    client, city, staff, own_values, django_assert_max_num_queries
):
    keys = [
        r.key
        for r in declarations()
        if isinstance(r.kind, Integer) and (r.kind.max is None or r.default < r.kind.max)
    ]
    for key in keys[:own_values]:
        set_rule(
            actor=None, committee=city, key=key, value=rule(city, key) + 1
        )  # each below its maximum
    client.force_login(staff)

    with django_assert_max_num_queries(9):
        response = client.get(reverse("core:rule_list"))

    assert sum(row.own for g in response.context["groups"] for row in g.rows) == own_values


def test_a_changed_deadline_applies_to_the_next_proposal_at_once(client, city, staff):
    # given the office shortens the co-signing period on the page
    client.force_login(staff)
    response = client.post(_edit(COSIGN_DAYS, city), {"committee": city.pk, "value": "3"})
    assert response.status_code == 302
    # when a joint proposal is submitted
    proposal = proposals.make_submitted(
        committee=city, kind=ProposerKind.JOINT, cosigners=[core.make_member(committee=city)]
    )
    # then its co-signing deadline is three days away
    assert proposal.cosign_deadline - proposal.submitted_at == dt.timedelta(days=3)


def test_a_list_is_typed_one_entry_a_line(client, city, staff):
    client.force_login(staff)

    client.post(_edit("opinions.categories", city), {"value": "经济发展\n\n 社会民生 \n其他"})

    assert rule(city, "opinions.categories") == ["经济发展", "社会民生", "其他"]


def test_the_proposal_categories_keep_the_order_the_office_types(client, city, staff):
    # given the form shows the default categories one main category a line
    client.force_login(staff)
    shown = client.get(_edit("proposals.categories", city)).context["form"]["value"].value()
    assert shown.splitlines()[0] == "经济建设|经济发展、工业商贸、财税金融、农林水利、科学技术"
    # when the office types its own, 社会 first
    client.post(_edit("proposals.categories", city), {"value": "社会|教育、卫生\n经济|\n文化|艺术"})
    # then
    assert rule(city, "proposals.categories") == {
        "社会": ["教育", "卫生"],
        "经济": [],
        "文化": ["艺术"],
    }
    assert list(rule(city, "proposals.categories")) == ["社会", "经济", "文化"]


def test_rows_and_records_are_edited_part_by_part(client, city, staff):
    client.force_login(staff)

    client.post(_edit("portal.credit_levels", city), {"value": "-100|限制\n0｜新手\n100|老手"})
    client.post(
        _edit("activities.absence_limits", city),
        {"plenary__year": "", "plenary__term": "2", "standing__year": "4", "standing__term": "8"},
    )

    assert rule(city, "portal.credit_levels") == [[-100, "限制"], [0, "新手"], [100, "老手"]]
    assert rule(city, "activities.absence_limits") == {
        "plenary": {"year": None, "term": 2},
        "standing": {"year": 4, "term": 8},
    }


def test_bad_input_names_the_field_and_changes_nothing(client, city, staff):
    client.force_login(staff)
    url = _edit("portal.credit_levels", city)

    typed = client.post(url, {"value": "0|新手\n一百|老手"})
    unordered = client.post(url, {"value": "100|老手\n0|新手"})

    assert "第 2 行：“一百”不是整数" in typed.context["form"].errors["value"][0]
    assert "积分等级" in typed.content.decode()
    assert "须按从小到大排列" in unordered.context["form"].non_field_errors()[0]
    assert not CommitteeSetting.objects.exists()


def test_the_page_shows_who_changed_what_and_restores_the_default(client, city, staff):
    # given two changes by the staff
    client.force_login(staff)
    client.post(_edit(COSIGN_DAYS, city), {"value": "10"})
    client.post(_edit(COSIGN_DAYS, city), {"value": "12"})
    # when the default is restored
    restore = reverse("core:rule_restore", args=[COSIGN_DAYS])
    client.post(restore, {"committee": city.pk})
    # then the rule reads the default and the history says so, newest first
    assert rule(city, COSIGN_DAYS) == 7
    history = client.get(_edit(COSIGN_DAYS, city)).context["history"]
    assert [e.action for e in history] == ["删除", "修改", "创建"]
    assert all(e.who == str(staff) for e in history)
    assert [(c.old, c.new) for c in history[1].changes] == [("10", "12")]
    assert [(c.old, c.new) for c in history[2].changes] == [("7（默认）", "10")]
    assert history[0].reason.startswith("恢复默认")


def test_a_rule_set_on_its_own_page_is_sent_there(client, city, staff):
    client.force_login(staff)

    response = client.get(_edit("duty.grade_bands", city))

    assert response.status_code == 302
    assert response.url.startswith(reverse("duty:rules"))


@pytest.mark.parametrize(
    ("role", "answer"),
    [(Role.STAFF, 200), (Role.ADMIN, 200), (Role.LEADER, 403), (Role.MEMBER, 403)],
)
def test_only_the_office_of_the_committee_sees_and_sets_its_rules(
    client, city, make_user, role, answer
):
    client.force_login(make_user(role, city))

    assert client.get(f"{reverse('core:rule_list')}?committee={city.pk}").status_code == answer
    posted = client.post(_edit(COSIGN_DAYS, city), {"value": "3"})

    assert posted.status_code == (302 if answer == 200 else 403)
    assert rule(city, COSIGN_DAYS) == (3 if answer == 200 else 7)


def test_a_countys_office_cannot_set_the_citys_rules(client, city, county, make_user):
    client.force_login(make_user(Role.STAFF, county))

    listed = client.get(f"{reverse('core:rule_list')}?committee={city.pk}")
    restored = client.post(reverse("core:rule_restore", args=[COSIGN_DAYS]), {"committee": city.pk})
    posted = client.post(_edit(COSIGN_DAYS, city), {"value": "3"})

    assert (listed.status_code, restored.status_code, posted.status_code) == (403, 403, 403)
    assert rule(city, COSIGN_DAYS) == 7


def test_the_staff_menu_offers_the_rules(client, city, staff):
    client.force_login(staff)

    assert reverse("core:rule_list") in client.get(reverse("core:home")).content.decode()


def test_every_rule_is_set_on_the_general_page_or_on_its_own():
    from zhengxie.core.forms.rule_values import editable
    from zhengxie.core.rules.overview import own_page

    for declared in declarations():
        assert editable(declared.kind) or own_page(declared.key), declared.key


def test_every_editable_rule_shows_its_value_in_its_form(client, city, staff):
    from zhengxie.core.forms.rule_values import editable
    from zhengxie.core.rules.overview import own_page

    client.force_login(staff)
    for declared in declarations():
        if own_page(declared.key) or not editable(declared.kind):
            continue
        form = client.get(_edit(declared.key, city)).context["form"]
        # posting the form as shown keeps the default: the text round-trips
        data = {name: form[name].value() for name in form.fields}
        data = {k: "" if v is None else v for k, v in data.items()}
        client.post(_edit(declared.key, city), data)
        assert rule(city, declared.key) == declared.default, declared.key
