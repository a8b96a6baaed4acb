"""The XSS audit itself: it must catch what a browser would run and let escaped text be."""

import pytest

from .xss_audit import unsafe_markup
from .xss_payloads import PAYLOADS

RUNNABLE = [
    "<script>alert(1)</script>",
    '<script src="//xss.example/a.js"></script>',
    "<img src=x onerror=alert(1)>",
    '<a href="jav&#x09;ascript:alert(1)">x</a>',
    '<a href=" &#14; javascript:alert(1)">x</a>',
    '<a href="JaVaScRiPt:alert(1)">x</a>',
    '<form><button formaction="vbscript:x">x</button></form>',
    '<svg><a xlink:href="javascript:alert(1)">x</a></svg>',
    '<iframe srcdoc="x"></iframe>',
    '<base href="//xss.example/">',
    '<div style="width: ex/**/pression(alert(1))">x</div>',
    '<div hx-on:click="alert(1)">x</div>',
    '<input value="" onmouseover="alert(1)" x="">',
]


@pytest.mark.parametrize("html", RUNNABLE)
def test_audit_flags_markup_that_runs_script(html):
    # given a page holding it
    page = f"<html><body><p>正文</p>{html}</body></html>"
    # when / then
    assert unsafe_markup(page)


def test_audit_lets_escaped_payloads_and_the_sites_own_scripts_be():
    # given every payload escaped as a template would, beside the site's own scripts
    from django.utils.html import escape

    page = (
        '<script src="/static/vendor/htmx.min.js" defer></script>'
        '<script type="application/json" id="d">{"a": "<b>"}</script>'
        + "".join(f'<p title="{escape(p)}">{escape(p)}</p>' for p in PAYLOADS)
    )
    # when / then
    assert unsafe_markup(page) == []
