"""A record in depth (issue 21), on CPython against the fake DOM: the detail in its layout's sections,
values through the formatter the org's and user's settings chose, links, related records opening in
place, Notes and Attachments (the browser's fetch, FormData and Blob faked as web.transfer)."""

import types

import pytest

from zoho.api import CRM
from zoho.place import read_place

from tests.controller.fakes import answer, zoho_error
from tests.controller.sessions import run, settle

from .fakes import FakeServices, FakeShell, records_page

MODULES = {"modules": [{"api_name": name, "plural_label": name, "api_supported": True}
                       for name in ("Accounts", "Deals")]}


def field(api_name, label, data_type="text"):
    return {"api_name": api_name, "field_label": label, "data_type": data_type}


ACCOUNT_FIELDS = {"fields": [field("Account_Name", "Account Name"), field("Website", "Website", "website"),
                             field("Phone", "Phone", "phone"), field("Annual_Revenue", "Annual Revenue", "currency"),
                             field("Description", "Description", "textarea"), field("Rating", "Rating"),
                             field("Opted_In", "Opted In", "boolean"), field("Modified_Time", "Modified Time", "datetime")]}
DEAL_FIELDS = {"fields": [field("Deal_Name", "Deal Name"), field("Amount", "Amount", "currency"),
                          field("Closing_Date", "Closing Date", "date")]}
ACCOUNT = {"id": "201", "Account_Name": "Blue Energy", "Website": "javascript:alert(1)", "Phone": "+1 555 0100",
           "Annual_Revenue": 159250, "Description": None, "Rating": "", "Opted_In": True,
           "Modified_Time": "2024-02-17T22:35:00+00:00", "Layout": {"id": "7", "name": "Standard"}}
LAYOUTS = {"layouts": [{"id": "7", "sections": [
    {"display_label": "Account Information", "sequence_number": 1, "fields": [
        {"api_name": "Account_Name", "sequence_number": 1}, {"api_name": "Phone", "sequence_number": 3},
        {"api_name": "Website", "sequence_number": 2}, {"api_name": "Annual_Revenue", "sequence_number": 4},
        {"api_name": "Rating", "sequence_number": 5}, {"api_name": "Opted_In", "sequence_number": 6}]},
    {"display_label": "Description Information", "sequence_number": 2, "fields": [
        {"api_name": "Description", "sequence_number": 1}]}]}]}
RELATED = {"related_lists": [
    {"api_name": "Deals", "display_label": "Deals", "module": {"api_name": "Deals"}, "visible": True},
    {"api_name": "Notes", "display_label": "Notes", "module": {"api_name": "Notes"}, "visible": True},
    {"api_name": "Attachments", "display_label": "Attachments", "module": {"api_name": "Attachments"}, "visible": True},
]}
DEALS = {"data": [{"id": "301", "Deal_Name": "Solar roof", "Stage": "Proposal", "Amount": 5000,
                   "Closing_Date": "2024-03-01"}], "info": {"more_records": False}}
NOTES = {"data": [{"id": "401", "Note_Title": "Call", "Note_Content": "<b>wants</b> a quote",
                   "Owner": {"name": "Ada Lovelace", "id": "1"}, "Created_Time": "2024-02-17T22:35:00+00:00"}]}
FILES = {"data": [{"id": "501", "File_Name": "proposal.txt", "Size": "1536", "$type": "File",
                   "Owner": {"name": "Ada Lovelace", "id": "1"}, "Created_Time": "2024-02-17T22:35:00+00:00"}]}
ORG = {"org": [{"iso_code": "USD", "currency_locale": "en_US", "time_zone": "America/Los_Angeles"}]}
USER = {"users": [{"locale": "en_GB", "time_zone": "Europe/London", "time_format": "HH:mm"}]}


class FakeFormatter:
    """Intl stand-in: "<kind>:<number>" shows what the core handed over."""

    made_for = []

    def __init__(self, formats):
        FakeFormatter.made_for.append(formats)

    def typed(self, data_type, value):
        from zoho.locale import formatted_text
        return formatted_text(data_type, value, lambda kind, number: kind + ":" + repr(number))

    def text(self, field, value):
        return self.typed(field.data_type if field is not None else None, value)


class FakeTransfer:
    """web.transfer faked: what was fetched, sent and saved."""

    def __init__(self):
        self.fetched, self.sent, self.saved = [], [], []
        self.file_answer = (200, {}, "BLOB", "")
        self.send_answer = answer(200, {"data": [{"code": "SUCCESS", "details": {"id": "502"},
                                                  "message": "attachment uploaded successfully", "status": "success"}]})

    async def fetch_file(self, request):
        self.fetched.append(request)
        return self.file_answer

    async def send_file(self, request, field_name, file):
        self.sent.append((request, field_name, file))
        return self.send_answer

    def save_blob(self, blob, name):
        self.saved.append((blob, name))


class DepthServices(FakeServices):
    async def handle_error(self, error, report=None, explain=None):
        report.show_error(error.message)


@pytest.fixture
def page():
    return records_page()


@pytest.fixture
def services():
    services = DepthServices()
    # The Records view reads the Accounts' fields, then the related list the Deals' (each once).
    services.answer("GET", CRM + "/settings/fields", answer(200, ACCOUNT_FIELDS), answer(200, DEAL_FIELDS))
    for path, body in (("/settings/modules", MODULES),
                       ("/Accounts", {"data": [ACCOUNT], "info": {"more_records": False}}),
                       ("/Accounts/201", {"data": [ACCOUNT]}), ("/settings/layouts", LAYOUTS),
                       ("/settings/related_lists", RELATED), ("/org", ORG), ("/users", USER),
                       ("/Accounts/201/Deals", DEALS), ("/Accounts/201/Notes", NOTES),
                       ("/Accounts/201/Attachments", FILES), ("/Deals", {"data": [], "info": {}}),
                       ("/settings/custom_views", {"custom_views": []}), ("/Accounts/actions/count", {"count": 1}),
                       ("/Deals/actions/count", {"count": 0})):  # the list's views and counts
        services.answer("GET", CRM + path, answer(200, body))
    return services


async def opened(services, address="?view=records&module=Accounts&record=201"):
    from web.views.records import RecordsView
    shell = FakeShell()
    view = RecordsView(services, shell)
    shell.current = view
    view.root.hidden = False
    view.detail.make_formatter = _make_fake
    view.detail.attachments.transfer = FakeTransfer()
    view.signed_in()
    await settle()
    await view.enter(read_place(address, ["records"], "records"))
    await settle()
    return view


async def _make_fake(formats):
    return FakeFormatter(formats)


def by_testid(page, name):
    return page.querySelector('[data-testid="' + name + '"]')


def sections(page):
    return [(section.querySelector("h4").textContent, [dt.textContent for dt in section.querySelectorAll("dt")])
            for section in by_testid(page, "record-fields").querySelectorAll("section")]


def shown(page):
    fields = by_testid(page, "record-fields")
    return dict(zip([dt.textContent for dt in fields.querySelectorAll("dt")],
                    [dd.textContent for dd in fields.querySelectorAll("dd")]))


@run
async def test_the_detail_follows_the_layout_and_hides_empty_fields_until_asked(page, services):
    await opened(services)
    assert sections(page) == [("Account Information", ["Account Name", "Website", "Phone", "Annual Revenue",
                                                       "Opted In"]),
                              ("Other fields", ["Modified Time"])]
    assert by_testid(page, "empty-count").textContent == "(2 hidden)"
    by_testid(page, "show-empty-fields").click()
    assert sections(page)[0][1][-2:] == ["Rating", "Opted In"] and sections(page)[1] == (
        "Description Information", ["Description"])
    assert by_testid(page, "empty-count").textContent == ""


@run
async def test_formats_zoho_did_not_give_are_asked_again_not_kept_for_the_sign_in(page, services):
    FakeFormatter.made_for.clear()
    services.answer("GET", CRM + "/org", zoho_error(400, "NO_PERMISSION"), answer(200, ORG))
    view = await opened(services)  # the module's list asks first (refused), the record's detail again
    assert len(services.requests("GET", CRM + "/org")) == 2
    assert [formats.currency for formats in FakeFormatter.made_for] == [None, "USD"]
    await view.detail.ready_formats()
    assert len(services.requests("GET", CRM + "/org")) == 2  # given once: kept for the sign-in


@run
async def test_values_go_to_the_formatter_made_from_the_org_and_the_user(page, services):
    FakeFormatter.made_for.clear()
    await opened(services)
    [formats] = FakeFormatter.made_for
    assert (formats.locale, formats.currency, formats.time_zone, formats.hour12) == ("en-GB", "USD", "Europe/London",
                                                                                      False)
    values = shown(page)
    assert values["Annual Revenue"] == "currency:159250.0" and values["Opted In"] == "Yes"
    assert values["Modified Time"] == "datetime:1708209300000.0"


@run
async def test_only_safe_values_become_links(page, services):
    await opened(services)
    links = by_testid(page, "record-fields").querySelectorAll("a")
    assert [(a.textContent, a.getAttribute("href")) for a in links] == [("+1 555 0100", "tel:+15550100")]
    assert shown(page)["Website"] == "javascript:alert(1)"  # shown, never followed


@run
async def test_a_related_record_opens_in_place(page, services):
    view = await opened(services)
    table = by_testid(page, "related-tables").querySelector('table[data-related="Deals"]')
    assert [td.textContent for td in table.querySelectorAll("td") if td.hasAttribute("data-label")] == [
        "Solar roof", "Proposal", "currency:5000.0", "date:1709251200000.0"]
    assert [th.textContent for th in table.querySelectorAll("th")][:4] == ["Deal Name", "Stage", "Amount", "Closing Date"]
    assert dict(services.requests("GET", CRM + "/Accounts/201/Deals")[-1][0])["fields"] == (
        "Deal_Name,Stage,Amount,Closing_Date")
    services.answer("GET", CRM + "/Deals/301", answer(200, {"data": DEALS["data"]}))
    services.answer("GET", CRM + "/settings/related_lists", answer(200, {"related_lists": []}))
    [opener] = table.querySelectorAll("button")
    assert opener.getAttribute("aria-label") == "Open Solar roof"
    opener.click()
    await settle()
    assert view.place() == [("module", "Deals"), ("record", "301")]
    assert by_testid(page, "record-title").textContent == "Solar roof"
    assert by_testid(page, "related-lists").hidden  # the Deal's own lists (none), not the Account's


@run
async def test_notes_are_text_and_a_new_one_is_sent_as_typed_and_kept_when_refused(page, services):
    await opened(services)
    notes = by_testid(page, "notes")
    assert notes.querySelector("p").textContent == "<b>wants</b> a quote" and notes.querySelector("b") is None
    by_testid(page, "note-add").click()
    await settle()
    assert "Type the note first" in by_testid(page, "notes-message").textContent
    assert services.requests("POST", CRM + "/Accounts/201/Notes") == []
    by_testid(page, "note-text").type_text("  Follow up on Monday\n")
    services.answer("POST", CRM + "/Accounts/201/Notes", zoho_error(400, "NO_PERMISSION"))
    by_testid(page, "note-add").click()
    await settle()
    assert "does not allow" in by_testid(page, "notes-message").textContent
    assert by_testid(page, "note-text").value == "  Follow up on Monday\n"
    services.answer("POST", CRM + "/Accounts/201/Notes", answer(201, {"data": [
        {"code": "SUCCESS", "details": {"id": "402"}, "message": "record added", "status": "success"}]}))
    by_testid(page, "note-add").click()
    await settle()
    assert services.requests("POST", CRM + "/Accounts/201/Notes")[-1][1] == {
        "data": [{"Note_Content": "  Follow up on Monday\n"}]}
    assert by_testid(page, "note-text").value == "" and "Note added." in by_testid(page, "notes-message").textContent


@run
async def test_a_note_being_typed_stays_when_its_record_is_shown_again(page, services):
    view = await opened(services)
    by_testid(page, "note-text").type_text("Call back about the roof")
    await view.detail.load("Accounts", view.detail.meta, "201")  # the same record again (after an edit, Back...)
    await settle()
    assert by_testid(page, "notes").querySelector("p").textContent == "<b>wants</b> a quote"  # listed anew
    assert by_testid(page, "note-text").value == "Call back about the roof"


@run
async def test_a_note_being_typed_is_forgotten_when_the_session_ends(page, services):
    view = await opened(services)
    by_testid(page, "note-text").type_text("Not for the next person")
    view.reset()
    assert by_testid(page, "note-text").value == ""
    view.signed_in()
    await settle()
    await view.enter(read_place("?view=records&module=Accounts&record=201", ["records"], "records"))
    await settle()
    assert by_testid(page, "notes").querySelector("p").textContent == "<b>wants</b> a quote"
    assert by_testid(page, "note-text").value == ""


@run
async def test_notes_and_attachments_not_listed_again_leave_no_stale_list_and_say_what_was_done(page, services):
    view = await opened(services)
    services.answer("POST", CRM + "/Accounts/201/Notes", answer(201, {"data": [
        {"code": "SUCCESS", "details": {"id": "402"}, "message": "record added", "status": "success"}]}))
    services.answer("GET", CRM + "/Accounts/201/Notes", zoho_error(400, "NO_PERMISSION"))
    by_testid(page, "note-text").type_text("Follow up")
    by_testid(page, "note-add").click()
    await settle()
    assert by_testid(page, "notes-list").querySelectorAll("li") == []  # not the list from before the note
    said = by_testid(page, "notes-message").textContent
    assert "Note added." in said and "does not allow" in said
    services.answer("GET", CRM + "/Accounts/201/Attachments", zoho_error(400, "NO_PERMISSION"))
    upload = by_testid(page, "attachment-upload")
    upload.files = picked("minutes.txt", 16)
    upload.dispatch("change")
    await settle()
    assert view.detail.attachments.transfer.sent and by_testid(page, "attachments-list").querySelectorAll("li") == []


def picked(name, size):
    file = types.SimpleNamespace(name=name, size=size)
    return types.SimpleNamespace(length=1, item=lambda index: file)


@run
async def test_attachments_download_with_the_token_in_a_header_and_upload_after_the_size_check(page, services):
    view = await opened(services)
    transfer = view.detail.attachments.transfer
    [download] = by_testid(page, "attachments-list").querySelectorAll("button")
    assert download.textContent == "proposal.txt"
    download.click()
    await settle()
    [request] = transfer.fetched
    assert request.url == "https://www.zohoapis.com/crm/v8/Accounts/201/Attachments/501"
    assert request.headers["Authorization"].startswith("Zoho-oauthtoken ") and "token" not in request.url
    assert transfer.saved == [("BLOB", "proposal.txt")]

    upload = by_testid(page, "attachment-upload")
    upload.files = picked("big.bin", 20 * 1024 * 1024 + 1)
    upload.dispatch("change")
    await settle()
    assert "Zoho takes attachments of up to 20 MB" in by_testid(page, "attachments-message").textContent
    assert transfer.sent == []
    upload.files = picked("minutes.txt", 16)
    upload.dispatch("change")
    await settle()
    [(request, part, file)] = transfer.sent
    assert request.method == "POST" and request.url.endswith("/crm/v8/Accounts/201/Attachments") and part == "file"
    assert file.name == "minutes.txt"
    assert "attachment uploaded successfully" in by_testid(page, "attachments-message").textContent


@run
async def test_a_refused_download_is_said_beside_the_attachments(page, services):
    view = await opened(services)
    transfer = view.detail.attachments.transfer
    transfer.file_answer = (400, {"content-type": "application/json"}, None,
                            zoho_error(400, "INVALID_DATA", "the attachment id given seems to be invalid")[2])
    by_testid(page, "attachments-list").querySelector("button").click()
    await settle()
    assert transfer.saved == [] and by_testid(page, "attachments-message").is_shown()
    assert "Zoho refused" in by_testid(page, "attachments-message").textContent


# --- nothing typed is thrown away without asking; Back returns --------------------------------


DEAL = dict(DEALS["data"][0])


def related_opener(page):
    return by_testid(page, "related-tables").querySelector('table[data-related="Deals"] button')


def question(page):
    """The question in the view's message: its sentence and its buttons' labels (None: none asked)."""
    said = by_testid(page, "view-message")
    if not said.is_shown() or said.querySelector("button") is None:
        return None
    return said.querySelector("p").textContent, [b.textContent for b in said.querySelectorAll("button")]


def press(page, label):
    [chosen] = [b for b in by_testid(page, "view-message").querySelectorAll("button") if b.textContent == label]
    chosen.click()


def deal_answers(services):
    services.answer("GET", CRM + "/Deals/301", answer(200, {"data": [DEAL]}))
    services.answer("GET", CRM + "/Deals/301/Notes", answer(200, {"data": []}))
    # The Accounts' lists are read once per session; the Deals' are their Notes only.
    services.answer("GET", CRM + "/settings/related_lists", answer(200, {"related_lists": [RELATED["related_lists"][1]]}))


@run
async def test_a_typed_note_is_asked_about_before_a_related_record_opens_and_stays_when_kept(page, services):
    view = await opened(services)
    deal_answers(services)
    by_testid(page, "note-text").type_text("Call back about the roof")
    opener = related_opener(page)
    opener.focus()
    opener.click()
    await settle()
    assert question(page) == ("A note you typed is not added to Zoho; it is kept nowhere else. Discard it and go on?",
                              ["Keep the note", "Discard and go on"])
    said = by_testid(page, "view-message")
    beside = said.parentElement.children
    assert said.getAttribute("role") == "alert" and beside[beside.index(said) - 1] is opener.closest(".table-wrap")
    assert page.activeElement.textContent == "Keep the note"  # the safe choice has the focus
    assert services.requests("GET", CRM + "/Deals/301") == [] and view.place() == [("module", "Accounts"),
                                                                                 ("record", "201")]
    said.dispatch("keydown", key="Escape")  # Escape keeps it, as the button does
    assert question(page) is None and not said.is_shown()
    assert by_testid(page, "note-text").value == "Call back about the roof" and page.activeElement is opener
    assert view.shell.history == [[("module", "Accounts"), ("record", "201")]]
    opener.click()
    await settle()
    press(page, "Discard and go on")
    await settle()
    assert view.place() == [("module", "Deals"), ("record", "301")]
    assert by_testid(page, "record-title").textContent == "Solar roof" and by_testid(page, "note-text").value == ""


@run
async def test_a_related_record_is_a_new_history_entry_and_back_shows_the_parent_again(page, services):
    view = await opened(services)
    deal_answers(services)
    related_opener(page).click()
    await settle()
    assert view.shell.history == [[("module", "Accounts"), ("record", "201")], [("module", "Deals"), ("record", "301")]]
    await view.shell.back(view)  # the browser's Back (popstate)
    await settle()
    assert view.place() == [("module", "Accounts"), ("record", "201")]
    assert by_testid(page, "record-title").textContent == "Blue Energy"
    assert by_testid(page, "module-title").textContent == "Accounts"
    assert question(page) is None


@run
async def test_back_with_a_note_typed_asks_first_and_keeping_it_puts_the_address_back(page, services):
    view = await opened(services)
    deal_answers(services)
    related_opener(page).click()
    await settle()
    by_testid(page, "note-text").type_text("Signed on Friday")
    await view.shell.back(view)
    await settle()
    assert question(page)[1] == ["Keep the note", "Discard and go on"]
    assert by_testid(page, "record-title").textContent == "Solar roof"  # nothing happened yet
    press(page, "Keep the note")
    # The address bar shows again where the view still is, as a new entry: Back asks again.
    assert view.shell.history[view.shell.at] == [("module", "Deals"), ("record", "301")]
    assert view.shell.history[view.shell.at - 1] == [("module", "Accounts"), ("record", "201")]
    assert by_testid(page, "note-text").value == "Signed on Friday"
    await view.shell.back(view)
    await settle()
    press(page, "Discard and go on")
    await settle()
    assert view.place() == [("module", "Accounts"), ("record", "201")] and by_testid(page, "note-text").value == ""


@run
async def test_a_row_of_the_list_is_a_new_entry_and_back_returns_to_the_list(page, services):
    view = await opened(services, "?view=records&module=Accounts")
    assert by_testid(page, "record-detail").hidden
    by_testid(page, "records").querySelector("tbody button").click()
    await settle()
    assert view.shell.history == [[("module", "Accounts")], [("module", "Accounts"), ("record", "201")]]
    assert by_testid(page, "record-detail").is_shown()
    await view.shell.back(view)
    await settle()
    assert view.place() == [("module", "Accounts")] and by_testid(page, "record-detail").hidden


@run
async def test_a_typed_note_is_asked_about_before_another_module_a_new_record_close_or_back_to_the_list(page, services):
    view = await opened(services)
    by_testid(page, "note-text").type_text("Follow up")
    actions = [lambda: page.querySelector('[data-testid="modules"] button').click(),  # Accounts again: listed anew
               lambda: by_testid(page, "new-record").click(),  # its form in the record's place
               lambda: [b for b in page.querySelectorAll("#record-actions button") if b.textContent == "Close"][0].click()]
    for act in actions:
        act()
        await settle()
        assert question(page)[1] == ["Keep the note", "Discard and go on"]
        press(page, "Keep the note")
        assert by_testid(page, "record-detail").is_shown() and by_testid(page, "note-text").value == "Follow up"
    view.shell.history = [[("module", "Accounts")]] + view.shell.history
    view.shell.at = 1
    await view.shell.back(view)
    await settle()
    assert question(page) is not None and by_testid(page, "record-detail").is_shown()
    press(page, "Keep the note")
    # Another view through the nav and back: the view is only hidden; nothing is lost, nothing asked.
    view.leave()
    await view.enter(read_place("?view=records&module=Accounts&record=201", ["records"], "records"))
    await settle()
    assert question(page) is None and by_testid(page, "note-text").value == "Follow up"


@run
async def test_the_note_being_typed_is_unsaved_work_for_sign_out_and_for_leaving_the_page(page, services):
    from pyscript import window
    view = await opened(services)
    assert view.unsaved_work() is None
    assert not window.dispatch("beforeunload").default_prevented
    by_testid(page, "note-text").type_text("   ")
    assert view.unsaved_work() is None  # only spaces: Zoho takes no such note
    by_testid(page, "note-text").type_text("Follow up")
    assert view.unsaved_work() == "A note you typed is not added to Zoho; it is kept nowhere else."
    leaving = window.dispatch("beforeunload")
    assert leaving.default_prevented and leaving.returnValue == ""


@run
async def test_the_note_being_typed_is_kept_in_the_tab_over_a_reload(page, services):
    await opened(services)
    by_testid(page, "note-text").type_text("Follow up")
    await settle()
    records_page()  # the page reloaded (the same document, loaded anew)
    assert by_testid(page, "note-text").value == ""
    await opened(services)
    assert by_testid(page, "note-text").value == "Follow up"


@run
async def test_signed_out_keeping_the_work_shows_the_note_as_text_with_discard(page, services):
    view = await opened(services)
    by_testid(page, "note-text").type_text("<b>call</b> Ada")
    await settle()
    view.keep_after_sign_out()
    said = by_testid(page, "view-message")
    assert said.is_shown() and said.querySelector("blockquote").textContent == "<b>call</b> Ada"
    assert said.querySelector("b") is None and by_testid(page, "record-fields").children == []
    assert "kept in this tab" in said.querySelector("p").textContent
    from zoho.drafts import draft_key
    assert draft_key("records") in services.storage.items
    press(page, "Discard it")
    await settle()
    assert draft_key("records") not in services.storage.items and not said.is_shown()


def deal_names(page):
    table = by_testid(page, "related-tables").querySelector('table[data-related="Deals"]')
    return [td.textContent for td in table.querySelectorAll("td") if td.getAttribute("data-label") == "Deal Name"]


def deals_page(names, more):
    return answer(200, {"data": [{"id": str(310 + n), "Deal_Name": name} for n, name in enumerate(names)],
                        "info": {"more_records": more, "per_page": 10, "count": len(names)}})


@run
async def test_a_related_list_s_more_adds_its_next_page_and_a_failure_keeps_the_rows(page, services):
    services.answer("GET", CRM + "/Accounts/201/Deals", deals_page(["One", "Two"], True),
                    zoho_error(400, "INVALID_DATA", "the page given seems to be invalid"),
                    deals_page(["Three"], False))
    await opened(services)
    assert deal_names(page) == ["One", "Two"]
    [more] = page.querySelectorAll('[data-testid="related-more"]')
    assert more.is_shown()
    more.click()
    await settle()
    asked = services.requests("GET", CRM + "/Accounts/201/Deals")
    assert dict(asked[-1][0])["page"] == "2" and "page" not in dict(asked[0][0])
    assert deal_names(page) == ["One", "Two"]  # the rows shown stay
    said = more.parentElement.querySelector('[role="alert"]')
    assert said is not None and said.is_shown() and "invalid" in said.textContent  # beside that list
    assert not by_testid(page, "view-message").is_shown() and more.is_shown()
    assert page.activeElement is more  # the keyboard is where it was, to try again
    more.click()
    await settle()
    assert dict(services.requests("GET", CRM + "/Accounts/201/Deals")[-1][0])["page"] == "2"
    assert deal_names(page) == ["One", "Two", "Three"] and not more.is_shown() and not said.is_shown()
    # More is gone at the list's end: the focus is on the first record it added, not lost to the page.
    assert page.activeElement.getAttribute("aria-label") == "Open Three"


@run
async def test_a_module_opened_is_a_new_entry_and_back_returns_to_the_module_before_asking_first(page, services):
    view = await opened(services, "?view=records&module=Accounts")
    modules = {b.textContent: b for b in page.querySelectorAll('[data-testid="modules"] button')}
    modules["Deals"].click()
    await settle()
    assert view.shell.history == [[("module", "Accounts")], [("module", "Deals")]]
    await view.shell.back(view)
    await settle()
    assert view.place() == [("module", "Accounts")] and by_testid(page, "module-title").textContent == "Accounts"
    # From a record with a note typed: asked first; kept, nothing changes; discarded, Deals is a new entry.
    by_testid(page, "records").querySelector("tbody button").click()
    await settle()
    by_testid(page, "note-text").type_text("Follow up")
    modules["Deals"].click()
    await settle()
    assert question(page)[1] == ["Keep the note", "Discard and go on"]
    press(page, "Keep the note")
    await settle()
    assert view.shell.history == [[("module", "Accounts")], [("module", "Accounts"), ("record", "201")]]
    assert by_testid(page, "note-text").value == "Follow up"
    modules["Deals"].click()
    await settle()
    press(page, "Discard and go on")
    await settle()
    assert view.shell.history[-1] == [("module", "Deals")] and view.shell.at == 2
    await view.shell.back(view)
    await settle()
    assert view.place() == [("module", "Accounts"), ("record", "201")] and by_testid(page, "record-detail").is_shown()
