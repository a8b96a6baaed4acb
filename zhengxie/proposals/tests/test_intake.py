"""Smart intake on a committee's register: training, the panels per role, acceptance,
the figures and the commands."""

import io
import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook

from zhengxie.core import factories as core
from zhengxie.core.models import Role
from zhengxie.core.task_leases import sweep_lost_tasks
from zhengxie.proposals import factories, services
from zhengxie.proposals.intake import registry
from zhengxie.proposals.intake.acceptance import accept_category, figures_acceptance
from zhengxie.proposals.intake.register import committee_examples
from zhengxie.proposals.intake.suggestions import suggest_for_proposal
from zhengxie.proposals.models import (
    Assignment,
    AssignmentRole,
    IntakeModel,
    IntakeSuggestion,
    ProposalState,
)
from zhengxie.proposals.tasks import train_intake_model

from .intake_texts import EDUCATION, NEW_EDUCATION, NEW_TRAFFIC, TRAFFIC


def _sections(text: str) -> dict:
    third = len(text) // 3
    return {
        "situation": text[:third],
        "analysis": text[third : 2 * third],
        "suggestion": text[2 * third :],
    }


@pytest.fixture(autouse=True)
def _small_history(monkeypatch):
    """Eight proposals stand for a register here; the real floor is MIN_EXAMPLES."""
    monkeypatch.setattr(registry, "MIN_EXAMPLES", 4)


@pytest.fixture
def office(city):
    return core.make_user(role=Role.STAFF, committee=city)


@pytest.fixture
def units(city):
    names = ("市教育局", "市财政局", "市交通运输局", "市公安局")
    return {name: core.make_handling_unit(committee=city, name=name) for name in names}


@pytest.fixture
def register(city, office, units):
    """Education proposals led by 市教育局 (two with 市财政局), traffic ones by 市交通运输局;
    市公安局 was first given one traffic proposal and asked to be reassigned away."""
    police = core.make_user(role=Role.UNIT, committee=city, handling_unit=units["市公安局"])
    made = []
    for n, (title, text) in enumerate(EDUCATION):
        proposal = factories.make_registered(
            committee=city, office=office, title=title, category="教育事业", **_sections(text)
        )
        co = [units["市财政局"]] if n < 2 else []
        made.append(
            services.assign_proposal(
                proposal=proposal, actor=office, lead=units["市教育局"], co_units=co
            )
        )
    for n, (title, text) in enumerate(TRAFFIC):
        proposal = factories.make_registered(
            committee=city, office=office, title=title, category="城乡建设", **_sections(text)
        )
        lead = units["市公安局"] if n == 0 else units["市交通运输局"]
        made.append(services.assign_proposal(proposal=proposal, actor=office, lead=lead))
        if n == 0:
            services.request_reassignment(
                assignment=Assignment.objects.get(proposal=proposal),
                actor=police,
                reason="非本单位职责",
            )
    return made


@pytest.fixture
def trained(city, register):
    registry.train_committee(city.pk)
    return register


@pytest.fixture
def new_proposal(city, trained):
    title, text = NEW_EDUCATION
    # The member filed it under the wrong category.
    return factories.make_submitted(
        committee=city, title=title, category="城乡建设", **_sections(text)
    )


def test_the_register_is_read_with_units_and_reassignment_requests(city, register):
    # when
    examples = {e.title: e for e in committee_examples(city.pk)}
    # then
    assert len(examples) == 8
    first_education = examples[EDUCATION[0][0]]
    assert (first_education.category, first_education.lead) == ("教育事业", "市教育局")
    assert first_education.co_units == ("市财政局",)
    assert examples[TRAFFIC[0][0]].declined == ("市公安局",)
    assert first_education.label.startswith("第")


def test_the_register_is_read_in_three_queries_whatever_its_size(
    city, register, django_assert_num_queries
):
    with django_assert_num_queries(3):
        committee_examples(city.pk)


def test_training_stores_the_model_with_the_register_it_learned(city, register):
    # when
    row = registry.train_committee(city.pk)
    # then
    row.refresh_from_db()
    assert (row.examples, row.registered, row.assigned) == (8, 8, 8)
    assert row.size == len(bytes(row.data)) > 0


def test_a_training_whose_worker_died_is_queued_again_and_stores_the_model(
    city, register, task_queue
):
    # given a training that lost its worker on the production queue
    train_intake_model.enqueue(committee_id=city.pk)
    task_queue.start_and_die()
    # when the sweep finds its lease stale and a worker takes it again
    assert sweep_lost_tasks(now=task_queue.stale()).retried == 1
    assert task_queue.run() == 1
    # then the model is stored once
    assert IntakeModel.objects.get(committee=city).examples == 8


def test_too_little_history_trains_nothing(city, office, monkeypatch):
    factories.make_registered(committee=city, office=office)
    assert registry.train_committee(city.pk) is None
    assert not IntakeModel.objects.exists()


def test_staff_see_categories_and_units_with_their_evidence(new_proposal, office, units):
    # when
    advice = suggest_for_proposal(proposal=new_proposal, user=office)
    # then
    assert advice.categories[0].name == "教育事业"
    assert advice.lead.unit == units["市教育局"]
    assert {p.title for p in advice.lead.evidence} <= {title for title, _text in EDUCATION}
    assert advice.borrowed_from is None


def test_showing_the_suggestions_keeps_what_was_shown(new_proposal, office, units):
    # when
    suggest_for_proposal(proposal=new_proposal, user=office)
    # then
    shown = IntakeSuggestion.objects.get(proposal=new_proposal)
    assert shown.categories[0] == "教育事业"
    assert shown.lead_units[0] == units["市教育局"].pk


@pytest.mark.parametrize("role", [Role.MEMBER, Role.UNIT, Role.LEADER])
def test_only_staff_of_the_committee_see_the_review_suggestions(client, city, new_proposal, role):
    # given someone of the committee who is not its office
    client.force_login(core.make_user(role=role, committee=city))
    # when
    response = client.get(reverse("proposals:intake_review", args=[new_proposal.pk]))
    # then
    assert response.status_code == 403
    assert not IntakeSuggestion.objects.exists()


def test_city_staff_do_not_see_unit_suggestions_for_a_county_proposal(
    client, city, county, trained
):
    # given a county proposal the city's staff may read through the roll-up
    proposal = factories.make_submitted(committee=county, title=NEW_EDUCATION[0])
    client.force_login(core.make_user(role=Role.STAFF, committee=city))
    assert client.get(reverse("proposals:detail", args=[proposal.pk])).status_code == 200
    # when / then
    assert client.get(reverse("proposals:intake_review", args=[proposal.pk])).status_code == 403


def test_the_review_panel_shows_suggestions_and_one_click_buttons(
    client, office, new_proposal, django_assert_max_num_queries
):
    client.force_login(office)
    url = reverse("proposals:intake_review", args=[new_proposal.pk])
    client.get(url)  # the first view loads the model into the process
    # when
    with django_assert_max_num_queries(14):
        response = client.get(url)
    # then
    page = response.content.decode()
    assert "教育事业" in page and "市教育局" in page
    assert 'data-testid="accept-category"' in page
    assert 'data-testid="accept-units"' not in page  # registration comes first


def test_the_record_page_carries_the_panel_for_staff_only(client, city, office, new_proposal):
    slot = 'data-testid="intake-slot"'
    client.force_login(office)
    assert slot in client.get(reverse("proposals:detail", args=[new_proposal.pk])).content.decode()
    client.force_login(core.make_user(role=Role.MEMBER, committee=city))
    assert (
        slot not in client.get(reverse("proposals:detail", args=[new_proposal.pk])).content.decode()
    )


def test_accepting_a_category_sets_it_with_history(client, office, new_proposal):
    # given
    client.force_login(office)
    # when
    client.post(
        reverse("proposals:intake_accept_category", args=[new_proposal.pk]),
        {"category": "教育事业"},
    )
    # then
    new_proposal.refresh_from_db()
    assert (new_proposal.category, new_proposal.category_main) == ("教育事业", "文化建设")
    latest = new_proposal.history.latest()
    assert latest.history_user == office and "教育事业" in latest.history_change_reason


def test_a_category_outside_the_table_is_refused_by_name(office, new_proposal):
    with pytest.raises(services.WorkflowError, match="类别：“天气”不在本政协的类别表中"):
        accept_category(proposal=new_proposal, actor=office, category="天气")
    new_proposal.refresh_from_db()
    assert new_proposal.category == "城乡建设"


def test_a_member_cannot_set_the_category(city, new_proposal):
    member = core.make_user(role=Role.MEMBER, committee=city)
    with pytest.raises(PermissionDenied):
        accept_category(proposal=new_proposal, actor=member, category="教育事业")


def test_one_click_assigns_the_suggested_units(client, office, new_proposal, units):
    # given a registered proposal whose panel offers the assignment
    services.register_proposal(proposal=new_proposal, actor=office)
    client.force_login(office)
    page = client.get(reverse("proposals:intake_review", args=[new_proposal.pk])).content.decode()
    assert 'data-testid="accept-units"' in page
    # when
    client.post(
        reverse("proposals:intake_accept_units", args=[new_proposal.pk]),
        {"lead": units["市教育局"].pk, "seen_state": ProposalState.REGISTERED},
    )
    # then
    new_proposal.refresh_from_db()
    assert new_proposal.state == ProposalState.ASSIGNED
    lead = new_proposal.assignments.get(role=AssignmentRole.LEAD)
    assert lead.unit == units["市教育局"]


def test_a_county_with_little_history_borrows_the_city_model_with_its_own_units(
    city, county, trained
):
    # given a county that has an education bureau of the same name but no 市财政局
    education = core.make_handling_unit(committee=county, name="市教育局")
    county_office = core.make_user(role=Role.STAFF, committee=county)
    title, text = NEW_EDUCATION
    proposal = factories.make_submitted(committee=county, title=title, **_sections(text))
    # when
    advice = suggest_for_proposal(proposal=proposal, user=county_office)
    # then
    assert advice.borrowed_from == city
    assert advice.categories[0].name == "教育事业"
    assert advice.lead.unit == education
    assert all(u.unit.committee_id == county.pk for u in advice.leads + advice.co_units)
    # and the city's proposals behind it are not shown to the county's staff
    assert advice.lead.evidence == []


def test_without_any_model_the_panel_says_why(client, county):
    county_office = core.make_user(role=Role.STAFF, committee=county)
    proposal = factories.make_submitted(committee=county)
    client.force_login(county_office)
    page = client.get(reverse("proposals:intake_review", args=[proposal.pk])).content.decode()
    assert "暂不能给出交办建议" in page


def test_the_writing_panel_suggests_categories_only(client, city, trained):
    # given a member writing a new proposal
    member = factories.make_proposer(committee=city)
    client.force_login(member)
    title, text = NEW_TRAFFIC
    # when
    response = client.post(reverse("proposals:intake_new"), {"title": title, "suggestion": text})
    # then
    page = response.content.decode()
    assert "城乡建设" in page
    assert "市交通运输局" not in page


def test_the_writing_page_carries_the_category_slot(client, city):
    client.force_login(factories.make_proposer(committee=city))
    assert 'data-testid="intake-writing"' in client.get(reverse("proposals:new")).content.decode()


def test_someone_else_cannot_ask_for_a_draft_s_categories(client, city, trained):
    draft = factories.make_draft(committee=city)
    client.force_login(factories.make_proposer(committee=city))
    response = client.post(
        reverse("proposals:intake_draft", args=[draft.pk]), {"title": "关于教育"}
    )
    assert response.status_code == 404


def test_retraining_is_queued_when_the_register_has_moved(
    city, office, trained, monkeypatch, django_capture_on_commit_callbacks
):
    # given a model of eight proposals, then two more registered
    monkeypatch.setattr(registry, "RETRAIN_MIN", 2)
    for title, text in EDUCATION[:2]:
        factories.make_registered(committee=city, office=office, title=title, **_sections(text))
    # when a page asks (the test settings run tasks at once)
    with django_capture_on_commit_callbacks(execute=True):
        registry.schedule_training_if_moved(city.pk)
    # then
    assert IntakeModel.objects.get(committee=city).registered == 10


def _shown(proposal, categories, lead_units):
    IntakeSuggestion.objects.create(
        committee_id=proposal.committee_id,
        proposal=proposal,
        categories=categories,
        lead_units=lead_units,
    )


def test_acceptance_counts_first_and_top_three_per_plenary(city, register, units):
    # given suggestions shown for four registered proposals
    education, finance = units["市教育局"].pk, units["市财政局"].pk
    _shown(register[0], ["教育事业", "城乡建设"], [education])  # both first
    _shown(register[1], ["城乡建设", "教育事业"], [finance, education])  # both in the three
    _shown(register[4], ["教育事业", "经济发展"], [education])  # neither
    _shown(register[5], [], [])  # shown nothing: not counted
    # when
    (row,) = figures_acceptance(committee_ids=[city.pk], year=register[0].year)
    # then submitted outside the plenary's window, they count as inter-session proposals
    assert row["plenary"] == "平时提案"
    assert row["categories"] == {"top1": round(1 / 3, 4), "top3": round(2 / 3, 4), "n": 3}
    assert row["units"] == {"top1": round(1 / 3, 4), "top3": round(2 / 3, 4), "n": 3}


def test_acceptance_figures_take_two_queries_whatever_the_rows(
    city, register, django_assert_num_queries
):
    for proposal in register:
        _shown(proposal, ["教育事业"], [])
    year = register[0].year
    with django_assert_num_queries(2):
        figures_acceptance(committee_ids=[city.pk], year=year)


def test_the_figures_page_loads_the_acceptance_table(client, city, office, register):
    client.force_login(office)
    assert (
        'data-testid="intake-acceptance-slot"'
        in client.get(reverse("proposals:figures")).content.decode()
    )
    page = client.get(reverse("proposals:intake_acceptance")).content.decode()
    assert 'data-testid="intake-acceptance"' in page


def test_members_do_not_see_the_acceptance_figures(client, city):
    client.force_login(core.make_user(role=Role.MEMBER, committee=city))
    assert client.get(reverse("proposals:intake_acceptance")).status_code == 403


# The commands.


def _jsonl(tmp_path, *items) -> str:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in items), encoding="utf-8")
    return str(path)


def test_suggest_intake_prints_one_json_object_per_line(city, trained, tmp_path):
    # given
    title, text = NEW_TRAFFIC
    path = _jsonl(tmp_path, {"title": title, "text": text}, {"title": "Parking", "text": "more"})
    out, err = io.StringIO(), io.StringIO()
    # when
    call_command("suggest_intake", committee="city", top=3, jsonl=path, stdout=out, stderr=err)
    # then
    first, second = [json.loads(line) for line in out.getvalue().splitlines()]
    assert first["categories"][0]["name"] == "城乡建设"
    assert first["units"][0] == {**first["units"][0], "name": "市交通运输局", "role": "lead"}
    assert all(0 <= item["score"] <= 1 for item in first["categories"] + first["units"])
    assert second["categories"] == [] and "没有中文" in err.getvalue()


def test_suggest_intake_names_an_unknown_committee(db, tmp_path):
    with pytest.raises(CommandError, match="未知的政协代码“nowhere”"):
        call_command("suggest_intake", committee="nowhere", jsonl=_jsonl(tmp_path, {}))


def test_suggest_intake_names_the_bad_line(city, trained, tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"title": "关于"}\n{oops\n', encoding="utf-8")
    with pytest.raises(CommandError, match="第2行：不是有效的 JSON"):
        call_command("suggest_intake", committee="city", jsonl=str(path))


def _register_file(tmp_path, name: str, rows: list[tuple]) -> str:
    book = Workbook()
    sheet = book.active
    sheet.append(["案由", "提案者", "类别", "主办单位", "会办单位", "正文"])
    for title, text, category, lead in rows:
        sheet.append([title, "张明", category, lead, "", text])
    path = tmp_path / name
    book.save(path)
    return str(path)


def test_evaluate_intake_trains_on_one_register_and_tests_on_another(db, tmp_path):
    training = [(t, x, "教育事业", "市教育局") for t, x in EDUCATION] + [
        (t, x, "城乡建设", "市交通运输局") for t, x in TRAFFIC
    ]
    testing = [(*NEW_EDUCATION, "教育事业", "市教育局"), (*NEW_TRAFFIC, "城乡建设", "市交通运输局")]
    out = io.StringIO()
    call_command(
        "evaluate_intake",
        train=_register_file(tmp_path, "a.xlsx", training),
        test=_register_file(tmp_path, "b.xlsx", testing),
        json=True,
        stdout=out,
    )
    assert json.loads(out.getvalue()) == {
        "categories": {"top1": 1.0, "top3": 1.0, "n": 2},
        "units": {"top1": 1.0, "top3": 1.0, "n": 2},
    }


def test_evaluate_intake_cross_validates_one_register(db, tmp_path):
    rows = [(t, x, "教育事业", "市教育局") for t, x in EDUCATION] + [
        (t, x, "城乡建设", "市交通运输局") for t, x in TRAFFIC
    ]
    out = io.StringIO()
    call_command(
        "evaluate_intake", train=_register_file(tmp_path, "a.xlsx", rows), folds=4, stdout=out
    )
    assert "类别：首选命中" in out.getvalue() and "（8 件）" in out.getvalue()


def test_evaluate_intake_refuses_an_empty_register(db, tmp_path):
    with pytest.raises(CommandError, match="提案登记表是空的"):
        call_command("evaluate_intake", train=_register_file(tmp_path, "a.xlsx", []), folds=2)


@pytest.mark.parametrize("role", [Role.MEMBER, Role.UNIT, Role.LEADER])
def test_only_office_staff_accept_suggestions(client, city, office, new_proposal, units, role):
    # given a registered proposal and someone of the committee who is not its office
    services.register_proposal(proposal=new_proposal, actor=office)
    client.force_login(core.make_user(role=role, committee=city))
    # when
    category = client.post(
        reverse("proposals:intake_accept_category", args=[new_proposal.pk]),
        {"category": "教育事业"},
    )
    assigned = client.post(
        reverse("proposals:intake_accept_units", args=[new_proposal.pk]),
        {"lead": units["市教育局"].pk},
    )
    # then
    assert (category.status_code, assigned.status_code) == (403, 403)
    new_proposal.refresh_from_db()
    assert (new_proposal.category, new_proposal.state) == ("城乡建设", ProposalState.REGISTERED)
