"""The site under a sub-path, as GitHub Pages serves a project site (/<repo>/): the whole sign-in."""

from urllib.parse import parse_qs, urlsplit

import pytest

from .harness import (
    ACCOUNTS_ORIGIN,
    SUB_PATH_ORIGIN,
    SUB_PATH_URL,
    session_token,
    wait_ready,
)


@pytest.fixture
def site_answers(context, sub_path_server):
    """Every answer of the sub-path site server: (status, url)."""
    answers = []
    context.on("response", lambda response: response.url.startswith(SUB_PATH_ORIGIN)
               and answers.append((response.status, response.url)))
    return answers


def test_sign_in_and_out_under_a_sub_path(context, page, sandbox, site_answers):
    page.goto(SUB_PATH_URL)
    wait_ready(page)
    page.get_by_test_id("sign-in").click()
    page.wait_for_url(ACCOUNTS_ORIGIN + "/oauth/v2/auth?**")
    assert parse_qs(urlsplit(page.url).query)["redirect_uri"] == [SUB_PATH_URL]
    page.get_by_role("button", name="Accept").click()
    page.wait_for_url(SUB_PATH_URL + "**")
    wait_ready(page)
    page.get_by_test_id("current-user").filter(has_text="Ada").wait_for()
    assert urlsplit(page.url).path == urlsplit(SUB_PATH_URL).path
    assert "access_token" not in page.url
    assert session_token(page)["location"] == "us"

    page.get_by_test_id("sign-out").click()
    page.get_by_test_id("notice").filter(has_text="revoked").wait_for()
    assert session_token(page) is None
    assert page.get_by_test_id("sign-in").is_visible()

    # Every file came from under the sub-path, and was there: no root-relative URL in the site.
    assert site_answers, "the sub-path server answered the page's requests"
    outside = [url for _, url in site_answers if not url.startswith(SUB_PATH_URL)]
    assert outside == []
    assert [answer for answer in site_answers if answer[0] >= 400] == []
    assert context.recorded.failed == []
