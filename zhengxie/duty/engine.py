"""The scoring engine: pure functions from a member's net acts per (kind, role) to the year's
figures. The database work (loading rules, aggregating the ledger) lives in services and
selectors; this module never queries, so one member's page and a 40,000-member rebuild run
the same code."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from .models import AnnualTask, DutyKind, PointsScheme

ZERO = Decimal(0)
HUNDRED = Decimal(100)
Counts = Mapping[tuple[str, str], int]


@dataclass(frozen=True)
class RuleData:
    kind: str
    role: str
    points: Decimal
    cap: Decimal | None
    group: str


@dataclass(frozen=True)
class GroupData:
    code: str
    name: str
    combine: str
    base: Decimal
    ceiling: Decimal | None
    floor: Decimal | None


@dataclass
class RuleBook:
    """One committee's active scheme and annual tasks, loaded once per computation."""

    scheme_name: str = ""
    full_marks: Decimal = HUNDRED
    rules: dict[tuple[str, str], RuleData] = field(default_factory=dict)
    groups: dict[str, GroupData] = field(default_factory=dict)
    tasks: list[tuple[str, str, int, list]] = field(default_factory=list)

    _task_index: dict[tuple[str, str], list[int]] = field(default_factory=dict)

    def tasks_matching(self, key: tuple[str, str]) -> list[int]:
        """The annual tasks an act of (kind, role) counts for; remembered per key because a
        rebuild asks the same few keys for every member."""
        found = self._task_index.get(key)
        if found is None:
            kind, role = key
            found = [
                i
                for i, (_c, _n, _r, acts) in enumerate(self.tasks)
                if any(kind == k and (not r or role == r) for k, r in acts)
            ]
            self._task_index[key] = found
        return found

    def rule_for(self, kind: str, role: str) -> RuleData | None:
        return self.rules.get((kind, role)) or self.rules.get((kind, ""))

    @classmethod
    def build(cls, scheme: PointsScheme | None, tasks: list[AnnualTask]) -> "RuleBook":
        book = cls(tasks=[(t.code, t.name, t.required_count, t.acts) for t in tasks])
        if scheme is None:
            return book
        book.scheme_name, book.full_marks = scheme.name, scheme.full_marks or HUNDRED
        for group in scheme.groups.all():
            book.groups[group.code] = GroupData(
                group.code, group.name, group.combine, group.base, group.ceiling, group.floor
            )
        for rule in scheme.rules.all():
            code = rule.group.code if rule.group_id else ""
            book.rules[(rule.kind, rule.role)] = RuleData(
                rule.kind, rule.role, rule.points, rule.annual_cap, code
            )
        return book


def _cap_sum(rule: RuleData, subtotal: Decimal) -> Decimal:
    if rule.cap is None:
        return subtotal
    return min(subtotal, rule.cap) if rule.points >= 0 else max(subtotal, -rule.cap)


def _clamp(value: Decimal, group: GroupData) -> Decimal:
    if group.ceiling is not None:
        value = min(value, group.ceiling)
    if group.floor is not None:
        value = max(value, group.floor)
    return value


def _group_subtotals(book: RuleBook, counts: Counts) -> dict[str, list[tuple[str, Decimal]]]:
    """Each rule's capped subtotal, as (kind, points), filed under the rule's group code."""
    nets: dict[tuple[str, str], int] = {}
    for (kind, role), net in counts.items():
        rule = book.rule_for(kind, role) if net > 0 else None
        if rule is not None:
            key = (rule.kind, rule.role)
            nets[key] = nets.get(key, 0) + net
    by_group: dict[str, list[tuple[str, Decimal]]] = {}
    for key, net in nets.items():
        rule = book.rules[key]
        code = rule.group if rule.group in book.groups else ""
        by_group.setdefault(code, []).append((rule.kind, _cap_sum(rule, rule.points * net)))
    return by_group


def score_points(book: RuleBook, counts: Counts) -> tuple[Decimal, dict[str, float]]:
    """Total points and the breakdown by kind; the breakdown adds up to the total, with a
    group's starting allowance and its clamping shown as their own lines."""
    by_group = _group_subtotals(book, counts)
    breakdown: dict[str, Decimal] = {}
    total = ZERO
    for kind, value in by_group.get("", []):
        breakdown[kind] = breakdown.get(kind, ZERO) + value
        total += value
    for code, group in book.groups.items():
        items = by_group.get(code, [])
        if group.combine == "max" and items:
            items = [max(items, key=lambda item: item[1])]
        raw = sum((value for _kind, value in items), group.base)
        kept = _clamp(raw, group)
        for kind, value in items:
            breakdown[kind] = breakdown.get(kind, ZERO) + value
        if group.base:
            breakdown[f"base:{group.name}"] = group.base
        if kept != raw:
            breakdown[f"clamp:{group.name}"] = kept - raw
        total += kept
    return total, {k: float(v) for k, v in breakdown.items() if v}


def five_ones(book: RuleBook, counts: Counts) -> dict[str, bool]:
    matched = [0] * len(book.tasks)
    for key, net in counts.items():
        for index in book.tasks_matching(key):
            matched[index] += net
    return {code: matched[i] >= required for i, (code, _n, required, _a) in enumerate(book.tasks)}


def absences_by_role(counts: Counts) -> dict[str, int]:
    found = {role: net for (kind, role), net in counts.items() if kind == DutyKind.ABSENCE}
    return {role: net for role, net in found.items() if net > 0}


@dataclass(frozen=True)
class Evaluation:
    """How a committee turns points, ratings and recognition into a grade (duty/rules.py)."""

    weights: dict
    bands: list
    reputation: dict
    warning_line: Decimal

    def quality(self, points: Decimal, full_marks: Decimal) -> Decimal:
        return max(ZERO, min(HUNDRED, points * HUNDRED / (full_marks or HUNDRED)))

    def reputation_score(self, recognised: Mapping[str, int]) -> Decimal:
        raw = Decimal(self.reputation.get("base", 0))
        for kind, count in recognised.items():
            raw += Decimal(self.reputation.get(kind, 0)) * count
        return max(ZERO, min(HUNDRED, raw))

    def combined(self, dims: Mapping[str, Decimal | None]) -> Decimal:
        """Weighted mean of the dimensions that have data: a member nobody rated is judged
        on the other two rather than given a zero for satisfaction."""
        weighed = [(Decimal(self.weights.get(k, 0)), v) for k, v in dims.items() if v is not None]
        total_weight = sum((w for w, _v in weighed), ZERO)
        if not total_weight:
            return ZERO
        return sum((w * v for w, v in weighed), ZERO) / total_weight

    def grade(self, score: Decimal) -> str:
        for code, line in self.bands:
            if score >= Decimal(line):
                return code
        return self.bands[-1][0] if self.bands else ""


def evaluate(
    book: RuleBook,
    conf: Evaluation,
    counts: Counts,
    *,
    rating: tuple[int, int] | None,
    recognised: Mapping[str, int],
) -> dict:
    """A member's year as the fields of a YearBalance row."""
    points, breakdown = score_points(book, counts)
    done = five_ones(book, counts)
    quality = conf.quality(points, book.full_marks)
    satisfaction = None
    if rating and rating[0]:
        satisfaction = Decimal(rating[1]) * HUNDRED / Decimal(rating[0])
    reputation = conf.reputation_score(recognised)
    score = conf.combined(
        {"quality": quality, "satisfaction": satisfaction, "reputation": reputation}
    )
    absences = absences_by_role(counts)
    return {
        "points": points,
        "breakdown": breakdown,
        "counts": {f"{k}:{r}": n for (k, r), n in counts.items() if n},
        "five_ones": done,
        "five_ones_done": bool(done) and all(done.values()),
        "attended": any(k == DutyKind.ATTENDANCE and n > 0 for (k, _r), n in counts.items()),
        "absences": sum(absences.values()),
        "quality": round(quality, 1),
        "satisfaction": None if satisfaction is None else round(satisfaction, 1),
        "reputation": round(reputation, 1),
        "score": round(score, 1),
        "grade": conf.grade(score),
        "scheme_name": book.scheme_name,
    }
