"""Aliyun SMS error codes (the provider's "API错误码" page) as messages people can act on.

Codes about the number or the rate speak to the person asking for a code; codes about the
account, signature or template speak to the office, since only an administrator can fix them."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ERRORS = {
    # The number or the rate: the person can do something.
    "isv.MOBILE_NUMBER_ILLEGAL": gettext_lazy("手机号码格式不正确，请核对后重新输入。"),
    "isv.BUSINESS_LIMIT_CONTROL": gettext_lazy("该号码获取短信过于频繁，请稍后再试。"),
    "isv.DAY_LIMIT_CONTROL": gettext_lazy("今日短信发送量已达上限，请明天再试。"),
    "isv.MONTH_LIMIT_CONTROL": gettext_lazy("本月短信发送量已达上限。"),
    "isv.BLACK_KEY_CONTROL_LIMIT": gettext_lazy("该号码在运营商的免打扰名单中，无法接收短信。"),
    "isv.MOBILE_COUNT_OVER_LIMIT": gettext_lazy("一次发送的手机号码过多。"),
    # The office's account with the provider.
    "isv.AMOUNT_NOT_ENOUGH": gettext_lazy("短信服务账户余额不足。"),
    "isv.OUT_OF_SERVICE": gettext_lazy("短信服务已停机（账户欠费）。"),
    "isv.ACCOUNT_NOT_EXISTS": gettext_lazy("短信服务账户不存在。"),
    "isv.ACCOUNT_ABNORMAL": gettext_lazy("短信服务账户异常。"),
    "isv.PRODUCT_UN_SUBSCRIPT": gettext_lazy("尚未开通阿里云短信服务。"),
    "isv.PRODUCT_UNSUBSCRIBE": gettext_lazy("尚未开通阿里云短信服务。"),
    "isp.RAM_PERMISSION_DENY": gettext_lazy("短信服务的访问密钥没有发送权限。"),
    "InvalidAccessKeyId.NotFound": gettext_lazy("短信服务的访问密钥不存在。"),
    "SignatureDoesNotMatch": gettext_lazy("短信服务的访问密钥不正确（签名不符）。"),
    "InvalidTimeStamp.Expired": gettext_lazy("服务器时间不准，短信服务拒绝了请求。"),
    "SignatureNonceUsed": gettext_lazy("短信请求重复，已被短信服务拒绝。"),
    # The signature (签名) and templates registered in the provider's console.
    "isv.SMS_SIGNATURE_ILLEGAL": gettext_lazy("短信签名未通过审核或不存在。"),
    "isv.SMS_SIGN_ILLEGAL": gettext_lazy("短信签名被禁止使用。"),
    "isv.SIGN_STATE_ILLEGAL": gettext_lazy("短信签名当前不可用。"),
    "isv.SMS_SIGNATURE_SCENE_ILLEGAL": gettext_lazy("短信签名的适用场景与模板类型不符。"),
    "isv.SMS_TEMPLATE_ILLEGAL": gettext_lazy("短信模板未通过审核或不存在。"),
    "isv.TEMPLATE_MISSING_PARAMETERS": gettext_lazy("短信模板缺少参数。"),
    "isv.TEMPLATE_PARAMS_ILLEGAL": gettext_lazy("短信模板参数含有不允许的内容。"),
    "isv.PARAM_LENGTH_LIMIT": gettext_lazy("短信模板参数过长。"),
    "isv.PARAM_NOT_SUPPORT_URL": gettext_lazy("短信模板参数不允许含有网址。"),
    "isv.SMS_CONTENT_ILLEGAL": gettext_lazy("短信内容含有禁止发送的内容。"),
    "isv.INVALID_PARAMETERS": gettext_lazy("短信请求参数有误。"),
    "isv.INVALID_JSON_PARAM": gettext_lazy("短信模板参数格式有误。"),
    "isp.SYSTEM_ERROR": gettext_lazy("短信服务内部错误，请稍后再试。"),
}
# Codes the person can act on; for the others the message adds who to call.
PERSON_CAN_ACT = {
    "isv.MOBILE_NUMBER_ILLEGAL",
    "isv.BUSINESS_LIMIT_CONTROL",
    "isv.DAY_LIMIT_CONTROL",
    "isv.BLACK_KEY_CONTROL_LIMIT",
    "isp.SYSTEM_ERROR",
}


def explain(code: str) -> str:
    """A clear Chinese message for a provider's error code, known or not."""
    if code not in ERRORS:
        return _("短信发送失败（错误码 %(code)s），请联系系统管理员。") % {"code": code or "?"}
    if code in PERSON_CAN_ACT:
        return str(ERRORS[code])
    return _("%(problem)s请联系系统管理员。") % {"problem": ERRORS[code]}
