"""The search over everything (search.everything.search_everything) over N synthetic texts on
the configured database: p50/p95 of one page with its facets, as a province's office staff, a
member and a guest read it. Target: p95 < 50 ms per page.

    DATABASE_URL=sqlite:////tmp/zx_everything_bench.sqlite3 .venv/bin/python \\
        bench/search_everything.py [--docs 20000] [--keep] [--reuse] [--explain]

The world is a province with three cities and two counties under each. The texts are spread
over the heavy kinds, each with the rows its reading rule reads, so every hit goes through a
real rule: members (their committee's office only), proposals (co-signing, submitted and
registered ones with their proposers and co-signers; the bench member writes some and is
invited to co-sign others still collecting signatures, in any committee), opinion reports
(every committee's, drafts among them, the bench member an author of some), cases and forum
threads (on public and on members-only boards). The office reader is a city's staff (the
city and its counties), the member sits in that city, the guest is not signed in.

--explain prints the plans of the page and of the facets' count for each reader; --compare
also times the reading filter the search used before (each kind's readable ids as an
uncorrelated `IN`) and no reading rule at all (the floor of the match and the count),
interleaved with the current one. The database is migrated; the bench
rows are removed afterwards unless --keep, and --reuse keeps a world of the same size.
"""

import argparse
import datetime as dt
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()

from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Q  # noqa: E402
from search_corpus import generate, percentiles  # noqa: E402

from zhengxie.core.models import (  # noqa: E402
    Committee,
    CommitteeLevel,
    Member,
    Role,
    RoleGrant,
    Town,
    User,
)
from zhengxie.grassroots.models import Case, CaseSource, CaseState  # noqa: E402
from zhengxie.opinions.models import AdoptionMode, OpinionReport, OpinionState  # noqa: E402
from zhengxie.portal.models import Audience, Board, BoardGroup, PostStatus, Thread  # noqa: E402
from zhengxie.proposals.models import (  # noqa: E402
    CoSignature,
    CoSignatureState,
    Proposal,
    ProposalState,
    Proposer,
    Reply,
    ReplyState,
)
from zhengxie.proposals.permissions import filter_visible_proposals  # noqa: E402
from zhengxie.proposals.similarity import KIND as PROPOSAL_KIND  # noqa: E402
from zhengxie.proposals.similarity import REPLY_KIND  # noqa: E402
from zhengxie.proposals.workflow import REGISTERED_STATES  # noqa: E402
from zhengxie.search import everything  # noqa: E402
from zhengxie.search.everything import EverythingQuery, search_everything  # noqa: E402
from zhengxie.search.models import SearchDocument  # noqa: E402
from zhengxie.search.services import (  # noqa: E402
    IndexEntry,
    clear_kind,
    index_documents,
    mark_public,
)
from zhengxie.search.sources import all_kinds  # noqa: E402

QUERIES = {
    "2 chars, common (建议)": "建议",
    "2 chars (养老)": "养老",
    "4 chars (垃圾分类)": "垃圾分类",
    "two terms (农村 养老)": "农村 养老",
    "1 char, LIKE (厕)": "厕",
}
TARGET_P95_MS = 50
# Of every ten texts: two members, three proposals, three opinion reports, a case, a thread.
KINDS = ["member"] * 2 + ["proposal"] * 3 + ["opinion_report"] * 3 + ["case", "thread"]
# Drafts stay out of the index (proposals.similarity.all_entries); a joint proposal collecting
# signatures is in it and is read by its writers and invited co-signers alone.
PROPOSAL_STATES = (
    [ProposalState.COSIGNING] * 12
    + [ProposalState.SUBMITTED] * 8
    + [ProposalState.DECLINED] * 5
    + [ProposalState.ASSIGNED] * 30
    + [ProposalState.REPLIED] * 20
    + [ProposalState.CLOSED] * 25
)
REPORT_STATES = (
    [OpinionState.DRAFT] * 15
    + [OpinionState.SUBMITTED] * 20
    + [OpinionState.ADOPTED] * 35
    + [OpinionState.FORWARDED] * 10
    + [OpinionState.DECLINED] * 20
)
FIRST_DAY = dt.date(2019, 1, 1)
PREFIX = "bench"


def committees() -> list[Committee]:
    """The province first, then each city followed by its two counties."""
    province, _ = Committee.objects.get_or_create(
        code=f"{PREFIX}p", defaults={"name": "基准省政协", "level": CommitteeLevel.PROVINCIAL}
    )
    found = [province]
    for c in range(3):
        city, _ = Committee.objects.get_or_create(
            code=f"{PREFIX}c{c}",
            defaults={"name": f"基准市政协{c}", "level": CommitteeLevel.CITY, "parent": province},
        )
        found.append(city)
        for k in range(2):
            county, _ = Committee.objects.get_or_create(
                code=f"{PREFIX}c{c}k{k}",
                defaults={
                    "name": f"基准县政协{c}{k}",
                    "level": CommitteeLevel.COUNTY,
                    "parent": city,
                },
            )
            found.append(county)
    return found


def readers(tree: list[Committee]) -> dict[str, object]:
    """A city's office staff (with its counties), a member of the same city, a guest."""
    city = tree[1]
    office, _ = User.objects.get_or_create(username=f"{PREFIX}_office")
    RoleGrant.objects.get_or_create(user=office, committee=city, role=Role.STAFF)
    user, _ = User.objects.get_or_create(username=f"{PREFIX}_member")
    RoleGrant.objects.get_or_create(user=user, committee=city, role=Role.MEMBER)
    Member.objects.get_or_create(
        user=user, defaults={"committee": city, "name": "基准委员", "gender": "M"}
    )
    return {"office": office, "member": User.objects.get(pk=user.pk), "guest": AnonymousUser()}


class Builder:
    """Bulk-made rows for the texts, each kind with what its reading rule reads."""

    def __init__(self, tree: list[Committee], people: dict, rng: random.Random):
        self.tree, self.rng = tree, rng
        self.member = people["member"].member
        self.author = people["member"]
        self.towns = {
            c.pk: Town.objects.get_or_create(committee=c, name=f"{PREFIX}镇")[0] for c in tree
        }
        self.boards = {c.pk: self._boards(c) for c in tree}
        self.seats: dict[int, list[Member]] = {c.pk: [] for c in tree}

    def _boards(self, committee: Committee) -> list[Board]:
        group, _ = BoardGroup.objects.get_or_create(committee=committee, name=f"{PREFIX}分区")
        everyone = [Audience.GUEST, Audience.RESIDENT, Audience.MEMBER, Audience.STAFF]
        audiences = {"open": everyone, "inner": [Audience.MEMBER, Audience.STAFF]}
        return [
            Board.objects.get_or_create(
                committee=committee,
                slug=f"{PREFIX}{name}",
                defaults={"group": group, "name": f"{PREFIX}{name}", "view_audience": view},
            )[0]
            for name, view in audiences.items()
        ]

    def day(self) -> dt.date:
        return FIRST_DAY + dt.timedelta(days=self.rng.randrange(2900))

    def seat(self, committee_id: int) -> Member:
        return self.rng.choice(self.seats[committee_id] or [self.member])

    def members(self, texts) -> list[Member]:
        rows = Member.objects.bulk_create(
            Member(committee_id=c, name=f"{PREFIX}{n}", gender="M") for n, c, _t, _b in texts
        )
        for member in rows:
            self.seats[member.committee_id].append(member)
        return rows

    def proposals(self, texts) -> list[Proposal]:
        rows = Proposal.objects.bulk_create(
            Proposal(
                committee_id=c,
                title=title[:200],
                suggestion=body,
                state=self.rng.choice(PROPOSAL_STATES),
                publish_consent=self.rng.random() < 0.8,
                created_by=self.author if self.rng.random() < 0.005 else None,
            )
            for _n, c, title, body in texts
        )
        first = [
            Proposer(
                committee_id=p.committee_id,
                proposal=p,
                member=self.member if p.created_by_id else self.seat(p.committee_id),
                name="委员",
                is_first=True,
            )
            for p in rows
        ]
        Proposer.objects.bulk_create(first)
        Proposer.objects.bulk_create(
            Proposer(committee_id=p.committee_id, proposal=p, member=self.member, name="委员")
            for p in rows
            if not p.created_by_id and self.rng.random() < 0.003
        )
        CoSignature.objects.bulk_create(self._cosignatures(rows, first))
        return rows

    def _cosignatures(self, proposals, first):
        """Two co-signers each; the bench member is invited to some unsent ones of any committee."""
        for proposal, proposer in zip(proposals, first, strict=True):
            invited = {proposer.member_id}
            unsent = proposal.state == ProposalState.COSIGNING
            if unsent and self.rng.random() < 0.02 and self.member.pk not in invited:
                invited.add(self.member.pk)
                yield CoSignature(
                    committee_id=proposal.committee_id,
                    proposal=proposal,
                    member=self.member,
                    state=self.rng.choice(list(CoSignatureState)),
                )
            for _ in range(2):
                member = self.seat(proposal.committee_id)
                if member.pk not in invited:
                    invited.add(member.pk)
                    yield CoSignature(
                        committee_id=proposal.committee_id,
                        proposal=proposal,
                        member=member,
                        state=CoSignatureState.CONFIRMED,
                    )

    def reports(self, texts) -> list[OpinionReport]:
        rows = OpinionReport.objects.bulk_create(
            OpinionReport(
                committee_id=c,
                title=title[:120],
                body=body,
                state=state,
                adoption_mode=AdoptionMode.SINGLE if state == OpinionState.ADOPTED else "",
                created_by=self.author if self.rng.random() < 0.005 else None,
            )
            for (_n, c, title, body), state in zip(
                texts, self._report_states(len(texts)), strict=True
            )
        )
        through = OpinionReport.members.through
        through.objects.bulk_create(
            through(
                opinionreport_id=r.pk,
                member_id=self.member.pk if r.created_by_id else self.seat(r.committee_id).pk,
            )
            for r in rows
        )
        return rows

    def _report_states(self, count: int) -> list[str]:
        return [self.rng.choice(REPORT_STATES) for _ in range(count)]

    def cases(self, texts) -> list[Case]:
        return Case.objects.bulk_create(
            Case(
                committee_id=c,
                town=self.towns[c],
                title=title[:100],
                description=body,
                place="社区",
                category="民生",
                source=CaseSource.COMMUNITY,
                state=CaseState.ACCEPTED,
                raised_on=self.day(),
            )
            for _n, c, title, body in texts
        )

    def threads(self, texts) -> list[Thread]:
        now = dt.datetime.now(dt.UTC)
        return Thread.objects.bulk_create(
            Thread(
                committee_id=c,
                board=self.rng.choice(self.boards[c]),
                title=title[:120],
                author=self.author,
                created_at=now,
                last_post_at=now,
                status=PostStatus.VISIBLE if self.rng.random() < 0.95 else PostStatus.HIDDEN,
            )
            for _n, c, title, _b in texts
        )


def _entries(kind: str, rows, texts, builder: Builder):
    for record, (_n, committee_id, title, body) in zip(rows, texts, strict=True):
        yield IndexEntry(record, committee_id, kind, title, body, dated=builder.day())


def load(count: int, tree, people) -> float:
    """The rows, then their documents: returns the seconds the indexing took."""
    rng = random.Random(2026)
    builder = Builder(tree, people, rng)
    by_kind: dict[str, list] = {kind: [] for kind in KINDS}
    for n, _c, title, body in generate(count):
        by_kind[KINDS[n % len(KINDS)]].append((n, rng.choice(tree).pk, title, body))
    makers = {
        "member": builder.members,
        "proposal": builder.proposals,
        "opinion_report": builder.reports,
        "case": builder.cases,
        "thread": builder.threads,
    }
    made = {kind: makers[kind](texts) for kind, texts in by_kind.items()}
    started = time.perf_counter()
    for kind, rows in made.items():
        index_documents(_entries(kind, rows, by_kind[kind], builder), batch_size=2000)
    _mark_the_public(list(made))
    return time.perf_counter() - started


def _mark_the_public(kinds: list[str]) -> None:
    """The public mark each app's own entries give: what a guest's rules let through, which
    the search's tests hold equal to the mark."""
    guest = AnonymousUser()
    for kind in all_kinds():
        if kind.kind in kinds:
            ids = kind.visible(guest).values_list("pk", flat=True)
            mark_public(kind=kind.kind, object_ids=ids, is_public=True)


def readable_by_sets(user, kinds) -> object:
    """The reading filter as it was: each kind's readable ids, uncorrelated, the proposals'
    and replies' through `pk IN` the register's ids."""
    register = filter_visible_proposals(user, Proposal.objects.all()).values("pk")
    published = Q(state__in=REGISTERED_STATES, publish_consent=True, is_deleted=False)
    former = {
        PROPOSAL_KIND: Proposal.objects.filter(Q(pk__in=register) | published),
        REPLY_KIND: Reply.objects.filter(state=ReplyState.SENT, proposal__in=register),
    }
    readable = Q(pk__in=[])
    for kind in kinds:
        records = former[kind.kind] if kind.kind in former else kind.visible(user)
        readable |= Q(kind=kind.kind, object_id__in=records.values("pk"))
    return SearchDocument.objects.filter(readable)


CURRENT = everything.readable_documents


def unread(user, kinds) -> object:
    """No reading rule at all: the floor the text match and the facets' count set."""
    return SearchDocument.objects.all()


def filters(compare: bool) -> dict:
    if not compare:
        return {"": CURRENT}
    return {"before": readable_by_sets, "after": CURRENT, "norule": unread}


def as_in_a_request(user):
    """The reader as a request brings them: nothing of an earlier search kept on the object
    (grants, committee ids, the tree), which a reused object would answer from memory."""
    if not user.is_authenticated:
        return AnonymousUser()
    return User.objects.get(pk=user.pk)


def measure(rounds: int, people: dict, compare: bool) -> None:
    """Each reader's searches, the filters taking turns so a change of the machine's load
    falls on all of them; hits are what each filter let the reader count."""
    for role, user in people.items():
        print(f" as {role}:")
        for label, text in QUERIES.items():
            samples: dict[str, list[float]] = {name: [] for name in filters(compare)}
            cpu: dict[str, list[float]] = {name: [] for name in filters(compare)}
            hits: dict[str, int] = {}
            for _ in range(rounds):
                for name, readable in filters(compare).items():
                    everything.readable_documents = readable
                    reader = as_in_a_request(user)
                    started, started_cpu = time.perf_counter(), time.process_time()
                    page = search_everything(reader, EverythingQuery(text=text))
                    cpu[name].append((time.process_time() - started_cpu) * 1000)
                    samples[name].append((time.perf_counter() - started) * 1000)
                    hits[name] = sum(facet.count for facet in page.kinds)
            everything.readable_documents = CURRENT
            for name, taken in samples.items():
                print(f"  {label:24} {hits[name]:7} hits {name:6} {percentiles(taken)}")
                print(f"  {'':24} {'':7}      {name:6} CPU {percentiles(cpu[name])}")


def explain(people: dict, text: str, compare: bool) -> None:
    """SQLite's query plans; PostgreSQL's with the rows and times of a run."""
    options = {"analyze": True} if connection.vendor == "postgresql" else {}
    for name, readable in filters(compare).items():
        if readable is unread:
            continue
        everything.readable_documents = readable
        for role, user in people.items():
            page, facets = everything.explained_queries(user, EverythingQuery(text=text))
            print(f"--- {name} {role}, {text}: page")
            print(page.explain(**options))
            print(f"--- {name} {role}, {text}: facets")
            print(facets.explain(**options))
    everything.readable_documents = CURRENT


def clean(tree) -> None:
    for kind in dict.fromkeys(KINDS):
        clear_kind(kind)
    Thread.objects.filter(committee__in=tree).delete()
    Board.objects.filter(committee__in=tree).delete()
    BoardGroup.objects.filter(committee__in=tree).delete()
    Case.objects.filter(committee__in=tree).delete()
    OpinionReport.members.through.objects.filter(opinionreport__committee__in=tree).delete()
    OpinionReport.objects.filter(committee__in=tree).delete()
    CoSignature.objects.filter(committee__in=tree).delete()
    Proposer.objects.filter(committee__in=tree).delete()
    Proposal.objects.filter(committee__in=tree).delete()
    Member.objects.filter(committee__in=tree, user__isnull=True).delete()
    Town.objects.filter(committee__in=tree).delete()


def built(tree, count: int) -> bool:
    kinds = list(dict.fromkeys(KINDS))
    return SearchDocument.objects.filter(committee__in=tree, kind__in=kinds).count() == count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--reuse", action="store_true", help="keep a world of the same size")
    parser.add_argument("--explain", action="store_true")
    parser.add_argument("--compare", action="store_true")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    tree = committees()
    people = readers(tree)
    if args.reuse and built(tree, args.docs):
        print(f"everything on {connection.vendor}: {args.docs} documents already built")
    else:
        clean(tree)
        seconds = load(args.docs, tree, people)
        print(
            f"everything on {connection.vendor}: {args.docs} documents indexed in {seconds:.1f} s"
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    if args.explain:
        for text in ("建议", "垃圾分类"):
            explain(people, text, args.compare)
    print(f"target: p95 < {TARGET_P95_MS} ms per page")
    measure(args.rounds, people, args.compare)
    if not (args.keep or args.reuse):
        clean(tree)


if __name__ == "__main__":
    main()
