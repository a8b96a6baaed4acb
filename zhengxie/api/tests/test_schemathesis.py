"""Property-based tests from the published contract: schemathesis generates requests for every
operation of /api/v1/openapi.json and sends them to the WSGI app with a member's and an office
staff member's token. No answer may be a server error, and every answer must be one the
document declares, in the shape it declares. A few examples per operation keep the run short.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from config.wsgi import application
from zhengxie.api.main import api
from zhengxie.core import factories as core
from zhengxie.core.models import Role
from zhengxie.core.notifications.office import OFFICE_NOTICE
from zhengxie.core.services.notifications import notify
from zhengxie.opinions import factories as opinion_factories
from zhengxie.proposals import factories as proposal_factories

from .conftest import bearer

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES = 5


# The contract as published, sent to the WSGI app in the test's own process and transaction.
schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = application


@pytest.fixture(autouse=True)
def _connection_stays_open():
    """As Django's test client does: a request must not close the connection, which would end
    the test's transaction."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def tokens(city):
    """A member with a draft, a message and a report; the city's office staff."""
    proposal_factories.make_plenary(committee=city)
    member = core.make_member(committee=city, with_account=True)
    staff = core.make_user(role=Role.STAFF, committee=city)
    proposal_factories.make_draft(committee=city, author=member.user)
    opinion_factories.make_report(author=member)
    notify(kind=OFFICE_NOTICE, recipients=[member.user], title="通知")
    return {"member": bearer(member.user), "staff": bearer(staff)}


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_the_api_keeps_its_contract(case, tokens):
    for headers in tokens.values():
        case.call_and_validate(headers=headers, checks=CHECKS)
