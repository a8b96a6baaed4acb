"""Every response carries a request id, taken from our own proxy or made here, and every log
line the request causes carries the same id, as JSON in production."""

import json
import logging
import re
import sys

import pytest

from zhengxie.core.request_ids import JsonFormatter, RequestIdFilter

PROXY_ID = "3f2a9c4e5b6d7e8f9a0b1c2d3e4f5a6b"


@pytest.fixture
def log_lines():
    """The JSON lines the production handler would write for django.request."""
    lines = []

    class Collect(logging.Handler):
        def emit(self, record):
            lines.append(json.loads(self.format(record)))

    handler = Collect()
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    yield lines
    logger.removeHandler(handler)


def test_each_response_gets_its_own_id_and_its_log_lines_carry_it(client, db, log_lines):
    # when two requests come in without an id, one of them logging a warning (a 404)
    first = client.get("/healthz")
    missing = client.get("/no-such-page/")
    # then each has its own generated id, and the 404's log line names it
    ids = [first["X-Request-ID"], missing["X-Request-ID"]]
    assert all(re.fullmatch(r"[0-9a-f]{32}", i) for i in ids) and ids[0] != ids[1]
    (line,) = [entry for entry in log_lines if "/no-such-page/" in entry["message"]]
    assert line["request_id"] == ids[1]
    assert line["level"] == "WARNING" and line["logger"] == "django.request"


def test_our_proxys_id_is_kept(client, db, settings, log_lines):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    response = client.get("/no-such-page/", HTTP_X_REQUEST_ID=PROXY_ID)
    assert response["X-Request-ID"] == PROXY_ID
    assert [entry["request_id"] for entry in log_lines] == [PROXY_ID]


@pytest.mark.parametrize(
    ("proxies", "offered"),
    [
        ([], PROXY_ID),  # a client cannot choose the id the logs file its request under
        (["127.0.0.1"], 'x" forged=1\nERROR fake line'),  # nor forge log lines through ours
        (["127.0.0.1"], "short"),
    ],
)
def test_an_id_from_elsewhere_or_malformed_is_replaced(client, db, settings, proxies, offered):
    settings.TRUSTED_PROXIES = proxies
    response = client.get("/healthz", HTTP_X_REQUEST_ID=offered)
    assert response["X-Request-ID"] != offered
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_json_lines_keep_chinese_and_the_traceback_outside_a_request():
    # given a record logged with an exception by a background job (no request)
    try:
        raise ValueError("名册第3行有误")
    except ValueError:
        record = logging.getLogger("zhengxie.jobs").makeRecord(
            "zhengxie.jobs", logging.ERROR, __file__, 1, "导入失败：%s", ("名册",), None
        )
        record.exc_info = sys.exc_info()
    RequestIdFilter().filter(record)
    # when
    entry = json.loads(JsonFormatter().format(record))
    # then
    assert entry["message"] == "导入失败：名册" and entry["request_id"] == ""
    assert "ValueError: 名册第3行有误" in entry["exc_info"]
    assert entry["time"].endswith("+00:00")
