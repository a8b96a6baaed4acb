"""What every browser journey does the same way: sign in as someone, send a form, and check
that a page reads without sideways scrolling.

A click that sends a form returns before the answer arrives. A journey that goes on at once
(most often: clears the cookies to sign in as the next person) races that answer, whose cookies
then land on the next sign-in page and spoil its CSRF token. So a form is sent and its answer
waited for in one step.
"""

from zhengxie.core.factories import PASSWORD


def submit(page, selector: str) -> None:
    """Click what sends a form and wait until the page it leads to has loaded."""
    with page.expect_navigation():
        page.click(selector)


def sign_in(page, username: str, password: str = PASSWORD) -> None:
    """Sign in afresh as `username`, whoever was signed in before."""
    page.context.clear_cookies()
    page.goto(f"{page.base_url}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    submit(page, "main form button[type=submit]")
    assert "/accounts/login/" not in page.url, f"{username} could not sign in"


def fits_its_width(page) -> bool:
    """The page reads at the viewport's width without sideways scrolling.

    It waits for the page to load first: measured while a click's navigation is still
    under way, the new document has no root element yet.
    """
    page.wait_for_load_state()
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
