"""Test and demo records made through the services, with keyword-only defaults."""

import itertools

from django.core.files.uploadedfile import SimpleUploadedFile
from stdnum.cn.uscc import calc_check_digit

from zhengxie.core import factories as core
from zhengxie.core.models import Committee, Role, Town, User
from zhengxie.core.workflow import apply
from zhengxie.grassroots.factories import make_photo

from .models import Employer, Job, JobCategory, Resume
from .services.employers import register_employer
from .services.jobs import JobFields, submit_job
from .services.seekers import save_resume

_numbers = itertools.count(1)


def credit_code(n: int) -> str:
    """A valid unified social credit code for any n: the check character computed."""
    body = f"914213{n:011d}"[:17]
    return body + calc_check_digit(body)


def licence_image(name: str = "licence.png") -> SimpleUploadedFile:
    return make_photo(name=name)


def make_category(*, committee: Committee, name: str = "普工") -> JobCategory:
    return JobCategory.objects.get_or_create(committee=committee, name=name)[0]


def make_employer(
    *,
    committee: Committee,
    owner: User | None = None,
    town: Town | None = None,
    verified: bool = True,
    name: str = "",
    office: User | None = None,
) -> Employer:
    n = next(_numbers)
    owner = owner or core.make_user(role=Role.RESIDENT, committee=committee)
    employer = register_employer(
        owner=owner,
        committee=committee,
        name=name or f"随州测试企业{n}",
        credit_code=credit_code(n * 7919),
        contact_person="王经理",
        contact_phone=f"1390722{n % 10000:04d}",
        town=town or core.make_town(committee=committee, name=f"测试镇{n}"),
        licence=licence_image(),
    )
    if verified:
        office = office or core.make_user(role=Role.STAFF, committee=committee)
        employer = apply(employer, "verify", office)
    return employer


def job_fields(*, committee: Committee, town: Town, **overrides) -> JobFields:
    values = {
        "title": "包装工",
        "category": make_category(committee=committee),
        "town": town,
        "address": "经济开发区青年路 8 号",
        "pay_unit": "month",
        "pay_min": 3500,
        "pay_max": 4800,
        "hours": "8:00-17:30，周末双休",
        "headcount": 5,
        "open_days": 30,
        "description": "负责产品包装和装箱。",
    }
    values.update(overrides)
    return JobFields(**values)


def make_job(
    *, employer: Employer, publish: bool = True, office: User | None = None, **overrides
) -> Job:
    overrides.setdefault("town", employer.town)
    fields = job_fields(committee=employer.committee, **overrides)
    job = submit_job(actor=employer.owner, employer=employer, fields=fields)
    if publish:
        office = office or core.make_user(role=Role.STAFF, committee=employer.committee)
        job = apply(job, "approve", office)
    return job


def make_resume(
    *,
    user: User | None = None,
    committee: Committee | None = None,
    mobile: str = "13871231234",
    name: str = "李小梅",
    is_public: bool = False,
) -> Resume:
    user = user or core.make_user(role=Role.RESIDENT, committee=committee)
    return save_resume(user=user, name=name, mobile=mobile, education="高中", is_public=is_public)
