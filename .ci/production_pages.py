"""Walk a production server as each demo role would: sign in, open every page the menu offers.

Run against gunicorn under `config.settings.production`, behind what nginx would add (the
`X-Forwarded-Proto: https` header), so secure cookies, CSRF origin checks, the static manifest
and the English catalog are the ones a deployment serves. Exits non-zero, naming the page, on
any answer other than 200 (or a redirect within the site), or on a page whose scripts and
stylesheets do not resolve.

    python .ci/production_pages.py http://127.0.0.1:8765
"""

import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser

PASSWORD = "zhengxie2022"
ROLES = [None, "resident", "member", "unit", "staff", "zengdu_staff", "leader", "chair"]
ROLES += ["convenor", "suizhou_info", "admin"]
SKIPPED_LINKS = re.compile(r"^/(accounts/logout|i18n/|admin/)|\.(xlsx|docx|pdf|csv)$")


class PageLinks(HTMLParser):
    """The same-site links and the assets of one page, and its CSRF token if it has a form."""

    def __init__(self):
        super().__init__()
        self.links, self.assets, self.csrf = set(), set(), ""

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        if tag == "a" and (found.get("href") or "").startswith("/"):
            self.links.add(found["href"].split("#")[0])
        if tag == "script" and found.get("src"):
            self.assets.add(found["src"])
        if tag == "link" and found.get("rel") == "stylesheet":
            self.assets.add(found["href"])
        if tag == "input" and found.get("name") == "csrfmiddlewaretoken":
            self.csrf = found["value"]


class Browser:
    """Keeps the cookies a browser on HTTPS would keep, Secure ones included."""

    def __init__(self, base: str):
        self.base, self.cookies = base, {}
        self.opener = urllib.request.build_opener(NoRedirect)

    def fetch(self, path: str, form: dict | None = None) -> tuple[int, str, str]:
        request = urllib.request.Request(self.base + path, headers=self._headers())
        if form is not None:
            request.data = urllib.parse.urlencode(form).encode()
        try:
            response = self.opener.open(request, timeout=60)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";")[0]
        body = response.read().decode("utf-8", "replace")
        return response.status, response.headers.get("Location", ""), body

    def _headers(self) -> dict:
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        origin = "https://" + urllib.parse.urlsplit(self.base).netloc
        return {"X-Forwarded-Proto": "https", "Cookie": cookie, "Origin": origin}


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def sign_in(browser: Browser, username: str) -> None:
    _, _, page = browser.fetch("/accounts/login/")
    form = PageLinks()
    form.feed(page)
    credentials = {"username": username, "password": PASSWORD}
    status, location, _ = browser.fetch(
        "/accounts/login/", {**credentials, "csrfmiddlewaretoken": form.csrf}
    )
    if status != 302 or "login" in location:
        sys.exit(f"{username}: sign-in failed ({status} {location})")


def walk(browser: Browser, who: str) -> list[str]:
    """Opens the home page and every page one click away; returns the failures."""
    _, _, home = browser.fetch("/")
    start = PageLinks()
    start.feed(home)
    failures, assets = [], set(start.assets)
    for path in sorted(link for link in start.links if not SKIPPED_LINKS.search(link)):
        status, location, body = browser.fetch(path)
        redirected_within_site = status in (301, 302) and location.startswith("/")
        if status != 200 and not redirected_within_site:
            failures.append(f"{who} {path}: {status}")
        page = PageLinks()
        page.feed(body)
        assets |= page.assets
    for asset in sorted(assets):
        if browser.fetch(asset)[0] != 200:
            failures.append(f"{who} {asset}: not served")
    print(f"{who}: {len(start.links)} pages, {len(assets)} assets")
    return failures


def main(base: str) -> None:
    failures = []
    for username in ROLES:
        browser = Browser(base)
        if username:
            sign_in(browser, username)
        failures += walk(browser, username or "guest")
    english = Browser(base)
    english.cookies["django_language"] = "en"
    if "Sign in" not in english.fetch("/accounts/login/")[2]:
        failures.append("the English catalog is not served")
    if failures:
        sys.exit("\n".join(failures))


if __name__ == "__main__":
    main(sys.argv[1])
