"""The API console's answer: status, time and size, headers, and the body as indented JSON in
a box of its own, folded to a chosen depth and searchable (matches marked, as text only).
Its rules: zoho.jsontext (folded_json, find_spans)."""

from zoho.jsontext import find_spans, folded_json, loads

from pyscript.ffi import create_proxy

from web.dom import element, set_text, show

ALL_LEVELS = 99


class AnswerView:
    def __init__(self, part):
        self.part = part  # the console's part(testid)
        self.box = part("console-response")
        self.levels = part("console-levels")
        self.find = part("console-find")
        self.count = part("console-find-count")
        self._answer = None  # the parsed JSON, or None when the body is not JSON
        self._text = ""
        self.levels.addEventListener("change", create_proxy(lambda event: self._render()))
        self.find.addEventListener("input", create_proxy(lambda event: self._render()))

    def clear(self):
        self._answer, self._text = None, ""
        for name in ("console-status", "console-time", "console-headers", "console-find-count"):
            set_text(self.part(name), "")
        self.box.replaceChildren()
        show(self.part("console-answer"), False)

    def show(self, status, headers, text, elapsed_ms):
        """Show an answer; returns its JSON (None when it has none)."""
        set_text(self.part("console-status"), "HTTP " + str(status))
        set_text(self.part("console-time"), str(elapsed_ms) + " ms · " + "{:,} bytes".format(len(text)))
        set_text(self.part("console-headers"), "\n".join(name + ": " + headers[name] for name in sorted(headers)))
        try:
            self._answer = loads(text) if text else None
        except ValueError:
            self._answer = None
        self._text = text
        self._render()
        show(self.part("console-answer"))
        return self._answer

    def _render(self):
        """The body at the chosen depth, each match of the search in a <mark> (the first scrolled to)."""
        if self._answer is not None:
            shown = folded_json(self._answer, int(self.levels.value or ALL_LEVELS))
        else:
            shown = self._text or "(no body)"
        spans = find_spans(shown, self.find.value.strip())
        self.box.replaceChildren()
        start = 0
        for begin, end in spans:
            self.box.append(shown[start:begin], element("mark", shown[begin:end]))
            start = end
        self.box.append(shown[start:])
        needle = self.find.value.strip()
        set_text(self.count, "" if not needle else "{:,} found".format(len(spans)) if spans else "not found")
        first = self.box.querySelector("mark")
        if first is not None:
            first.scrollIntoView()
