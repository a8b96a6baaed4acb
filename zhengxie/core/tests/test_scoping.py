"""The one committee picker every app's pages use."""

import pytest
from django.core.exceptions import BadRequest, PermissionDenied
from django.http import Http404
from django.test import RequestFactory

from zhengxie.core.web.scoping import pick_committee, pick_committee_ids


def _get(query: str = ""):
    return RequestFactory().get(f"/any/{query}")


def test_a_committee_is_named_by_code_or_by_id(city, county):
    allowed = {city.pk, county.pk}

    assert pick_committee(_get(f"?committee={county.code}"), allowed) == county
    assert pick_committee(_get(f"?committee={county.pk}"), allowed) == county
    assert pick_committee(_get(), allowed) == city  # the city before its counties


def test_roll_up_pages_add_up_every_allowed_committee_unless_one_is_named(city, county):
    allowed = {city.pk, county.pk}

    assert pick_committee_ids(_get(), allowed) == sorted(allowed)
    assert pick_committee_ids(_get(f"?committee={county.pk}"), allowed) == [county.pk]


@pytest.mark.parametrize("pick", [pick_committee, pick_committee_ids])
def test_a_committee_out_of_reach_is_refused_not_ignored(pick, county, other_county):
    with pytest.raises(PermissionDenied):
        pick(_get(f"?committee={other_county.pk}"), {county.pk})
    with pytest.raises(Http404):
        pick(_get("?committee=nosuch"), {county.pk})
    with pytest.raises(PermissionDenied, match="只有机关工作人员"):
        pick(_get(), set(), refusal="只有机关工作人员可以查看。")


@pytest.mark.parametrize("wanted", ["²", "99999999999999999999", "city%00", "市政协"])
def test_a_committee_id_no_database_could_hold_is_a_bad_request(wanted, county):
    # given an id that passes str.isdigit() but is no id (a superscript, or past 64 bits), or
    # a code no committee could have
    request = _get(f"?committee={wanted}")
    # then the request is refused as malformed, not failed with a server error
    with pytest.raises((BadRequest, Http404)):
        pick_committee(request, {county.pk})
