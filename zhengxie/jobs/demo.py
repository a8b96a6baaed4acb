"""The job board for the demo, made through the services: about 40 employers across Suizhou's
towns (some members' enterprises, a few still waiting for verification), about 150 open jobs
at local pay (2,500–8,000 yuan a month), applications that reached every step, one expired
listing and one reported; a third of the seekers' résumés open to verified employers (人才库)
with a few invitations answered each way, and a few grassroots cases about work resolved by
推荐岗位, one reporter hired at the job referred.

Pay follows Suizhou's 2023 wage scale: the minimum wage is 1,800 yuan a month (湖北省第二档),
factory and service jobs advertise 3,000–5,500, skilled and driving jobs up to 8,000.
"""

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from zhengxie.core.demo import DemoWorld, demo_password_hash
from zhengxie.core.models import Member, Town, User, Venue
from zhengxie.core.services.directory import save_directory_record
from zhengxie.core.services.residents import MovedResident, move_over_residents
from zhengxie.core.workflow import apply
from zhengxie.grassroots.services.cases import accept_case, report_case
from zhengxie.grassroots.services.job_referrals import refer_case_to_jobs

from .factories import credit_code
from .models import Application, Job, JobCategory
from .selectors.search import jobs_to_refer
from .services.employers import link_member, register_employer
from .services.jobs import JobFields, submit_job
from .services.reports import report_job
from .services.seekers import apply_to_job, open_application, save_resume
from .services.talent import accept_invitation, decline_invitation, invite_to_apply

CATEGORIES = ["普工/操作工", "销售", "餐饮服务", "司机/物流", "技工/电工", "文员/行政",
              "护理/家政", "农业种植", "仓储", "客服"]  # fmt: skip

# (title, category, pay_min, pay_max, hours, benefits)
JOBS = [
    ("香菇分拣工", "农业种植", 2800, 3800, "7:30-17:00，月休4天", "包午餐"),
    ("专用汽车装配工", "普工/操作工", 4500, 6500, "8:00-17:30，单休", "五险一金、包住"),
    ("焊工", "技工/电工", 5500, 8000, "8:00-18:00，单休", "五险一金、技能补贴"),
    ("电工", "技工/电工", 4800, 7000, "三班倒", "五险一金"),
    ("门店销售", "销售", 3000, 6000, "9:00-21:00 轮班", "提成另计"),
    ("服务员", "餐饮服务", 2800, 3500, "10:00-14:00，17:00-21:00", "包吃住"),
    ("厨师", "餐饮服务", 4500, 7000, "10:00-21:00，月休4天", "包吃住"),
    ("货车司机（C1）", "司机/物流", 5000, 7500, "按线路安排", "出车补贴"),
    ("快递分拣员", "司机/物流", 3500, 5000, "夜班 20:00-6:00", "夜班补贴"),
    ("行政文员", "文员/行政", 2800, 3800, "8:30-17:30，双休", "五险、节日福利"),
    ("养老护理员", "护理/家政", 3200, 4500, "做一休一", "包住、持证补贴"),
    ("育婴师", "护理/家政", 4000, 6000, "住家", "包吃住"),
    ("仓库管理员", "仓储", 3500, 4800, "8:00-17:30", "五险"),
    ("叉车工", "仓储", 4200, 5500, "8:00-18:00", "持证补贴"),
    ("电话客服", "客服", 3000, 4500, "9:00-18:00 轮休", "全勤奖"),
    ("茶叶采摘工", "农业种植", 2500, 3200, "6:00-12:00", "按斤另计"),
    ("注塑操作工", "普工/操作工", 4000, 5500, "两班倒", "包吃住"),
    ("编钟酒业酿造学徒", "普工/操作工", 3200, 4200, "8:00-17:00", "五险、带薪培训"),
]

EMPLOYER_NAMES = [
    "随州香菇食品", "曾都专用汽车", "程力汽车配件", "编钟酒业", "炎帝农业科技", "广水风机制造",
    "随县银杏农庄", "大洪山茶叶", "淅河物流", "白云湖餐饮", "东城电子", "随州家政服务",
    "万店泡泡青合作社", "厉山建材", "神农康养", "安居陶瓷", "洛阳印刷包装", "府河纺织",
    "高新区机电", "长岗旅游服务", "均川果蔬", "何店养殖", "殷店茶业", "草店机械",
    "小林汽车维修", "环潭食品", "三里岗香菇", "尚市农机", "唐县镇超市", "吴山生态农业",
    "新街电商", "洪山旅游", "北郊仓储", "南郊建筑", "城南物流", "西城商贸",
    "广水铸造", "应山家具", "十岗电器", "李店新材料",
]  # fmt: skip
PENDING = 4  # the last ones wait for verification
MEMBER_ENTERPRISES = 8  # the first ones are members' enterprises
SEEKERS = 60
VISIBLE_EVERY = 3  # every third seeker lets verified employers read the résumé (人才库)
INVITATIONS = 6  # the first accepted, the second declined, the rest waiting
# Grassroots cases about work, each resolved by referring its reporter to open jobs.
WORK_CASES = [
    ("返乡后想在镇上找份工作", "从外地务工返乡，想在家门口找份包吃住的普工工作。"),
    ("孩子上学后想找半天的活", "孩子上小学了，想找离家近、能接送孩子的工作。"),
    ("厂子停产后一直没找到工作", "原来的厂子停产半年，会开叉车，想找仓储或物流的工作。"),
]
SURNAMES = "张王李赵刘陈杨黄周吴"
EDUCATION = ("初中", "高中", "中专", "大专")


def _png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 12), (180, 40, 40)).save(buffer, format="PNG")
    return SimpleUploadedFile("营业执照.png", buffer.getvalue(), content_type="image/png")


def _people(world: DemoWorld, prefix: str, names: list[str], mobile: str) -> list[User]:
    """The job board's people, come over from the old site's: without a password there (they
    set one by SMS code), except the first, the demo's named account."""
    people = [
        MovedResident(username=f"{prefix}{n or ''}", display_name=name, mobile=mobile.format(n),
                      password_hash=demo_password_hash() if n == 0 else "")
        for n, name in enumerate(names)
    ]  # fmt: skip
    return move_over_residents(staff=world.accounts["staff"], committee=world.city, people=people)


def _employers(world: DemoWorld, office: User, towns: list[Town]) -> list:
    owners = _people(world, "employer", [f"{n}人事" for n in EMPLOYER_NAMES], "1357220{:04d}")
    members = list(Member.objects.filter(committee=world.city, is_active=True).order_by("pk"))
    employers = []
    for n, name in enumerate(EMPLOYER_NAMES):
        employer = register_employer(
            owner=owners[n], committee=world.city, name=f"{name}有限公司",
            credit_code=credit_code(4213_0000 + n * 37), contact_person=f"{name[:2]}经理",
            contact_phone=f"1397220{n:04d}", town=towns[n % len(towns)], licence=_png(),
        )  # fmt: skip
        if n < MEMBER_ENTERPRISES and members:
            link_member(actor=office, employer=employer, member=members[n * 7 % len(members)])
        if n < len(EMPLOYER_NAMES) - PENDING:
            employer = apply(employer, "verify", office)
        employers.append(employer)
    return employers


def _fields(world, n: int, towns, categories, **extra) -> JobFields:
    title, category, low, high, hours, benefits = JOBS[n % len(JOBS)]
    bump = world.rng.choice([0, 0, 200, 300, 500])
    town = towns[n % len(towns)]
    values = {
        "title": title,
        "category": categories[category],
        "town": town,
        "address": f"{town.name}工业园{n % 9 + 1}号",
        "pay_unit": "month",
        "pay_min": low + bump,
        "pay_max": high + bump,
        "hours": hours,
        "benefits": benefits,
        "headcount": world.rng.randint(1, 20),
        "open_days": world.rng.choice([30, 45, 60]),
        "description": f"招聘{title}，有经验者优先，可提供岗前指导。",
    }
    return JobFields(**(values | extra))


def _jobs(world: DemoWorld, office: User, employers, towns, categories) -> list[Job]:
    verified = [e for e in employers if e.is_verified]
    now = timezone.now()
    jobs = []
    for n in range(150):
        employer = verified[n % len(verified)]
        job = submit_job(actor=employer.owner, employer=employer,
                         fields=_fields(world, n, towns, categories))  # fmt: skip
        posted = now - dt.timedelta(days=world.rng.randrange(0, 25), minutes=n)
        jobs.append(apply(job, "approve", office, published_at=posted))
    # One expired: published 40 days ago for 30 days; the daily task has not closed it yet.
    expired = submit_job(actor=verified[0].owner, employer=verified[0],
                         fields=_fields(world, 3, towns, categories, open_days=30))  # fmt: skip
    apply(expired, "approve", office, published_at=now - dt.timedelta(days=40))
    # Two waiting for review, one of them flagged for asking a fee.
    submit_job(actor=verified[1].owner, employer=verified[1],
               fields=_fields(world, 5, towns, categories))  # fmt: skip
    fee = "入职需交服装费200元，工作满三月退还。"
    fields = _fields(world, 9, towns, categories, description=fee)
    submit_job(actor=verified[2].owner, employer=verified[2], fields=fields)
    return jobs


def _applications(world: DemoWorld, jobs: list[Job]) -> None:
    names = [f"求职者{n:02d}" for n in range(SEEKERS)]
    seekers = _people(world, "seeker", names, "1367220{:04d}")
    rng, when = world.rng, timezone.now() + dt.timedelta(days=3)
    for n, seeker in enumerate(seekers):
        name = rng.choice(SURNAMES) + ("先生", "女士")[n % 2]
        save_resume(user=seeker, name=name, mobile=seeker.mobile, education=rng.choice(EDUCATION),
                    experience="曾在本地企业工作。", is_public=n % VISIBLE_EVERY == 0)  # fmt: skip
    for seeker in seekers:
        for job in rng.sample(jobs, 2):
            application = apply_to_job(seeker=seeker, job=job)
            _progress(application, job.employer.owner, seeker, rng.random(), when)
    _invitations(seekers, jobs)


def _invitations(seekers: list[User], jobs: list[Job]) -> None:
    """A few employers invite visible résumés to a job the person has not applied to; the
    first invitation is accepted (an application), the second declined, the rest wait."""
    visible = seekers[::VISIBLE_EVERY]
    for n, seeker in enumerate(visible[:INVITATIONS]):
        applied = set(Application.objects.filter(seeker=seeker).values_list("job_id", flat=True))
        job = next(j for j in jobs[n * 11 :] if j.pk not in applied)
        invitation = invite_to_apply(
            actor=job.employer.owner, job_id=job.pk, resume_id=seeker.job_resume.pk
        )
        if n == 0:
            accept_invitation(seeker=seeker, invitation=invitation)
        elif n == 1:
            decline_invitation(seeker=seeker, invitation=invitation)


def _work_cases(world: DemoWorld, jobs: list[Job]) -> None:
    """Residents report not finding work in towns with open jobs; the office takes each case
    onto a venue there and resolves it by referring the reporter to the town's jobs. The
    first reporter applies to the job referred and is hired."""
    admin = world.accounts["admin"]
    reporters = list(User.objects.filter(username__startswith="seeker").order_by("-pk"))
    towns = list(dict.fromkeys(job.town_id for job in jobs))
    venues = [v for t in towns if (v := Venue.objects.filter(town_id=t).order_by("pk").first())]
    for n, ((title, description), venue) in enumerate(zip(WORK_CASES, venues, strict=False)):
        case = report_case(
            reporter=reporters[n], address=f"10.0.0.{n + 1}", town=venue.town,
            category="livelihood", title=title, description=description,
            place=f"{venue.town.name}", phone=reporters[n].mobile,
        )  # fmt: skip
        case = accept_case(actor=admin, case=case, venue=venue)
        # the convenor refers jobs the person has not applied to yet
        applied = set(reporters[n].job_applications.values_list("job_id", flat=True))
        offered = jobs_to_refer(committee_id=case.committee_id, town_id=case.town_id)
        referred = [job for job in offered if job.pk not in applied][:2]
        refer_case_to_jobs(actor=admin, case=case, job_ids=[job.pk for job in referred])
        if n == 0:
            _hire_from_referral(reporters[n], referred[0])


def _hire_from_referral(seeker: User, job: Job) -> None:
    """The reporter applies to the job referred and is hired."""
    owner, when = job.employer.owner, timezone.now() + dt.timedelta(days=2)
    application = open_application(actor=owner, application=apply_to_job(seeker=seeker, job=job))
    application = apply(application, "invite", owner, interview_at=when, interview_place="人事部")
    apply(apply(application, "accept", seeker), "hire", owner)


def _progress(application: Application, owner: User, seeker: User, luck: float, when) -> None:
    if luck < 0.25:
        return
    application = open_application(actor=owner, application=application)
    if luck < 0.4:
        apply(application, "turn_down", owner)
        return
    application = apply(
        application, "invite", owner, interview_at=when, interview_place="公司人事部"
    )
    if luck < 0.5:
        apply(application, "decline", seeker)
        return
    if luck < 0.6:
        return
    application = apply(application, "accept", seeker)
    if luck < 0.7:
        return
    apply(application, "hire" if luck < 0.92 else "turn_down", owner)


def seed(world: DemoWorld) -> None:
    office = world.accounts["staff"]
    categories = {
        name: save_directory_record(
            user=office, record=JobCategory(committee=world.city, name=name, sort_order=i)
        )
        for i, name in enumerate(CATEGORIES)
    }
    towns = list(Town.objects.filter(committee__in=world.committees.values()).order_by("pk"))
    employers = _employers(world, office, towns)
    jobs = _jobs(world, office, employers, towns, categories)
    _applications(world, jobs)
    _work_cases(world, jobs)
    reporter = User.objects.get(username="seeker1")
    report_job(reporter=reporter, job=jobs[7], reason="电话里要求先交押金才能面试")
