"""Residents moved over from the committee's old website (its forum, its job board) when the
platform replaces it: each keeps the name, the password and the registration date they had
there, and gets the resident role in the committee, as if they had registered here.

All or nothing: one bad row and nobody is moved, and the refusal names every row's problem.
The operator runs it once, at adoption (`manage.py move_over_residents`); the demo brings its
portal and job-board people in through it."""

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.hashers import identify_hasher, make_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from ..models import Committee, Role, RoleGrant, User
from ..permissions import check_grant_role_permission
from ..phones import clean_mobile, looks_like_mobile
from .member_accounts import holders_of

MOVED_OVER = "迁入原网站用户"


@dataclass(frozen=True)
class MovedResident:
    """One person as the old website knew them."""

    username: str
    display_name: str
    mobile: str = ""
    email: str = ""
    # The old site's hash in a format the platform's hashers read; "" when it is not moved
    # over: the person then sets a password by SMS code (找回密码) before signing in with one.
    password_hash: str = ""
    joined: dt.datetime | None = None  # when they registered there; now when not known


def move_over_residents(
    *, staff: User, committee: Committee, people: Sequence[MovedResident], reason: str = MOVED_OVER
) -> list[User]:
    """The people's accounts, each with the resident role in `committee`, made in batches with
    their history rows naming `staff`; returns them in the order given."""
    check_grant_role_permission(staff, committee, Role.RESIDENT)
    people = list(people)
    with transaction.atomic():
        mobiles = _checked(people)
        users = [
            User(
                username=person.username,
                display_name=person.display_name.strip(),
                mobile=mobile,
                email=person.email.strip(),
                password=person.password_hash or make_password(None),
                date_joined=person.joined or timezone.now(),
            )
            for person, mobile in zip(people, mobiles, strict=True)
        ]
        _create(User, users, staff=staff, reason=reason)
        grants = [RoleGrant(user=user, committee=committee, role=Role.RESIDENT) for user in users]
        _create(RoleGrant, grants, staff=staff, reason=reason)
    return users


def _create(model, records: list, *, staff: User, reason: str) -> None:
    bulk_create_with_history(
        records, model, batch_size=500, default_user=staff, default_change_reason=reason
    )


def _checked(people: list[MovedResident]) -> list[str]:
    """Each person's mobile as the platform keeps it; a ValidationError naming each row's
    problems (rows counted from 1) when any row has one."""
    usernames = Counter(p.username.lower() for p in people)
    # Zhang and zhang cannot both sign in: a name is taken under any case.
    taken = set(
        User.objects.annotate(lowered=Lower("username"))
        .filter(lowered__in=list(usernames))
        .values_list("lowered", flat=True)
    )
    mobiles, problems = [], []
    for row, person in enumerate(people, start=1):
        found = _username_problems(person.username, repeated=usernames[person.username.lower()])
        if person.username.lower() in taken:
            found.append(_("用户名“%(name)s”已被占用。") % {"name": person.username})
        if not person.display_name.strip():
            found.append(_("请填写姓名或昵称。"))
        mobile, mobile_problems = _mobile(person.mobile)
        found += mobile_problems
        found += _email_problems(person.email) + _other_problems(person)
        mobiles.append(mobile)
        problems += [_in_row(row, person, problem) for problem in found]
    problems += _shared_mobiles(people, mobiles)
    if problems:
        raise ValidationError(problems)
    return mobiles


def _in_row(row: int, person: MovedResident, problem: str) -> str:
    return _("第 %(row)d 行（%(name)s）：%(problem)s") % {
        "row": row,
        "name": person.username,
        "problem": problem,
    }


def _username_problems(username: str, *, repeated: int) -> list[str]:
    problems = []
    if not username:
        return [_("请填写用户名。")]
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError as error:
        problems += error.messages
    if len(username) > User._meta.get_field("username").max_length:
        problems.append(_("用户名过长。"))
    if looks_like_mobile(username):
        problems.append(_("用户名不能是手机号码。"))
    if repeated > 1:
        problems.append(_("用户名“%(name)s”在本批中出现了多次。") % {"name": username})
    return problems


def _mobile(value: str) -> tuple[str, list[str]]:
    if not value:
        return "", []
    try:
        return clean_mobile(value), []
    except ValidationError as error:
        return "", error.messages


def _email_problems(value: str) -> list[str]:
    if not value.strip():
        return []
    try:
        validate_email(value.strip())
    except ValidationError:
        return [_("电子邮箱“%(email)s”格式不对。") % {"email": value}]
    return []


def _other_problems(person: MovedResident) -> list[str]:
    problems = []
    if person.password_hash:
        try:
            identify_hasher(person.password_hash)
        except ValueError:
            problems.append(_("密码散列的格式无法识别。"))
    if person.joined is not None and person.joined > timezone.now():
        problems.append(_("注册时间不能晚于现在。"))
    return problems


def _shared_mobiles(people: list[MovedResident], mobiles: list[str]) -> list[str]:
    """A number signs in one account: not two rows', nor a row's and an existing account's."""
    problems = []
    repeated = {m for m, n in Counter(m for m in mobiles if m).items() if n > 1}
    holders = holders_of({m for m in mobiles if m})
    for row, (person, mobile) in enumerate(zip(people, mobiles, strict=True), start=1):
        if mobile in repeated:
            problem = _("手机号码 %(mobile)s 在本批中出现了多次。") % {"mobile": mobile}
        elif mobile in holders:
            problem = _("手机号码 %(mobile)s 已是其他账号的登录手机号。") % {"mobile": mobile}
        else:
            continue
        problems.append(_in_row(row, person, problem))
    return problems
