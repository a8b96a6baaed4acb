import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from zhengxie.core.models import Notification, Role
from zhengxie.opinions.factories import make_forwarded_report, make_report
from zhengxie.opinions.models import ForwardAnswer
from zhengxie.opinions.services import answer_forwarded_report
from zhengxie.proposals.factories import unit_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def liaison(city, make_user):
    return make_user(Role.UNIT, city)


@pytest.fixture
def forwarded(author, office, liaison, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return make_forwarded_report(author=author, office=office, unit=unit_of(liaison))


def test_forwarding_tells_the_department(forwarded, liaison):
    notice = Notification.objects.get(recipient=liaison)
    assert notice.url == reverse("opinions:answer", args=[forwarded.pk])


def test_department_answers_and_authors_and_office_hear(
    forwarded, liaison, author, office, django_capture_on_commit_callbacks
):
    # when
    with django_capture_on_commit_callbacks(execute=True):
        answer = answer_forwarded_report(report=forwarded, actor=liaison, text="已安排整治")
    # then
    answer.refresh_from_db()
    assert answer.text == "已安排整治" and answer.unit == unit_of(liaison)
    assert Notification.objects.filter(recipient=author.user, body="已安排整治").exists()
    assert Notification.objects.filter(recipient=office, title__contains="已答复").exists()


def test_a_correction_changes_the_one_answer_and_keeps_history(forwarded, liaison):
    answer_forwarded_report(report=forwarded, actor=liaison, text="初步答复")
    answer = answer_forwarded_report(report=forwarded, actor=liaison, text="补充后的答复")
    assert ForwardAnswer.objects.count() == 1
    assert answer.history.count() == 2


def test_only_the_department_forwarded_to_answers(forwarded, author, office, city, make_user):
    for outsider in (author.user, office, make_user(Role.UNIT, city)):
        with pytest.raises(PermissionDenied):
            answer_forwarded_report(report=forwarded, actor=outsider, text="越权")
    assert not ForwardAnswer.objects.exists()


def test_an_empty_answer_names_the_field(forwarded, liaison):
    with pytest.raises(ValidationError) as error:
        answer_forwarded_report(report=forwarded, actor=liaison, text="  ")
    assert "text" in error.value.message_dict


def test_department_answers_from_its_workspace(client, forwarded, liaison, author):
    make_report(author=author, title="未转送的信息")
    client.force_login(liaison)
    workspace = client.get(reverse("opinions:unit")).content.decode()
    assert workspace.count('data-testid="forwarded-row"') == 1
    assert "待答复" in workspace
    response = client.post(reverse("opinions:answer", args=[forwarded.pk]), {"text": "已整改"})
    assert response.status_code == 302
    assert "已答复" in client.get(reverse("opinions:unit")).content.decode()
    client.force_login(author.user)
    assert "已整改" in client.get(reverse("opinions:detail", args=[forwarded.pk])).content.decode()


def test_workspace_queries_do_not_grow_with_reports(
    client, author, office, liaison, django_assert_max_num_queries
):
    client.force_login(liaison)
    for size in (2, 12):
        for _ in range(size):
            report = make_forwarded_report(author=author, office=office, unit=unit_of(liaison))
            answer_forwarded_report(report=report, actor=liaison, text="已办")
        with django_assert_max_num_queries(10):
            assert client.get(reverse("opinions:unit")).status_code == 200
