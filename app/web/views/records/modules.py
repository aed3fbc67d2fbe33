"""The Records view's list of Zoho's modules: a button each, the open one marked (aria-current);
a click reports the module chosen (``on_choose``), which the coordinator opens once nothing typed
would be lost."""

from web.dom import button, element


class ModuleList:
    def __init__(self, view, on_choose):
        """``on_choose(module)`` hears of a module's button clicked (Zoho's description of the module)."""
        self.element = view.part("modules")
        self.on_choose = on_choose
        self.buttons = {}  # module API name -> its button

    def show(self, modules, open_name):
        """A button for each of ``modules``; the one named ``open_name`` (None: none open) marked."""
        self.clear()
        for module in modules:
            item = element("li")
            opener = button(module_label(module), self._chooser(module), "link")
            self.buttons[module["api_name"]] = opener
            item.append(opener)
            self.element.append(item)
        self.mark(open_name)

    def clear(self):
        self.element.replaceChildren()
        self.buttons = {}

    def mark(self, open_name):
        """The open module's entry says so (aria-current, and the look of it)."""
        for name, opener in self.buttons.items():
            if name == open_name:
                opener.setAttribute("aria-current", "page")
            else:
                opener.removeAttribute("aria-current")

    def _chooser(self, module):
        return lambda: self.on_choose(module)


def module_label(module):
    """A module's name as shown: Zoho's plural label, else its API name."""
    label = module.get("plural_label")
    return label if isinstance(label, str) and label else module["api_name"]
