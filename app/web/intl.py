"""The browser's Intl as the formatter of values: numbers, amounts and dates in the locale, currency
and time zone that zoho.locale chose. Intl holds the locale data and the time-zone database that
MicroPython has none of; the core decides what is formatted and how (zoho.locale)."""

from zoho.date_pattern import assembled
from zoho.locale import NUMBER_KINDS, Formats, formatted_text, intl_options, patterns


class TextFormatter:
    """Values as text without the browser's formatters (until the organisation's settings are known)."""

    def text(self, field, value):
        """The text for ``value`` of ``field`` (FieldMeta, or None when not known)."""
        return self.typed(field.data_type if field is not None else None, value)

    def typed(self, data_type, value):
        """The text for ``value`` of Zoho's ``data_type`` (None when not known)."""
        return formatted_text(data_type, value)


class IntlFormatter(TextFormatter):
    def __init__(self, formatters, own=None):
        self._formatters = formatters  # kind -> an Intl.NumberFormat or Intl.DateTimeFormat
        self._own = own or {}  # kind -> the tokens of the person's own format (zoho.locale.patterns)

    def _format(self, kind, number):
        formatter = self._formatters.get(kind)
        if formatter is None:
            return None
        if kind in self._own:
            parts = {str(part.type): str(part.value) for part in formatter.formatToParts(number)}
            text = assembled(self._own[kind], parts)
            if text is not None:
                return text
        return str(formatter.format(number))

    def typed(self, data_type, value):
        return formatted_text(data_type, value, self._format)


async def intl_formatter(formats):
    """An IntlFormatter for ``formats`` (zoho.locale.Formats). A locale, currency or time zone the
    browser refuses (Intl throws a RangeError) falls back to zoho.locale's defaults for that kind; with
    no Intl at all (not a browser: the views' tests), the TextFormatter."""
    from pyscript import window
    if getattr(window, "Intl", None) is None:
        return TextFormatter()
    from pyscript.ffi import to_js
    from jsffi import JsException
    from web.browser import guarded  # Intl's constructors throw synchronously: through Promise.try

    defaults = intl_options(Formats())
    own = patterns(formats)
    built = {}
    for kind, wanted in intl_options(formats).items():
        constructor = window.Intl.NumberFormat if kind in NUMBER_KINDS else window.Intl.DateTimeFormat
        for locale, options in (wanted, defaults[kind]):
            try:
                built[kind] = await guarded(constructor, locale, to_js(options))
                break
            except JsException:
                own.pop(kind, None)  # the default's style, not the person's own format
                continue
    return IntlFormatter(built, own)
