"""What every browser journey does the same way: sign in as someone, and send a form.

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
