"""The search over everything checks each hit against its kind's reading rule: whoever reads,
it lets through exactly the documents that each kind's whole readable set let through, in a
world with every searchable kind, every role, and records beyond the reader's committees."""

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db.models import Q

from zhengxie.activities import factories as activity_factories
from zhengxie.core import factories as core
from zhengxie.core.models import Role
from zhengxie.core.tests.permission_world import ROLES, build_world
from zhengxie.grassroots import factories as grassroots_factories
from zhengxie.opinions import factories as opinion_factories
from zhengxie.portal import factories as portal_factories
from zhengxie.portal.models import Audience
from zhengxie.proposals import factories as proposal_factories
from zhengxie.proposals.models import (
    CoSignature,
    CoSignatureState,
    Proposal,
    ProposerKind,
    Reply,
    ReplyState,
)
from zhengxie.proposals.permissions import filter_visible_proposals
from zhengxie.proposals.similarity import KIND as PROPOSAL_KIND
from zhengxie.proposals.similarity import REPLY_KIND
from zhengxie.proposals.workflow import REGISTERED_STATES
from zhengxie.search.everything import readable_documents
from zhengxie.search.models import SearchDocument
from zhengxie.search.sources import all_kinds

pytestmark = pytest.mark.django_db


def former_rules(user) -> dict:
    """The proposals' and replies' rules as they were: `pk IN` the register's ids."""
    register = filter_visible_proposals(user, Proposal.objects.all()).values("pk")
    published = Q(state__in=REGISTERED_STATES, publish_consent=True, is_deleted=False)
    return {
        PROPOSAL_KIND: Proposal.objects.filter(Q(pk__in=register) | published),
        REPLY_KIND: Reply.objects.filter(state=ReplyState.SENT, proposal__in=register),
    }


def readable_by_sets(user, kinds):
    """The reference, the filter as it was: per kind, `object_id IN` the whole set of ids
    the kind's rule reads."""
    former = former_rules(user)
    readable = Q(pk__in=[])
    for kind in kinds:
        records = former[kind.kind] if kind.kind in former else kind.visible(user)
        readable |= Q(kind=kind.kind, object_id__in=records.values("pk"))
    return SearchDocument.objects.filter(readable)


def opened(filter_documents, user) -> set[tuple[str, int]]:
    documents = filter_documents(user or AnonymousUser(), all_kinds())
    return set(documents.values_list("kind", "object_id"))


def _beyond_the_city(world) -> None:
    """Records of the county and of another city that the city's people read in part: the
    county's own member and report, another city's proposals collecting signatures that the
    city's member is asked to co-sign (one invitation declined), its published and
    unpublished proposals, an activity the member is invited to, a case the resident
    reported, a members-only thread."""
    city, county = world.city, world.county
    member, resident = world.records["member"], world.users["resident"]
    core.make_member(committee=county, name="县里委员")
    county_author = opinion_factories.make_author(committee=county)
    opinion_factories.make_report(author=county_author, title="县里的社情民意")
    other = core.make_committee(name="另一市政协")
    invitations = {
        CoSignatureState.INVITED: "关于外市邀请联名的建议",
        CoSignatureState.DECLINED: "关于外市谢绝联名的建议",
    }
    for state, title in invitations.items():
        cosigning = proposal_factories.make_submitted(
            committee=other,
            kind=ProposerKind.JOINT,
            cosigners=[core.make_member(committee=other)],
            title=title,
        )
        CoSignature.objects.create(committee=other, proposal=cosigning, member=member, state=state)
    proposal_factories.make_registered(committee=other, title="关于外市公开的建议")
    proposal_factories.make_registered(
        committee=other, title="关于外市不公开的建议", publish_consent=False
    )
    outside = activity_factories.make_activity(committee=other, title="外市联合视察")
    activity_factories.invite(activity=outside, members=[member])
    activity_factories.make_activity(committee=other, title="外市内部活动")
    grassroots_factories.make_case(
        town=core.make_town(committee=other, name="外市镇"), reporter=resident, title="外市路灯"
    )
    inner = portal_factories.make_board(committee=other, view=[Audience.MEMBER, Audience.STAFF])
    portal_factories.make_thread(
        board=inner, author=core.make_user(role=Role.MEMBER, committee=other), title="外市内部"
    )
    assert city.pk != other.pk


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once and committed; emptied after the module like the permission matrix's."""
    from zhengxie.search.fulltext import engine

    with django_db_blocker.unblock():
        built = build_world()
        _beyond_the_city(built)
        call_command("reindex_search", stdout=io.StringIO())
        yield built
        call_command("flush", "--noinput")
        engine().clear()


@pytest.mark.parametrize("role", ROLES)
def test_each_role_opens_what_the_readable_sets_let_through(world, role):
    # given every kind in the index and a person in the role
    user = world.users[role]
    # when the documents are checked hit by hit, then they are the readable sets' documents
    assert opened(readable_documents, user) == opened(readable_by_sets, user)


def test_the_world_holds_every_kind_and_the_rules_hide_records_of_each_heavy_kind(world):
    indexed = set(SearchDocument.objects.values_list("kind", flat=True))
    assert indexed == {kind.kind for kind in all_kinds()}
    everything = set(SearchDocument.objects.values_list("kind", "object_id"))
    hidden_kinds = {
        kind
        for role in ROLES
        for kind, _pk in everything - opened(readable_documents, world.users[role])
    }
    # the public ones (open jobs, published exhibitions, floors of public boards) aside
    assert hidden_kinds >= {
        "member",
        "proposal",
        "reply",
        "opinion_report",
        "bulletin_issue",
        "activity",
        "outcome",
        "case",
        "session",
        "thread",
    }


def test_records_beyond_the_readers_committees_are_opened_only_by_their_rule(world):
    member, resident = world.users["member"], world.users["resident"]
    titles = dict(SearchDocument.objects.values_list("title", "kind"))
    by_member = {
        title
        for (title,) in SearchDocument.objects.filter(
            pk__in=readable_documents(member, all_kinds()).values("pk")
        ).values_list("title")
    }
    assert {"关于外市邀请联名的建议", "关于外市公开的建议", "外市联合视察"} <= by_member
    assert (
        not {"关于外市谢绝联名的建议", "关于外市不公开的建议", "外市内部活动", "外市内部"}
        & by_member
    )
    assert "县里的社情民意" in titles and "县里的社情民意" not in by_member
    assert ("case", world.case.pk) in opened(readable_documents, resident)


def test_what_a_guest_may_open_is_what_the_index_marks_public(world):
    # given every kind in the index, when a guest's rules are read record by record
    by_rules = opened(readable_by_sets, None)
    public = set(SearchDocument.objects.filter(is_public=True).values_list("kind", "object_id"))
    # then the public mark holds exactly those: a guest's search can walk the public rows
    assert by_rules == public
