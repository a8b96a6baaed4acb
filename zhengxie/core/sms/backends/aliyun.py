"""Production: Aliyun SMS (阿里云短信服务), the dysmsapi SendSms action of API version
2017-05-25, called over its documented RPC-style HTTP API with signature version 1.0.

Signing (the provider's "签名机制"): every parameter but Signature, sorted by name, each name
and value percent-encoded as RFC 3986 says (unreserved A-Z a-z 0-9 - _ . ~ kept, a space is
%20, never +); joined with = and &; the string to sign is
    GET & percent("/") & percent(that query)
and the signature is Base64(HMAC-SHA1(AccessKeySecret + "&", string to sign)).

The provider renders the text from a template registered in its console (TemplateCode), with
our parameters as TemplateParam JSON; the registered text must be the kind's catalog text.
Settings (config/settings/base.py): ALIYUN_SMS_ACCESS_KEY_ID, ALIYUN_SMS_ACCESS_KEY_SECRET,
SMS_SIGN_NAME, ALIYUN_SMS_TEMPLATES ({kind: code}; "kind.en" for an English template) and
ALIYUN_SMS_ENDPOINT.
"""

import base64
import hashlib
import hmac
import json
import logging
import uuid
from datetime import UTC, datetime
from urllib.error import HTTPError, URLError
from urllib.parse import quote
from urllib.request import urlopen

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext as _

from ..sending import SmsDeliveryError, SmsMessage
from .aliyun_errors import explain
from .base import BaseSmsBackend

logger = logging.getLogger(__name__)

API_VERSION = "2017-05-25"
TIMEOUT_SECONDS = 10


def percent_encode(value: str) -> str:
    return quote(value, safe="-_.~")


def string_to_sign(method: str, params: dict[str, str]) -> str:
    query = "&".join(
        f"{percent_encode(name)}={percent_encode(params[name])}" for name in sorted(params)
    )
    return f"{method}&{percent_encode('/')}&{percent_encode(query)}"


def sign(method: str, params: dict[str, str], secret: str) -> str:
    digest = hmac.new(
        f"{secret}&".encode(), string_to_sign(method, params).encode(), hashlib.sha1
    ).digest()
    return base64.b64encode(digest).decode()


class AliyunSmsBackend(BaseSmsBackend):
    def __init__(self) -> None:
        self.key_id = settings.ALIYUN_SMS_ACCESS_KEY_ID
        self.secret = settings.ALIYUN_SMS_ACCESS_KEY_SECRET
        self.endpoint = settings.ALIYUN_SMS_ENDPOINT
        self.templates = settings.ALIYUN_SMS_TEMPLATES
        if not (self.key_id and self.secret):
            raise ImproperlyConfigured(
                "SMS_BACKEND is Aliyun but ALIYUN_SMS_ACCESS_KEY_ID or "
                "ALIYUN_SMS_ACCESS_KEY_SECRET is not set."
            )

    def send(self, message: SmsMessage) -> str:
        params = self._request_params(message)
        params["Signature"] = sign("GET", params, self.secret)
        query = "&".join(f"{percent_encode(k)}={percent_encode(v)}" for k, v in params.items())
        answer = self._call(f"{self.endpoint}?{query}")
        code = answer.get("Code", "")
        if code != "OK":
            logger.warning("Aliyun SMS refused: %s %s", code, answer.get("Message", ""))
            raise SmsDeliveryError(explain(code), code=code)
        return answer.get("BizId", "")

    def _template(self, message: SmsMessage) -> str:
        language = message.language.split("-")[0]
        code = self.templates.get(f"{message.kind.key}.{language}") or self.templates.get(
            message.kind.key
        )
        if not code:
            raise SmsDeliveryError(
                _("短信模板“%(kind)s”未配置，请联系系统管理员。") % {"kind": message.kind.key},
                code="template_not_configured",
            )
        return code

    def _request_params(self, message: SmsMessage) -> dict[str, str]:
        return {
            "AccessKeyId": self.key_id,
            "Action": "SendSms",
            "Format": "JSON",
            "PhoneNumbers": message.phone,
            "RegionId": "cn-hangzhou",
            "SignName": settings.SMS_SIGN_NAME,
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": uuid.uuid4().hex,
            "SignatureVersion": "1.0",
            "TemplateCode": self._template(message),
            "TemplateParam": json.dumps(message.params, ensure_ascii=False, separators=(",", ":")),
            "Timestamp": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "Version": API_VERSION,
        }

    def _call(self, url: str) -> dict:
        """The provider's JSON answer; its errors come as JSON too, some with HTTP 4xx."""
        try:
            with urlopen(url, timeout=TIMEOUT_SECONDS) as response:
                body = response.read()
        except HTTPError as error:
            body = error.read()
        except (URLError, TimeoutError) as error:
            logger.warning("Aliyun SMS unreachable: %s", error)
            raise SmsDeliveryError(
                _("短信服务暂时无法连接，请稍后再试。"), code="unreachable"
            ) from error
        try:
            return json.loads(body)
        except ValueError as error:
            raise SmsDeliveryError(
                _("短信服务返回了无法识别的结果，请稍后再试。"), code="bad_answer"
            ) from error
