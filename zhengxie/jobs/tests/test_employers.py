import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from zhengxie.core import factories as core
from zhengxie.core.models import Role
from zhengxie.core.workflow import apply
from zhengxie.jobs import factories
from zhengxie.jobs.models import Employer, EmployerState
from zhengxie.jobs.services.employers import clean_credit_code, register_employer

pytestmark = pytest.mark.django_db


def _register(owner, committee, town, **overrides):
    values = {
        "owner": owner,
        "committee": committee,
        "name": "随州香菇食品有限公司",
        "credit_code": "91110000600037341L",
        "contact_person": "张经理",
        "contact_phone": "13972210002",
        "town": town,
        "licence": factories.licence_image(),
    }
    return register_employer(**(values | overrides))


def test_credit_code_with_a_wrong_check_character_is_named_as_such():
    # given a code whose last character does not match the other 17
    # when / then
    with pytest.raises(ValidationError) as refused:
        clean_credit_code("91110000600037341M")
    assert "校验位不正确" in refused.value.messages[0]


def test_credit_code_of_the_wrong_length_is_refused_in_chinese():
    with pytest.raises(ValidationError) as refused:
        clean_credit_code("9111000060003734")
    assert "不是有效的统一社会信用代码" in refused.value.messages[0]


def test_credit_code_is_stored_compact_and_upper_case():
    assert clean_credit_code(" 91110000 600037341l ") == "91110000600037341L"


def test_registration_waits_for_verification_with_its_licence(city, town, owner, stored_files):
    # when
    employer = _register(owner, city, town)
    # then
    employer.refresh_from_db()
    assert employer.state == EmployerState.PENDING
    assert employer.licence.name.startswith("jobs/licences/")
    assert employer.licence.name in stored_files()


def test_registration_refuses_a_bad_phone_and_a_bad_code_together(city, town, owner):
    with pytest.raises(ValidationError) as refused:
        _register(owner, city, town, contact_phone="12345", credit_code="91110000600037341M")
    assert set(refused.value.error_dict) == {"contact_phone", "credit_code"}
    assert not Employer.objects.exists()


def test_registration_refuses_a_non_image_licence_and_stores_nothing(city, town, owner):
    from django.core.files.uploadedfile import SimpleUploadedFile

    with pytest.raises(ValidationError) as refused:
        _register(owner, city, town, licence=SimpleUploadedFile("a.png", b"not an image"))
    assert "营业执照" in refused.value.messages[0]
    assert not Employer.objects.exists()


def test_the_same_credit_code_registers_once_per_committee(city, town, owner):
    _register(owner, city, town)
    with pytest.raises(ValidationError) as refused:
        _register(owner, city, town, name="另一家")
    assert "已经登记" in refused.value.messages[0]


@pytest.mark.parametrize("role", [Role.RESIDENT, Role.MEMBER, Role.LEADER, Role.CONVENOR])
def test_only_the_office_verifies_an_employer(city, town, owner, role):
    employer = _register(owner, city, town)
    with pytest.raises(PermissionDenied):
        apply(employer, "verify", core.make_user(role=role, committee=city))
    with pytest.raises(PermissionDenied):
        apply(employer, "verify", owner)


def test_a_county_office_cannot_verify_a_city_employer(city, county, town, owner):
    employer = _register(owner, city, town)
    with pytest.raises(PermissionDenied):
        apply(employer, "verify", core.make_user(role=Role.STAFF, committee=county))


def test_verification_stamps_the_time_and_tells_the_owner(
    city, town, owner, office, django_capture_on_commit_callbacks
):
    employer = _register(owner, city, town)
    # when
    with django_capture_on_commit_callbacks(execute=True):
        verified = apply(employer, "verify", office)
    # then
    verified.refresh_from_db()
    assert verified.state == EmployerState.VERIFIED
    assert verified.verified_at is not None
    assert owner.notifications.filter(title__contains="已通过核验").exists()
    assert verified.history.count() == 2
