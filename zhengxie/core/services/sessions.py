"""A committee's terms (届) and plenaries (次会议), kept by its own office.

Every change is checked as a whole before anything is written, and refused with a message
naming the field: a term's years may not overlap another term's, a plenary sits inside its
term's years and its intake window inside its own dates, and no two plenaries' intake windows
overlap (the one open most recently decides whether a proposal is 大会提案). A plenary that
records already point at (proposals numbered in it, an imported register) keeps its term,
number and code: 案号 and the register are read by them.

Lock order: the committee's row first, then the term's or plenary's; every write below takes
them in that order, so the checks across a committee's terms and plenaries see no race.
"""

import datetime as dt
from dataclasses import asdict, dataclass

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from simple_history.models import HistoricalChanges

from ..models import Committee, Plenary, Term, User
from ..permissions import check_manage_sessions_permission

# The CPPCC was founded in 1949; a year outside this reach is a typing slip.
FIRST_YEAR, LAST_YEAR = 1949, 2100
# What a plenary keeps once records point at it.
FIXED_ONCE_USED = ("term", "session", "code")


def referring_kinds(record: models.Model) -> list[str]:
    """The names of the kinds of records that point at this one, history rows aside; one
    query per kind of relation."""
    kinds = []
    for relation in type(record)._meta.get_fields(include_hidden=True):
        if not relation.auto_created or relation.concrete or relation.many_to_many:
            continue
        model = relation.related_model
        if issubclass(model, HistoricalChanges):
            continue
        if model._base_manager.filter(**{relation.field.name: record}).exists():
            kinds.append(str(model._meta.verbose_name))
    return sorted(set(kinds))


def _lock_committee(committee: Committee | int) -> Committee:
    committee_id = committee if isinstance(committee, int) else committee.pk
    return Committee.objects.select_for_update().get(pk=committee_id)


def _saved(record: models.Model, actor: User, reason: str, fields: list[str] | None) -> None:
    record._history_user = actor
    record._change_reason = reason[:100]
    record.save(update_fields=fields)


# ---- terms -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TermFields:
    number: int
    start_year: int
    end_year: int
    is_current: bool = False


def _year_errors(data: TermFields) -> dict[str, str]:
    errors = {}
    for name, label in (("start_year", _("起始年份")), ("end_year", _("结束年份"))):
        year = getattr(data, name)
        if not FIRST_YEAR <= year <= LAST_YEAR:
            errors[name] = _("%(field)s：须在%(first)s年至%(last)s年之间。") % {
                "field": label,
                "first": FIRST_YEAR,
                "last": LAST_YEAR,
            }
    if not errors and data.end_year < data.start_year:
        errors["end_year"] = _("结束年份：不能早于起始年份（%(start)s年）。") % {
            "start": data.start_year
        }
    return errors


def _overlaps(start: int, end: int, other: Term) -> bool:
    # Successive terms share the year one ends and the next begins (2016—2021, 2021—2026).
    return (start < other.end_year and other.start_year < end) or start == other.start_year


def _term_errors(committee: Committee, term: Term | None, data: TermFields) -> dict[str, str]:
    errors = _year_errors(data)
    others = Term.objects.filter(committee=committee).exclude(pk=term.pk if term else None)
    for other in others:
        if other.number == data.number:
            errors.setdefault("number", _("届次：本政协已有第%(n)s届。") % {"n": data.number})
        elif "end_year" not in errors and _overlaps(data.start_year, data.end_year, other):
            errors.setdefault(
                "start_year",
                _("起始年份：与第%(n)s届（%(start)s—%(end)s年）的年份重叠。")
                % {"n": other.number, "start": other.start_year, "end": other.end_year},
            )
    if term is not None:
        for name, message in _existing_term_errors(term, data, errors).items():
            errors.setdefault(name, message)
    return errors


def _existing_term_errors(term: Term, data: TermFields, errors: dict) -> dict[str, str]:
    found = {}
    if data.number != term.number and "number" not in errors:
        kinds = referring_kinds(term)
        if kinds:
            found["number"] = _("届次：本届已有%(kinds)s记录，不能再修改届次。") % {
                "kinds": "、".join(kinds)
            }
    for plenary in term.plenaries.all():
        if not data.start_year <= plenary.opens_on.year <= data.end_year:
            found.setdefault(
                "start_year" if plenary.opens_on.year < data.start_year else "end_year",
                _("年份：本届的“%(name)s”在%(year)s年召开，本届的年份须包含该年。")
                % {"name": plenary.name, "year": plenary.opens_on.year},
            )
    return found


def _make_current(committee: Committee, term: Term, actor: User) -> None:
    """Only one term is the current one (members and imports default to it)."""
    others = Term.objects.select_for_update().filter(committee=committee, is_current=True)
    for other in others.exclude(pk=term.pk):
        other.is_current = False
        _saved(other, actor, _("第%(n)s届设为本届") % {"n": term.number}, ["is_current"])


def add_term(*, actor: User, committee: Committee, data: TermFields) -> Term:
    """A new term of the committee; the current one when `data.is_current`, unmarking the
    term that was. Locks the committee's row."""
    check_manage_sessions_permission(actor, committee)
    with transaction.atomic():
        committee = _lock_committee(committee)
        errors = _term_errors(committee, None, data)
        if errors:
            raise ValidationError(errors)
        term = Term(committee=committee, **asdict(data))
        if data.is_current:
            _make_current(committee, term, actor)
        _saved(term, actor, _("新增第%(n)s届") % {"n": data.number}, None)
    return term


def edit_term(*, actor: User, term: Term, data: TermFields) -> Term:
    """The term's number, years and whether it is the current one. Locks the committee's
    row, then the term's."""
    check_manage_sessions_permission(actor, term.committee_id)
    with transaction.atomic():
        committee = _lock_committee(term.committee_id)
        term = Term.objects.select_for_update().get(pk=term.pk)
        errors = _term_errors(committee, term, data)
        if errors:
            raise ValidationError(errors)
        changed = [f for f, value in asdict(data).items() if getattr(term, f) != value]
        if not changed:
            return term
        for f in changed:
            setattr(term, f, getattr(data, f))
        if data.is_current:
            _make_current(committee, term, actor)
        _saved(term, actor, _("修改第%(n)s届") % {"n": term.number}, changed)
    return term


# ---- plenaries ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PlenaryFields:
    term: Term
    session: int
    code: str
    name: str
    opens_on: dt.date
    closes_on: dt.date
    intake_opens_on: dt.date
    intake_closes_on: dt.date


def _date_errors(data: PlenaryFields) -> dict[str, str]:
    errors = {}
    if data.closes_on < data.opens_on:
        errors["closes_on"] = _("闭幕日期：不能早于开幕日期。")
    if data.intake_closes_on < data.intake_opens_on:
        errors["intake_closes_on"] = _("大会提案截止：不能早于征集开始日期。")
    elif data.intake_closes_on > data.closes_on:
        errors["intake_closes_on"] = _("大会提案截止：不能晚于闭幕日期。")
    if data.intake_opens_on > data.opens_on:
        errors["intake_opens_on"] = _("大会提案征集开始：不能晚于开幕日期。")
    term = data.term
    for name, label in (("opens_on", _("开幕日期")), ("closes_on", _("闭幕日期"))):
        year = getattr(data, name).year
        if name not in errors and not term.start_year <= year <= term.end_year:
            errors[name] = _("%(field)s：须在第%(n)s届的年份（%(start)s—%(end)s年）之内。") % {
                "field": label,
                "n": term.number,
                "start": term.start_year,
                "end": term.end_year,
            }
    return errors


def _clash_errors(committee: Committee, plenary: Plenary | None, data: PlenaryFields) -> dict:
    errors = {}
    others = Plenary.objects.filter(committee=committee).exclude(pk=plenary.pk if plenary else None)
    for other in others:
        facts = {"name": other.name, "code": other.code, "session": other.session}
        if other.term_id == data.term.pk and other.session == data.session:
            errors.setdefault(
                "session",
                _("次：第%(n)s届已有第%(session)s次会议（%(name)s）。")
                % {**facts, "n": data.term.number},
            )
        if other.code == data.code:
            clash = _("代码：本政协已有代码为“%(code)s”的会议（%(name)s）。")
            errors.setdefault("code", clash % facts)
        if (
            other.intake_opens_on <= data.intake_closes_on
            and data.intake_opens_on <= other.intake_closes_on
        ):
            errors.setdefault(
                "intake_opens_on",
                _("大会提案征集开始：征集时间与“%(name)s”（%(start)s至%(end)s）重叠。")
                % {**facts, "start": other.intake_opens_on, "end": other.intake_closes_on},
            )
    return errors


def _fixed_errors(plenary: Plenary, data: PlenaryFields) -> dict[str, str]:
    """A plenary that records point at keeps its term, number and code."""
    current = {"term": plenary.term_id, "session": plenary.session, "code": plenary.code}
    wanted = {"term": data.term.pk, "session": data.session, "code": data.code}
    changed = [f for f in FIXED_ONCE_USED if current[f] != wanted[f]]
    kinds = referring_kinds(plenary) if changed else []
    if not kinds:
        return {}
    labels = {"term": _("所属届"), "session": _("次"), "code": _("代码")}
    return {
        f: _("%(field)s：本次会议已有%(kinds)s记录，不能再修改所属届、次和代码。")
        % {"field": labels[f], "kinds": "、".join(kinds)}
        for f in changed
    }


def _plenary_errors(committee: Committee, plenary: Plenary | None, data: PlenaryFields) -> dict:
    if data.term.committee_id != committee.pk:
        return {"term": _("所属届：须为本政协的届。")}
    errors = {"name": _("名称：不能为空。")} if not data.name.strip() else {}
    if not data.code.strip():
        errors["code"] = _("代码：不能为空。")
    errors = {**_clash_errors(committee, plenary, data), **errors, **_date_errors(data)}
    if plenary is not None:
        errors.update(_fixed_errors(plenary, data))
    return errors


def _values(data: PlenaryFields) -> dict:
    values = {f: getattr(data, f) for f in PlenaryFields.__dataclass_fields__}
    return {**values, "code": data.code.strip(), "name": data.name.strip()}


def add_plenary(*, actor: User, committee: Committee, data: PlenaryFields) -> Plenary:
    """A new plenary of one of the committee's terms. Locks the committee's row."""
    check_manage_sessions_permission(actor, committee)
    with transaction.atomic():
        committee = _lock_committee(committee)
        errors = _plenary_errors(committee, None, data)
        if errors:
            raise ValidationError(errors)
        plenary = Plenary(committee=committee, **_values(data))
        _saved(plenary, actor, _("新增会议：%(name)s") % {"name": plenary.name}, None)
    return plenary


def edit_plenary(*, actor: User, plenary: Plenary, data: PlenaryFields) -> Plenary:
    """The plenary's dates, names and, while no record points at it, its term, number and
    code. Locks the committee's row, then the plenary's."""
    check_manage_sessions_permission(actor, plenary.committee_id)
    with transaction.atomic():
        committee = _lock_committee(plenary.committee_id)
        plenary = Plenary.objects.select_for_update().get(pk=plenary.pk)
        errors = _plenary_errors(committee, plenary, data)
        if errors:
            raise ValidationError(errors)
        values = _values(data)
        changed = [f for f, v in values.items() if getattr(plenary, f) != v]
        if not changed:
            return plenary
        for f in changed:
            setattr(plenary, f, values[f])
        _saved(plenary, actor, _("修改会议：%(name)s") % {"name": plenary.name}, changed)
    return plenary
