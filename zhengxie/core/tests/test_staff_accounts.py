import re

from django.urls import reverse

from zhengxie.core.factories import make_handling_unit, make_member
from zhengxie.core.models import Role, RoleGrant, User
from zhengxie.core.views.accounts import GRANTS_PAGE_SIZE


def created_password(response) -> str:
    text = " ".join(str(m) for m in response.wsgi_request._messages)
    return re.search(r"初始密码 (\S+)（", text)[1]


def test_staff_opens_a_members_account_that_must_change_password(client, city, staff):
    member = make_member(committee=city, name="陈静")
    client.force_login(staff)

    response = client.post(
        reverse("core:account_list"),
        {"action": "member", "member": member.pk, "username": "chenjing"},
    )

    member.refresh_from_db()
    user = User.objects.get(username="chenjing")
    assert member.user == user
    assert user.must_change_password
    assert RoleGrant.objects.filter(user=user, committee=city, role=Role.MEMBER).exists()
    # the new person logs in with the shown password and is sent to change it first
    client.logout()
    login = client.post(
        reverse("core:login"), {"username": "chenjing", "password": created_password(response)}
    )
    assert login.status_code == 302
    assert client.get(reverse("core:inbox")).url == reverse("core:password_change")


def test_staff_opens_a_unit_liaisons_account(client, city, staff):
    unit = make_handling_unit(committee=city, name="市住建局")
    client.force_login(staff)

    client.post(
        reverse("core:account_list"),
        {"action": "unit", "unit": unit.pk, "username": "zhujian", "display_name": "王联络员"},
    )

    grant = RoleGrant.objects.get(user__username="zhujian")
    assert (grant.role, grant.handling_unit) == (Role.UNIT, unit)


def test_a_taken_username_is_a_field_error(client, city, staff):
    member = make_member(committee=city)
    client.force_login(staff)

    response = client.post(
        reverse("core:account_list"),
        {"action": "member", "member": member.pk, "username": staff.username},
    )

    assert "已被占用" in response.context["member_form"].errors["username"][0]
    member.refresh_from_db()
    assert member.user is None


def test_staff_grants_and_revokes_a_role_but_not_administrator(client, city, staff, make_user):
    person = make_user(Role.MEMBER, city)
    client.force_login(staff)
    url = reverse("core:account_list")

    client.post(url, {"action": "grant", "username": person.username, "role": Role.LEADER})
    refused = client.post(url, {"action": "grant", "username": person.username, "role": "admin"})

    grant = RoleGrant.objects.get(user=person, role=Role.LEADER)
    assert "role" in refused.context["grant_form"].errors
    client.post(reverse("core:role_revoke", args=[grant.pk]))
    assert not RoleGrant.objects.filter(pk=grant.pk).exists()
    assert RoleGrant.history.filter(id=grant.pk, history_type="-").exists()


def test_admin_grants_administrator(client, city, make_user):
    admin = make_user(Role.ADMIN, city)
    person = make_user(Role.STAFF, city)
    client.force_login(admin)

    client.post(
        reverse("core:account_list"),
        {"action": "grant", "username": person.username, "role": "admin"},
    )

    assert RoleGrant.objects.filter(user=person, role=Role.ADMIN).exists()


def test_unit_role_needs_a_handling_unit(client, city, staff, make_user):
    person = make_user(None)
    client.force_login(staff)

    response = client.post(
        reverse("core:account_list"),
        {"action": "grant", "username": person.username, "role": "unit"},
    )

    assert "handling_unit" in response.context["grant_form"].errors
    assert not RoleGrant.objects.filter(user=person).exists()


def test_staff_cannot_revoke_a_grant_of_another_committee(client, city, county, staff, make_user):
    grant = RoleGrant.objects.get(user=make_user(Role.MEMBER, county))
    client.force_login(staff)  # city staff: roll-up reads, but no office in the county

    response = client.post(reverse("core:role_revoke", args=[grant.pk]))

    assert response.status_code == 403
    assert RoleGrant.objects.filter(pk=grant.pk).exists()


def test_staff_cannot_revoke_their_own_staff_role(client, city, staff):
    grant = RoleGrant.objects.get(user=staff)
    client.force_login(staff)

    client.post(reverse("core:role_revoke", args=[grant.pk]))

    assert RoleGrant.objects.filter(pk=grant.pk).exists()


def test_account_page_costs_constant_queries_and_page_two_lists_the_rest(
    client, city, staff, make_user, django_assert_max_num_queries
):
    for _ in range(GRANTS_PAGE_SIZE + 3):
        make_member(committee=city, with_account=True)
    make_user(Role.UNIT, city)
    client.force_login(staff)
    url = reverse("core:account_list")

    # 13: the grant and new-account forms each list the committee's handling units, once.
    with django_assert_max_num_queries(13):
        first = client.get(url)
    with django_assert_max_num_queries(13):
        second = client.get(url, {"page": 2})

    # the members' grants, the unit's and the staff's own
    assert len(first.context["page"].object_list) == GRANTS_PAGE_SIZE
    assert len(second.context["page"].object_list) == 5
    on_first = {grant.pk for grant in first.context["page"].object_list}
    assert on_first.isdisjoint(grant.pk for grant in second.context["page"].object_list)
