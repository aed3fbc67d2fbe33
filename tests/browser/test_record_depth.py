"""A record in depth against the sandbox (issue 21): values formatted by the org's currency and the
user's time zone, links, the layout's sections with empty fields behind a toggle, related records
opening in place, Notes read and added, Attachments downloaded (fetch -> Blob) and uploaded after
the size check."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import httpx
from playwright.sync_api import expect

from .steps import open_signed_in

WAIT = 15_000  # ms: as the context's action timeout (playwright.config.json), for answers from the sandbox
FIELDS = "Deal_Name,Amount,Closing_Date,Modified_Time,Account_Name"


def first(sandbox, module, fields):
    """The module's first record (by id), read from the sandbox with a token of its own."""
    token = sandbox.mint_token()["access_token"]
    answer = httpx.get(sandbox.api_url + "/crm/v8/" + module, headers={"Authorization": "Zoho-oauthtoken " + token},
                       params={"fields": fields, "sort_by": "id", "sort_order": "asc", "per_page": 1}, timeout=10)
    return answer.json()["data"][0]


def facts(page):
    """The detail's fields as {label: text}, whitespace as a person reads it."""
    terms = page.get_by_test_id("record-fields").locator("dt").all_inner_texts()
    values = page.get_by_test_id("record-fields").locator("dd").all_inner_texts()
    return {term: re.sub(r"\s+", " ", value) for term, value in zip(terms, values)}


def open_record(page, sandbox, module, record_id):
    open_signed_in(page, sandbox, path=f"?view=records&module={module}&record={record_id}")
    page.get_by_test_id("record-fields").locator("dt").first.wait_for()


def posts(sandbox, path):
    return [r for r in sandbox.state()["requests"] if r["method"] == "POST" and r["path"] == path]


def test_values_are_formatted_in_the_layouts_sections_with_empty_fields_behind_a_toggle(page, sandbox):
    deal = first(sandbox, "Deals", FIELDS)
    open_record(page, sandbox, "Deals", deal["id"])
    page.get_by_test_id("record-fields").locator("h4", has_text="Deal Information").wait_for()
    shown = facts(page)
    assert shown["Amount"] == "${:,.2f}".format(deal["Amount"])  # the org's USD, en_US
    closing = date.fromisoformat(deal["Closing_Date"])  # the user's own date_format, "MM-dd-yyyy"
    assert shown["Closing Date"] == "{:%m-%d-%Y}".format(closing)
    local = datetime.fromisoformat(deal["Modified_Time"]).astimezone(ZoneInfo("America/Los_Angeles"))
    # and its time_format "hh:mm a", in the user's America/Los_Angeles
    assert shown["Modified Time"] == "{:%m-%d-%Y %I:%M} {}".format(local, "AM" if local.hour < 12 else "PM")
    assert "id" not in shown and "Record Id" not in shown
    count = page.get_by_test_id("empty-count")
    expect(count).to_have_text(re.compile(r"^\(\d+ hidden\)$"), timeout=WAIT)
    hidden = int(re.search(r"\d+", count.inner_text()).group())
    page.get_by_test_id("show-empty-fields").check()
    expect(page.get_by_test_id("record-fields").locator("dt")).to_have_count(len(shown) + hidden, timeout=WAIT)
    expect(count).to_have_text("", timeout=WAIT)

def test_emails_phones_and_websites_are_links_and_nothing_else_is(page, sandbox):
    account = first(sandbox, "Accounts", "Account_Name,Phone,Website")
    open_record(page, sandbox, "Accounts", account["id"])
    links = page.get_by_test_id("record-fields").locator("a")
    hrefs = links.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs and all(re.match(r"^(mailto:|tel:\+?\d+$|https://)", href) for href in hrefs), hrefs
    if account.get("Website", "").startswith("https://"):
        assert account["Website"] in hrefs


def test_related_records_open_in_place(page, sandbox):
    account = first(sandbox, "Accounts", "Account_Name")
    open_record(page, sandbox, "Accounts", account["id"])
    related = page.get_by_test_id("related-lists")
    deals = related.locator('table[data-related="Deals"]')
    deals.locator("tbody tr").first.wait_for()
    opener = deals.locator("tbody tr").first.get_by_role("button", name=re.compile("^Open "))
    title = opener.get_attribute("aria-label")[len("Open "):]
    opener.click()
    expect(page.get_by_test_id("record-title")).to_have_text(title, timeout=WAIT)
    expect(page).to_have_url(re.compile(r"module=Deals&record=\d+"), timeout=WAIT)
    expect(page.get_by_test_id("module-title")).to_have_text("Deals", timeout=WAIT)


def test_notes_are_listed_and_added_and_a_failed_add_keeps_the_text(page, sandbox):
    deal = first(sandbox, "Deals", "Deal_Name")
    open_record(page, sandbox, "Deals", deal["id"])
    notes = page.get_by_test_id("notes")
    notes.locator("li").first.wait_for()
    before = notes.locator("li").count()
    path = f"/crm/v8/Deals/{deal['id']}/Notes"
    sandbox.fail_next(status=500, count=1, path_prefix=path)
    page.get_by_test_id("note-text").fill("Called: wants <b>40</b> seats")
    page.get_by_test_id("note-add").click()
    expect(page.get_by_test_id("notes-message")).to_contain_text(re.compile("Zoho"), timeout=WAIT)
    expect(page.get_by_test_id("note-text")).to_have_value("Called: wants <b>40</b> seats", timeout=WAIT)
    page.get_by_test_id("note-add").click()
    expect(notes.locator("li")).to_have_count(before + 1, timeout=WAIT)
    expect(notes.locator("li p", has_text="Called: wants <b>40</b> seats")).to_have_count(1, timeout=WAIT)  # as text
    assert notes.locator("b").count() == 0
    expect(page.get_by_test_id("note-text")).to_have_value("", timeout=WAIT)
    assert len(posts(sandbox, path)) == 2


def test_attachments_download_through_fetch_and_upload_after_the_size_check(page, sandbox, tmp_path):
    deal = first(sandbox, "Deals", "Deal_Name")
    open_record(page, sandbox, "Deals", deal["id"])
    attachments = page.get_by_test_id("attachments")
    file_button = attachments.get_by_role("button", name="proposal.txt")
    navigations = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))
    with page.expect_download() as download:
        file_button.click()
    saved = download.value
    assert saved.suggested_filename == "proposal.txt"
    assert "Proposal for " + deal["Deal_Name"] in open(saved.path(), encoding="utf-8").read()
    assert not saved.url.startswith("http") and navigations == []  # a Blob of the page, never Zoho's URL
    fetched = [r for r in sandbox.state()["requests"] if re.search(r"/Attachments/\d+$", r["path"])]
    assert fetched and all("token" not in r["query"].lower() for r in fetched)

    path = f"/crm/v8/Deals/{deal['id']}/Attachments"
    upload = page.get_by_test_id("attachment-upload")
    big = tmp_path / "big.bin"  # a path, not a buffer: 20 MB through the DevTools protocol is slow
    with big.open("wb") as out:
        out.truncate(20 * 1024 * 1024 + 1)
    upload.set_input_files(big)
    expect(page.get_by_test_id("attachments-message")).to_contain_text("Zoho takes attachments of up to 20 MB",
                                                                       timeout=WAIT)
    assert posts(sandbox, path) == []
    upload.set_input_files(files=[{"name": "minutes.txt", "mimeType": "text/plain", "buffer": b"Kick-off minutes"}])
    attachments.get_by_role("button", name="minutes.txt").wait_for()
    assert len(posts(sandbox, path)) == 1


def open_account_with_deals(page, sandbox):
    """The first Account, with its related Deals listed; the first Deal's Open button and title."""
    account = first(sandbox, "Accounts", "Account_Name")
    open_record(page, sandbox, "Accounts", account["id"])
    deals = page.get_by_test_id("related-lists").locator('table[data-related="Deals"]')
    deals.locator("tbody tr").first.wait_for()
    opener = deals.locator("tbody tr").first.get_by_role("button", name=re.compile("^Open "))
    return account, opener, opener.get_attribute("aria-label")[len("Open "):]


def test_back_after_a_related_record_returns_to_the_parent_record(page, sandbox):
    account, opener, title = open_account_with_deals(page, sandbox)
    parent = page.url
    opener.click()
    expect(page.get_by_test_id("record-title")).to_have_text(title, timeout=WAIT)
    expect(page).to_have_url(re.compile(r"module=Deals&record=\d+"), timeout=WAIT)
    page.go_back()
    expect(page).to_have_url(parent, timeout=WAIT)  # still the app: Back no longer leaves it
    expect(page.get_by_test_id("module-title")).to_have_text("Accounts", timeout=WAIT)
    expect(page.get_by_test_id("record-title")).to_have_text(account["Account_Name"], timeout=WAIT)
    page.go_forward()
    expect(page.get_by_test_id("record-title")).to_have_text(title, timeout=WAIT)


def test_a_typed_note_is_asked_about_in_the_page_before_a_related_record_opens(page, sandbox):
    account, opener, title = open_account_with_deals(page, sandbox)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    note = page.get_by_test_id("note-text")
    note.fill("Call back about the renewal")
    opener.click()
    said = page.locator('[data-view="records"] [data-testid="view-message"]')
    expect(said).to_contain_text("A note you typed is not added to Zoho", timeout=WAIT)
    keep = said.get_by_role("button", name="Keep the note")
    expect(keep).to_be_focused(timeout=WAIT)
    page.keyboard.press("Escape")
    expect(said).to_be_hidden(timeout=WAIT)
    expect(note).to_have_value("Call back about the renewal")
    expect(page.get_by_test_id("record-title")).to_have_text(account["Account_Name"])
    assert "record=" + account["id"] in page.url and dialogs == []  # asked in the page, never window.confirm
    opener.click()
    said.get_by_role("button", name="Discard and go on").click()
    expect(page.get_by_test_id("record-title")).to_have_text(title, timeout=WAIT)
    expect(note).to_have_value("", timeout=WAIT)


def test_back_after_another_module_returns_to_the_module_before_asking_first_for_a_typed_note(page, sandbox):
    account, _, _ = open_account_with_deals(page, sandbox)
    record = page.url
    leads = page.get_by_test_id("modules").get_by_role("button", name="Leads", exact=True)
    note = page.get_by_test_id("note-text")
    note.fill("Call back about the renewal")
    leads.click()
    said = page.locator('[data-view="records"] [data-testid="view-message"]')
    said.get_by_role("button", name="Discard and go on").click()
    expect(page.get_by_test_id("module-title")).to_have_text("Leads", timeout=WAIT)
    expect(page).to_have_url(re.compile(r"module=Leads$"), timeout=WAIT)
    page.go_back()  # a new history entry: Back returns to the record in the module before
    expect(page).to_have_url(record, timeout=WAIT)
    expect(page.get_by_test_id("module-title")).to_have_text("Accounts", timeout=WAIT)
    expect(page.get_by_test_id("record-title")).to_have_text(account["Account_Name"], timeout=WAIT)
    note.fill("Ask about the invoice")
    page.go_forward()  # to Leads again: the note typed since is asked about first, and kept
    expect(said).to_contain_text("A note you typed is not added to Zoho", timeout=WAIT)
    said.get_by_role("button", name="Keep the note").click()
    expect(note).to_have_value("Ask about the invoice")
    expect(page.get_by_test_id("record-title")).to_have_text(account["Account_Name"])


def test_more_on_a_related_list_by_keyboard_leaves_the_focus_on_the_first_record_it_added(page, sandbox):
    account = first(sandbox, "Accounts", "Account_Name")
    token = sandbox.mint_token()["access_token"]
    added = httpx.post(sandbox.api_url + "/crm/v8/Contacts", headers={"Authorization": "Zoho-oauthtoken " + token},
                       json={"data": [{"Last_Name": "Extra {:02}".format(n), "Account_Name": {"id": account["id"]}}
                                      for n in range(12)]}, timeout=10)
    assert added.status_code == 201
    open_record(page, sandbox, "Accounts", account["id"])
    contacts = page.get_by_test_id("related-lists").locator('table[data-related="Contacts"]')
    expect(contacts.locator("tbody tr")).to_have_count(10, timeout=WAIT)
    more = page.get_by_role("button", name="More Contacts")
    more.focus()
    page.keyboard.press("Enter")
    expect(contacts.locator("tbody tr").nth(10)).to_be_visible(timeout=WAIT)
    # The focus went with the list, to the first record More added, not to the page's start.
    expect(contacts.locator("tbody tr").nth(10).get_by_role("button", name=re.compile("^Open "))).to_be_focused()
