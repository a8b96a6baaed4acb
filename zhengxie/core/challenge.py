"""The human check before a registration: a sum written in Chinese numerals (七加五等于几？).

It needs no outside service and no image: the platform runs on networks that reach no remote
captcha. It stops the scripts that fill every form they find, not a determined person; the
per-address throttle (core.throttle) bounds what such a person can do. The expected answer
lives in the session and is taken on the first try, so one question buys one attempt.
"""

import secrets

from django.contrib.sessions.backends.base import SessionBase
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

SESSION_KEY = "registration_challenge"
NUMERALS = "零一二三四五六七八九"
# The numbers as words in the reader's language: 七 in Chinese, "seven" in English.
NUMBER_WORDS = (
    pgettext_lazy("number word", "零"),
    pgettext_lazy("number word", "一"),
    pgettext_lazy("number word", "二"),
    pgettext_lazy("number word", "三"),
    pgettext_lazy("number word", "四"),
    pgettext_lazy("number word", "五"),
    pgettext_lazy("number word", "六"),
    pgettext_lazy("number word", "七"),
    pgettext_lazy("number word", "八"),
    pgettext_lazy("number word", "九"),
)


def ask(session: SessionBase) -> str:
    """Puts a new question in the session and returns its text."""
    first, second = secrets.randbelow(9) + 1, secrets.randbelow(9) + 1
    session[SESSION_KEY] = first + second
    return _("%(first)s加%(second)s等于几？") % {
        "first": NUMBER_WORDS[first],
        "second": NUMBER_WORDS[second],
    }


def take_answer(session: SessionBase) -> int | None:
    """The expected answer of the question last asked, which is then spent."""
    return session.pop(SESSION_KEY, None)
