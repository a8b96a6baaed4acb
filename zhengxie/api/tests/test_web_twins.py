"""The API lets each role do what the web lets it, and nothing more: an operation and the web
page it mirrors admit the same roles of the permission world (the answers of both tables,
permission_table.py here and core/tests/permission_matrix.py for the pages, are each checked
against the running code by their own tests)."""

import pytest

from zhengxie.core.tests.permission_matrix import MATRIX

from .permission_table import TABLE

REFUSED = {401, 403, 404}

# API operation -> the web route (or route@variant) it mirrors
TWINS = {
    "GET /duty/me": "duty:me",
    "GET /duty/me/points": "duty:me",
    "GET /duty/me/five-ones": "duty:me",
    "GET /duty/me/three-highs": "duty:me",
    "GET /leaders/key-proposals": "proposals:key",
    "GET /leaders/dashboard": "insights:cockpit",
    "GET /portal/boards": "portal:home",
    "GET /portal/boards/{board_id}/threads": "portal:board",
    "GET /portal/threads/{thread_id}": "portal:thread@members",
    "POST /portal/threads/{thread_id}/posts": "portal:reply",
    "GET /portal/search": "portal:search",
    "GET /portal/hall": "portal:hall",
    "GET /portal/hall/{exhibition_id}": "portal:exhibition",
    "GET /instructions/mine": "instructions:mine",
    "GET /jobs": "jobs:search",
    "GET /choices/job-categories": "jobs:search",
    "GET /me/notifications": "core:notification_settings",
    "GET /jobs/{job_id}": "jobs:job_detail",
    "GET /jobs/talent": "jobs:talent_pool",
    "GET /jobs/talent/jobs": "jobs:talent_pool",
    "GET /grassroots/cases/{case_id}/jobs-to-refer": "grassroots:case_job_referral",
    "POST /grassroots/cases/{case_id}/refer-to-jobs": "grassroots:case_job_referral",
    "GET /instructions/unit": "instructions:unit",
    "GET /instructions/{instruction_id}": "instructions:detail",
    "POST /instructions/on/{kind}/{record_id}": "instructions:write",
}


@pytest.mark.parametrize(("operation", "route"), TWINS.items())
def test_the_operation_admits_the_roles_its_web_page_admits(operation, route):
    admitted = {role for role, answer in TABLE[operation].answers.items() if answer not in REFUSED}
    assert admitted == set(MATRIX[route].writers)
