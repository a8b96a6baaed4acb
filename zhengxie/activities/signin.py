"""The sign-in token on the venue screen: signed per activity, valid for a few minutes, so a
photo of the code sent around after the meeting no longer signs anyone in."""

import io

import qrcode
import qrcode.image.svg
from django.core import signing
from django.utils.translation import gettext as _

from zhengxie.core.rules import rule

from .models import Activity
from .rules import SIGNIN_TOKEN_MINUTES

SALT = "zhengxie.activities.signin"


class SignInTokenError(Exception):
    """The token is forged, altered or expired; the message is for the member."""


def make_token(activity: Activity) -> str:
    return signing.TimestampSigner(salt=SALT).sign_object({"a": activity.pk})


def max_age_seconds(committee_id: int) -> int:
    return int(rule(committee_id, SIGNIN_TOKEN_MINUTES)) * 60


def read_token(token: str, *, max_age: int) -> int:
    """The activity id in the token; raises SignInTokenError with a Chinese message."""
    try:
        payload = signing.TimestampSigner(salt=SALT).unsign_object(token, max_age=max_age)
    except signing.SignatureExpired:
        raise SignInTokenError(_("签到二维码已过期，请扫描会场大屏上的最新二维码。")) from None
    except signing.BadSignature:
        raise SignInTokenError(_("签到二维码无效，请扫描会场大屏上的二维码。")) from None
    if not isinstance(payload, dict) or not isinstance(payload.get("a"), int):
        raise SignInTokenError(_("签到二维码无效，请扫描会场大屏上的二维码。"))
    return payload["a"]


def check_token(token: str, activity: Activity) -> None:
    """Raises SignInTokenError unless the token is a live one for this very activity."""
    max_age = max_age_seconds(activity.committee_id)
    if read_token(token, max_age=max_age) != activity.pk:
        raise SignInTokenError(_("签到二维码与本次活动不符，请扫描会场大屏上的二维码。"))


def qr_svg(url: str) -> bytes:
    """An SVG QR code: drawn by the project, no image library or remote service needed."""
    image = qrcode.make(url, image_factory=qrcode.image.svg.SvgPathImage, box_size=12, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return buffer.getvalue()
