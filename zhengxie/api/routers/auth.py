"""Signing the app in and out (core.services.api_tokens): the proofs the web sign-in takes,
answered with a bearer token."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status

from zhengxie.core.services import api_tokens
from zhengxie.core.throttle import client_address

from ..auth import token_auth
from ..errors import ERRORS

router = Router(tags=["auth"])


class TokenIn(Schema):
    username: str | None = Field(None, max_length=150, description="手机号或用户名")
    password: str | None = Field(None, max_length=128)
    phone: str | None = Field(None, max_length=30, description="短信验证码登录的手机号")
    code: str | None = Field(None, max_length=12, description="短信验证码")
    device_name: str = Field("", max_length=60, description="在“登录设备”中显示，如“张三的手机”")


class TokenOut(Schema):
    token: str
    expires_at: datetime


class CodeIn(Schema):
    phone: str = Field(max_length=30)


class CodeOut(Schema):
    resend_at: datetime


def _issued(issued: api_tokens.IssuedToken) -> TokenOut:
    return TokenOut(token=issued.token, expires_at=issued.expires_at)


@router.post("/token", response={200: TokenOut, **ERRORS}, auth=None)
def sign_in(request: HttpRequest, payload: TokenIn):
    """Username (or mobile number) and password, or mobile number and SMS code."""
    if payload.username and payload.password is not None:
        issued = api_tokens.sign_in_with_password(
            request=request,
            username=payload.username,
            password=payload.password,
            device_name=payload.device_name,
        )
    elif payload.phone and payload.code is not None:
        issued = api_tokens.sign_in_with_sms_code(
            phone=payload.phone,
            code=payload.code,
            address=client_address(request),
            device_name=payload.device_name,
        )
    else:
        raise ValidationError(_("请填写手机号（或用户名）和密码，或手机号和短信验证码。"))
    return _issued(issued)


@router.post("/code", response={202: CodeOut, **ERRORS}, auth=None)
def send_code(request: HttpRequest, payload: CodeIn):
    """Texts a sign-in code; a number without an account is answered alike, and sent nothing."""
    sent = api_tokens.request_sign_in_code(phone=payload.phone, address=client_address(request))
    return Status(202, CodeOut(resend_at=sent.resend_at))


@router.post("/token/refresh", response={200: TokenOut, **ERRORS}, auth=token_auth)
def refresh(request: HttpRequest):
    """A new token for this device; the one sent stops working."""
    return _issued(api_tokens.refresh_token(token=request.auth))


@router.delete("/token", response={204: None, **ERRORS}, auth=token_auth)
def sign_out(request: HttpRequest):
    """Signs this device out."""
    api_tokens.revoke_token(user=request.user, token_id=request.auth.pk)
    return Status(204, None)


@router.post("/sign-out-everywhere", response={204: None, **ERRORS}, auth=token_auth)
def sign_out_everywhere(request: HttpRequest):
    """Every device and every web session of the person is signed out."""
    api_tokens.sign_out_everywhere(user=request.user)
    return Status(204, None)
