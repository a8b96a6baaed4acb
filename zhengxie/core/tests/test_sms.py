"""The SMS gateway: message kinds, the outbox backend and its command, and the Aliyun backend
against a stand-in server on 127.0.0.1 that checks the signature as the provider does."""

import base64
import hashlib
import hmac
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, quote_plus, urlsplit

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from zhengxie.core.models import OutboxMessage
from zhengxie.core.sms import ACCOUNT_OPENED, RESET_CODE, SIGN_IN_CODE, SmsDeliveryError, send_sms
from zhengxie.core.sms.backends.aliyun import sign
from zhengxie.core.sms.kinds import KINDS, ONE_SMS_CHARACTERS

ALIYUN = "zhengxie.core.sms.backends.aliyun.AliyunSmsBackend"
SECRET = "stand-in-secret"
# Numbers the stand-in answers with the provider's refusals.
REFUSED = {"13900009999": "isv.BUSINESS_LIMIT_CONTROL", "13900008888": "isv.AMOUNT_NOT_ENOUGH"}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("kind", [k for k in KINDS.values() if k.urgent], ids=lambda k: k.key)
def test_every_urgent_kind_fits_one_sms_in_both_languages(kind, language, english_catalog):
    # given the longest values its parameters take (a title is cut to fit)
    params = {name: LONGEST[name] for name in kind.params}
    # when
    with translation.override(language):
        text = kind.render(kind.fitted(params))
    # then
    assert len(text) <= ONE_SMS_CHARACTERS, text
    assert all(params[name] in text for name in kind.params if name != kind.fit)


LONGEST = {
    "code": "999999",
    "minutes": "5",
    "title": "关于进一步加强城乡基层社会治理和公共服务体系建设的提案已立案并交办" * 2,
    "url": "https://zx.example.gov.cn/proposals/12345/",
}


def test_the_english_template_is_english(english_catalog):
    with translation.override("en"):
        text = SIGN_IN_CODE.render({"code": "123456", "minutes": "5"})
    assert "123456" in text and "验证码" not in text


def test_the_outbox_keeps_what_the_phone_would_show(db):
    # when
    message_id = send_sms(
        phone="13900000001", kind=SIGN_IN_CODE, params={"code": "246810", "minutes": "5"}
    )
    # then
    kept = OutboxMessage.objects.get()
    assert message_id == f"outbox-{kept.pk}"
    assert kept.phone == "13900000001" and kept.kind == "sign_in_code"
    assert kept.text.startswith("【智慧政协】") and "246810" in kept.text


def test_the_outbox_command_prints_the_last_message_as_json(db, capsys):
    # given two messages to one number and one to another
    send_sms(phone="13900000001", kind=SIGN_IN_CODE, params={"code": "111111", "minutes": "5"})
    send_sms(phone="13900000002", kind=SIGN_IN_CODE, params={"code": "222222", "minutes": "5"})
    send_sms(phone="13900000001", kind=RESET_CODE, params={"code": "333333", "minutes": "5"})
    # when
    call_command("sms_outbox", phone="139 0000 0001", last=True, json=True)
    # then
    printed = json.loads(capsys.readouterr().out)
    assert set(printed) == {"phone", "text", "sent_at"}
    assert printed["phone"] == "13900000001" and "333333" in printed["text"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00", printed["sent_at"])


def test_the_outbox_command_lists_a_numbers_messages_newest_first(db, capsys):
    send_sms(phone="13900000001", kind=SIGN_IN_CODE, params={"code": "111111", "minutes": "5"})
    send_sms(phone="13900000001", kind=RESET_CODE, params={"code": "333333", "minutes": "5"})

    call_command("sms_outbox", phone="13900000001", json=True)

    printed = json.loads(capsys.readouterr().out)
    assert ["333333" in m["text"] for m in printed] == [True, False]


@pytest.mark.parametrize(
    ("phone", "message"),
    [("13900000001", "发件箱中没有发往 13900000001 的短信"), ("123", "不是有效的 11 位手机号码")],
)
def test_the_outbox_command_says_plainly_when_there_is_nothing(db, phone, message):
    with pytest.raises(CommandError, match=message):
        call_command("sms_outbox", phone=phone, last=True)


def test_the_signature_matches_the_providers_documented_example():
    # the example of Aliyun's "签名机制" page for SendSms, with its published signature
    params = {
        "AccessKeyId": "testId",
        "Action": "SendSms",
        "Format": "XML",
        "OutId": "123",
        "PhoneNumbers": "15300000001",
        "RegionId": "cn-hangzhou",
        "SignName": "阿里云短信测试专用",
        "SignatureMethod": "HMAC-SHA1",
        "SignatureNonce": "45e25e9b-0a6f-4070-8c85-2956eda1b466",
        "SignatureVersion": "1.0",
        "TemplateCode": "SMS_71390007",
        "TemplateParam": '{"customer":"test"}',
        "Timestamp": "2017-07-12T02:42:19Z",
        "Version": "2017-05-25",
    }
    assert sign("GET", params, "testSecret") == "zJDF+Lrzhj/ThnlvIToysFRq6t4="


def _provider_encode(value: str) -> str:
    """The provider's own recipe: form-encode, then + → %20, * → %2A, %7E → ~."""
    return quote_plus(value).replace("+", "%20").replace("*", "%2A").replace("%7E", "~")


class StandIn(BaseHTTPRequestHandler):
    """Answers SendSms as dysmsapi.aliyuncs.com does, after checking the request's signature."""

    def do_GET(self):
        params = dict(parse_qsl(urlsplit(self.path).query, keep_blank_values=True))
        self.server.received.append(dict(params))
        signature = params.pop("Signature", "")
        query = "&".join(
            f"{_provider_encode(k)}={_provider_encode(params[k])}" for k in sorted(params)
        )
        to_sign = "GET&%2F&" + _provider_encode(query)
        expected = base64.b64encode(
            hmac.new(f"{SECRET}&".encode(), to_sign.encode(), hashlib.sha1).digest()
        ).decode()
        if signature != expected:
            return self._answer(400, {"Code": "SignatureDoesNotMatch", "Message": "bad signature"})
        well_formed = (
            params.get("Action") == "SendSms"
            and params.get("Version") == "2017-05-25"
            and params.get("SignatureMethod") == "HMAC-SHA1"
            and params.get("SignatureVersion") == "1.0"
            and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", params.get("Timestamp", ""))
            and params.get("SignatureNonce")
        )
        if not well_formed:
            return self._answer(400, {"Code": "MissingParameter", "Message": "bad request"})
        refused = REFUSED.get(params["PhoneNumbers"])
        if refused:
            return self._answer(200, {"Code": refused, "Message": "refused", "RequestId": "r-1"})
        return self._answer(
            200, {"Code": "OK", "Message": "OK", "BizId": "9006197^0", "RequestId": "r-2"}
        )

    def _answer(self, status: int, body: dict) -> None:
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json;charset=utf-8")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args):  # keep the test output quiet
        pass


@pytest.fixture
def provider(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
    server.received = []
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    settings.SMS_BACKEND = ALIYUN
    settings.ALIYUN_SMS_ACCESS_KEY_ID = "LTAI-test"
    settings.ALIYUN_SMS_ACCESS_KEY_SECRET = SECRET
    settings.ALIYUN_SMS_ENDPOINT = f"http://127.0.0.1:{server.server_port}/"
    settings.ALIYUN_SMS_TEMPLATES = {"sign_in_code": "SMS_100", "sign_in_code.en": "SMS_101"}
    settings.SMS_SIGN_NAME = "随州市政协"
    yield server
    server.shutdown()
    server.server_close()


def test_aliyun_sends_a_signed_request_and_returns_the_providers_id(db, provider):
    # when
    message_id = send_sms(
        phone="13900000001", kind=SIGN_IN_CODE, params={"code": "135790", "minutes": 5}
    )
    # then the stand-in accepted the signature and the request says what the provider needs
    assert message_id == "9006197^0"
    (request,) = provider.received
    assert request["PhoneNumbers"] == "13900000001"
    assert request["SignName"] == "随州市政协"
    assert request["TemplateCode"] == "SMS_100"
    assert json.loads(request["TemplateParam"]) == {"code": "135790", "minutes": "5"}
    assert not OutboxMessage.objects.exists()


def test_aliyun_uses_the_english_template_for_an_english_reader(db, provider):
    with translation.override("en"):
        send_sms(phone="13900000001", kind=SIGN_IN_CODE, params={"code": "1", "minutes": "5"})
    assert provider.received[0]["TemplateCode"] == "SMS_101"


@pytest.mark.parametrize(
    ("phone", "message"),
    [
        ("13900009999", "该号码获取短信过于频繁，请稍后再试。"),
        ("13900008888", "短信服务账户余额不足。请联系系统管理员。"),
    ],
)
def test_aliyun_refusals_read_as_clear_chinese(db, provider, phone, message):
    with pytest.raises(SmsDeliveryError) as refused:
        send_sms(phone=phone, kind=SIGN_IN_CODE, params={"code": "1", "minutes": "5"})
    assert str(refused.value) == message
    assert refused.value.code == REFUSED[phone]


def test_a_wrong_secret_is_refused_by_the_provider_and_explained(db, provider, settings):
    settings.ALIYUN_SMS_ACCESS_KEY_SECRET = "not-the-secret"
    with pytest.raises(SmsDeliveryError, match="访问密钥不正确") as refused:
        send_sms(phone="13900000001", kind=SIGN_IN_CODE, params={"code": "1", "minutes": "5"})
    assert refused.value.code == "SignatureDoesNotMatch"


def test_a_kind_without_a_template_is_refused_before_any_request(db, provider):
    with pytest.raises(SmsDeliveryError, match="account_opened"):
        send_sms(phone="13900000001", kind=ACCOUNT_OPENED, params={"name": "刘荣", "url": "x"})
    assert provider.received == []


def test_an_unreachable_provider_reads_as_try_later(db, provider, settings):
    settings.ALIYUN_SMS_ENDPOINT = "http://127.0.0.1:9/"  # the discard port: nothing listens
    with pytest.raises(SmsDeliveryError, match="暂时无法连接"):
        send_sms(phone="13900000001", kind=SIGN_IN_CODE, params={"code": "1", "minutes": "5"})
