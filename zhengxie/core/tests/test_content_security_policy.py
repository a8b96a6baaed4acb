"""The Content-Security-Policy (DESIGN §8): every page carries it, it runs no inline script, and
no template relies on one — so an injected <script> or on*= attribute stays inert."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from zhengxie.activities.factories import make_activity
from zhengxie.core.factories import make_member, make_venue
from zhengxie.core.models import Role
from zhengxie.grassroots.factories import make_case
from zhengxie.portal.factories import make_board, make_thread
from zhengxie.proposals.factories import make_registered

TEMPLATE_ROOT = Path(settings.BASE_DIR) / "zhengxie"
# What a browser would run from the markup itself: a <script> without src (json_script's
# type=application/json is data, not code), an on*= handler, a javascript: URL, and htmx's
# evaluated attributes (hx-on*, hx-vars, js: values).
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\ssrc\s*=)(?![^>]*application/json)[^>]*>", re.I)
HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)
EVALUATED = re.compile(r"javascript:|\shx-on|\shx-vars|\shx-vals\s*=\s*[\"']\s*js:", re.I)


def directives(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy", "")
    parts = (part.split() for part in header.split(";") if part.strip())
    return {part[0]: part[1:] for part in parts}


@pytest.fixture
def site(city, make_user):
    """One record of each kind and a user in each role, all in the city."""
    staff = make_user(Role.STAFF, city)
    convenor = make_user(Role.CONVENOR, city)
    venue = make_venue(committee=city, convenor=convenor)
    return {
        "guest": None,
        "staff": staff,
        "leader": make_user(Role.LEADER, city),
        "convenor": convenor,
        "member": make_member(committee=city, with_account=True).user,
        "thread": make_thread(board=make_board(committee=city), author=staff),
        "proposal": make_registered(committee=city, office=staff),
        "activity": make_activity(committee=city),
        "case": make_case(venue=venue),
        "venue": venue,
    }


PAGES = [
    ("guest", "core:home", None),
    ("guest", "core:login", None),
    ("guest", "portal:home", None),
    ("guest", "portal:thread", "thread"),
    ("guest", "portal:reader", "thread"),
    ("guest", "grassroots:case_public", "case"),
    ("member", "core:home", None),
    ("member", "duty:me", None),
    ("member", "proposals:mine", None),
    ("member", "opinions:mine", None),
    ("staff", "core:member_list", None),
    ("staff", "proposals:register", None),
    ("staff", "proposals:detail", "proposal"),
    ("staff", "duty:standings", None),
    ("staff", "activities:list", None),
    ("staff", "activities:detail", "activity"),
    ("staff", "opinions:queue", None),
    ("staff", "grassroots:case_list", None),
    ("leader", "insights:cockpit", None),
    ("convenor", "grassroots:venue_detail", "venue"),
    ("convenor", "grassroots:case_detail", "case"),
]


@pytest.mark.parametrize(("who", "name", "record"), PAGES, ids=[f"{p[0]}-{p[1]}" for p in PAGES])
def test_every_page_forbids_inline_script_and_eval(client, site, who, name, record):
    # given a user of the role (or a guest)
    if site[who]:
        client.force_login(site[who])
    url = reverse(name, args=[site[record].pk] if record else [])
    # when the page is opened
    response = client.get(url)
    # then it answers with a policy that runs scripts from this site only
    assert response.status_code == 200, url
    policy = directives(response)
    assert policy["script-src"] == ["'self'"], policy
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["form-action"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["style-src"]


def test_no_template_holds_an_inline_script_handler_or_javascript_url():
    # given every template of the project
    templates = sorted(TEMPLATE_ROOT.glob("**/templates/**/*.html"))
    # when each is scanned for code a browser would run from the markup
    found = [
        f"{path.relative_to(TEMPLATE_ROOT)}:{text.count(chr(10), 0, match.start()) + 1}: "
        f"{match.group(0).strip()}"
        for path in templates
        for text in [path.read_text(encoding="utf-8")]
        for pattern in (INLINE_SCRIPT, HANDLER, EVALUATED)
        for match in pattern.finditer(text)
    ]
    # then there is none: behaviour lives in static files (zx/behaviours.js)
    assert templates
    assert not found, "\n".join(found)
