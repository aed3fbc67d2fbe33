"""The API console's headers editor: the person's own headers, one row each (name, value,
Remove); the token's header is shown redacted above them and cannot be edited (its rules:
zoho.console.header_problem)."""

from zoho.console import header_problem

from pyscript.ffi import create_proxy

from web.dom import button, element


class HeadersEditor:
    def __init__(self, listing, add_button, on_change):
        self.listing = listing  # <ul>: its first item is the token's header, shown redacted
        self.on_change = on_change
        self.rows = []
        add_button.addEventListener("click", create_proxy(lambda event: self.add("", "", focus=True)))

    def add(self, name, value, focus=False):
        row = element("li", None, "header-row")
        name_input = self._input(name, "console-header-name", "Header name", "X-Example")
        value_input = self._input(value, "console-header-value", "Header value", "value")
        entry = (row, name_input, value_input)
        row.append(name_input, value_input, button("Remove", lambda: self._remove(entry)))
        self.listing.append(row)
        self.rows.append(entry)
        if focus:
            name_input.focus()

    def _input(self, text, testid, label, placeholder):
        node = element("input")
        node.value = text
        node.setAttribute("data-testid", testid)
        node.setAttribute("aria-label", label)
        node.setAttribute("placeholder", placeholder)
        node.setAttribute("spellcheck", "false")
        node.addEventListener("input", create_proxy(lambda event: self.on_change()))
        return node

    def _remove(self, entry):
        entry[0].remove()
        self.rows.remove(entry)
        self.on_change()

    def pairs(self):
        """The headers typed, (name, value), rows with neither left out."""
        typed = [(name.value.strip(), value.value) for _, name, value in self.rows]
        return [(name, value) for name, value in typed if name or value.strip()]

    def problem(self):
        """The first header that cannot be sent as typed, said; or None."""
        for name, value in self.pairs():
            said = header_problem(name, value)
            if said:
                return said
        return None

    def set(self, pairs):
        for row, _, _ in self.rows:
            row.remove()
        self.rows = []
        for name, value in pairs:
            self.add(name, value)
