import pytest
from django.core.exceptions import PermissionDenied

from zhengxie.core.factories import make_plenary
from zhengxie.duty.models import DutyKind, DutyRecord
from zhengxie.opinions import services
from zhengxie.opinions.models import OpinionReport, OpinionState


def test_converted_proposal_lands_in_editing_linked_to_its_source(author, office, city):
    # given any record standing in for the proposal (this app never imports proposals)
    source = make_plenary(committee=city)
    # when
    report = services.intake_converted_proposal(
        committee=city,
        title="关于加快老旧小区改造的提案",
        body="老旧小区管网老化。",
        member_ids=[author.pk],
        source=source,
        actor=office,
    )
    # then
    report.refresh_from_db()
    assert report.state == OpinionState.EDITING
    assert report.source == source
    assert list(report.members.all()) == [author]
    assert report.submitted_at is not None
    # 提案转为社情民意信息的，不重复计分
    assert not DutyRecord.objects.filter(kind=DutyKind.OPINION_SUBMITTED).exists()


def test_converting_the_same_record_twice_returns_the_first_report(author, office, city):
    source = make_plenary(committee=city)
    kwargs = {"committee": city, "title": "题", "body": "文", "member_ids": [author.pk]}

    first = services.intake_converted_proposal(source=source, actor=office, **kwargs)
    second = services.intake_converted_proposal(source=source, actor=office, **kwargs)

    assert first.pk == second.pk
    assert OpinionReport.objects.count() == 1


def test_only_the_committees_office_converts(author, county_office, city):
    with pytest.raises(PermissionDenied):
        services.intake_converted_proposal(
            committee=city,
            title="题",
            body="文",
            member_ids=[author.pk],
            source=make_plenary(committee=city),
            actor=county_office,
        )


def test_converted_report_is_adopted_like_any_other(author, office, city):
    report = services.intake_converted_proposal(
        committee=city,
        title="关于农村养老服务的提案",
        body="农村留守老人多。",
        member_ids=[author.pk],
        source=make_plenary(committee=city),
        actor=office,
    )

    services.apply_action(report=report, actor=office, action="adopt", mode="single")

    assert DutyRecord.objects.filter(member=author, kind=DutyKind.OPINION_ADOPTED).count() == 1


def test_the_source_record_finds_the_report_it_became(author, office, city):
    from zhengxie.opinions.selectors import report_for_source

    source, other = make_plenary(committee=city), make_plenary(committee=city, code="5-2")
    report = services.intake_converted_proposal(
        committee=city, title="题", body="文", member_ids=[author.pk], source=source, actor=office
    )

    assert report_for_source(source=source) == report
    assert report_for_source(source=other) is None
