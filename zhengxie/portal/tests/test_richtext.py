import pytest

from zhengxie.portal.richtext import IMAGE_PREFIX, plain_text, sanitize_html

# Real payloads from the OWASP XSS filter evasion cheat sheet and PortSwigger's list.
XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=javascript:alert('XSS')>",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
    '<a onmouseover="alert(document.cookie)">xxs link</a>',
    "<IMG SRC=# onmouseover=\"alert('xxs')\">",
    "<img src=x onerror=alert(1)//>",
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",  # noqa: E501
    "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
    '<a href="jav&#x0A;ascript:alert(1)">x</a>',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JAVASCRIPT:alert(1)">click</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<a href="vbscript:msgbox(1)">x</a>',
    "<svg/onload=alert('XSS')>",
    "<svg><script>alert(1)</script></svg>",
    "<BODY ONLOAD=alert('XSS')>",
    "<iframe src=\"javascript:alert('XSS');\"></iframe>",
    '<IFRAME SRC="https://evil.example/"></IFRAME>',
    "<object data=\"javascript:alert('XSS')\"></object>",
    '<embed src="data:image/svg+xml;base64,PHN2Zz48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9zdmc+">',
    "<STYLE>li {list-style-image: url(\"javascript:alert('XSS')\");}</STYLE><UL><LI>XSS</br>",
    "<DIV STYLE=\"background-image: url(javascript:alert('XSS'))\">",
    "<input onfocus=alert(1) autofocus>",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<form action="javascript:alert(1)"><button>x</button></form>',
    '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(\'XSS\');">',
    '<LINK REL="stylesheet" HREF="javascript:alert(\'XSS\');">',
    "<BASE HREF=\"javascript:alert('XSS');//\">",
    '<<SCRIPT>alert("XSS");//<</SCRIPT>',
    '"><script>alert(document.domain)</script>',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    '<a href="&#1;javascript:alert(1)">x</a>',
]

DANGEROUS = ("<script", "javascript:", "vbscript:", "data:", "onerror", "onload", "onmouseover",
             "onfocus", "ontoggle", "<iframe", "<object", "<embed", "<style", "style=", "<svg",
             "<meta", "<link", "<base", "<form", "<input")  # fmt: skip


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_sanitiser_removes_every_xss_vector(payload):
    # when
    clean = sanitize_html(payload).lower()
    # then
    assert not any(marker in clean for marker in DANGEROUS), clean


def test_sanitiser_keeps_bold_lists_quotes_links_and_own_images():
    raw = (
        "<p><b>加粗</b><strong>强调</strong></p><ul><li>一</li></ul><ol><li>二</li></ol>"
        '<blockquote>引用</blockquote><a href="https://www.suizhou.gov.cn/">随州</a>'
        '<img src="/portal/attachments/3/" alt="图">'
    )
    clean = sanitize_html(raw)
    for kept in ("<b>加粗</b>", "<strong>", "<ul><li>一</li></ul>", "<ol>", "<blockquote>",
                 'href="https://www.suizhou.gov.cn/"', 'src="/portal/attachments/3/"'):  # fmt: skip
        assert kept in clean
    assert 'rel="nofollow' in clean


def test_images_from_other_sites_lose_their_source():
    clean = sanitize_html('<img src="https://tracker.example/p.gif" alt="t">')
    assert "tracker.example" not in clean


def test_plain_text_becomes_escaped_paragraphs():
    clean = sanitize_html("第一段 1 < 2\n续行\n\n第二段")
    assert clean == "<p>第一段 1 &lt; 2<br>续行</p><p>第二段</p>"
    assert plain_text(clean) == "第一段 1 < 2续行第二段"


ESCAPING_IMAGE_SOURCES = [
    f"{IMAGE_PREFIX}../../admin/x",
    f"{IMAGE_PREFIX}%2e%2e/%2e%2e/admin/x",
    f"{IMAGE_PREFIX}%2E%2E/%2E%2E/admin/x",
    f"{IMAGE_PREFIX}%252e%252e/%252e%252e/admin/x",
    f"{IMAGE_PREFIX}..%2f..%2fadmin/x",
    f"{IMAGE_PREFIX}..\\..\\admin\\x",
    f"{IMAGE_PREFIX}..%5c..%5cadmin/x",
    f"{IMAGE_PREFIX}./3/",
    f"{IMAGE_PREFIX}/evil.example/x.png",
    "//evil.example/x.png",
    "/%2fevil.example/x.png",
    "\\\\evil.example/x.png",
    "/\\evil.example/x.png",
    "/\t/evil.example/x.png",
    f"https://evil.example{IMAGE_PREFIX}3/",
    f"//evil.example{IMAGE_PREFIX}3/",
]


@pytest.mark.parametrize("src", ESCAPING_IMAGE_SOURCES)
def test_image_sources_that_leave_the_attachment_path_are_dropped(src):
    # given: an image whose source starts like an attachment but resolves elsewhere
    raw = f'<img src="{src}" alt="图">'
    # when
    clean = sanitize_html(raw)
    # then: the image keeps no source at all
    assert "src=" not in clean, clean


def test_an_attachment_image_keeps_its_source():
    # when
    clean = sanitize_html(f'<p>图片</p><img src="{IMAGE_PREFIX}3/" alt="图">')
    # then
    assert f'src="{IMAGE_PREFIX}3/"' in clean
