"""A small DOM for running the page's views on CPython: the elements, properties, events and
selectors the views use, and a parser that builds it from the page's own template, so the
views find exactly the ids and data-testids the page has.

Not a browser: no layout, no CSS; ``scrollIntoView`` and ``focus`` are recorded on the document.
"""

import re
from types import SimpleNamespace
from html.parser import HTMLParser

VOID = {"input", "br", "img", "meta", "link", "hr", "source", "wbr"}
_COMPOUND = re.compile(r'^([a-zA-Z][\w-]*)?(#[\w-]+)?((?:\.[\w-]+)*)((?:\[[\w-]+(?:="[^"]*")?\])*)(:checked)?$')
_ATTRIBUTE = re.compile(r'\[([\w-]+)(?:="([^"]*)")?\]')


class Event:
    def __init__(self, kind, target, **properties):
        self.type = kind
        self.target = target
        self.default_prevented = False
        for name, value in properties.items():
            setattr(self, name, value)

    def preventDefault(self):
        self.default_prevented = True


class Node:
    def __init__(self, document, tag, attributes=None, text=None):
        self.ownerDocument = document
        self.tag = tag
        self.attributes = dict(attributes or {})
        self.children = []
        self.parentNode = None
        self.text = text  # a text node's text (tag "#text")
        self.listeners = {}
        self._value = self.attributes.get("value")
        self.checked = "checked" in self.attributes
        self.selected = "selected" in self.attributes
        self.validity = SimpleNamespace(badInput=False)  # an input's ValidityState, as far as views read it

    # --- attributes, and the properties that reflect them ---

    def setAttribute(self, name, value):
        self.attributes[name] = str(value)

    def getAttribute(self, name):
        return self.attributes.get(name)

    def removeAttribute(self, name):
        self.attributes.pop(name, None)

    def hasAttribute(self, name):
        return name in self.attributes

    def _flag(name):
        def get(self):
            return name in self.attributes

        def set_(self, on):
            if on:
                self.attributes[name] = ""
            else:
                self.attributes.pop(name, None)
        return property(get, set_)

    def _reflected(name, default=""):
        def get(self):
            return self.attributes.get(name, default)

        def set_(self, value):
            self.attributes[name] = str(value)
        return property(get, set_)

    hidden = _flag("hidden")
    disabled = _flag("disabled")
    multiple = _flag("multiple")
    id = _reflected("id")
    className = _reflected("class")
    htmlFor = _reflected("for")
    placeholder = _reflected("placeholder")
    type = _reflected("type", "text")

    @property
    def tagName(self):
        return self.tag.upper()

    @property
    def value(self):
        if self.tag == "select":
            chosen = self.selectedOptions
            return chosen[0].value if chosen else ""
        if self.tag == "option" and self._value is None:
            return self.textContent
        if self.tag == "input" and self.type == "checkbox" and self._value is None:
            return "on"
        return "" if self._value is None else self._value

    @value.setter
    def value(self, text):
        if self.tag == "select":
            for option in self.options:
                option.selected = option.value == text
        else:
            self._value = str(text)

    @property
    def options(self):
        return [node for node in self._descendants() if node.tag == "option"]

    @property
    def selectedOptions(self):
        chosen = [option for option in self.options if option.selected]
        if not chosen and not self.multiple and self.options:
            return [self.options[0]]
        return chosen

    @property
    def textContent(self):
        if self.tag == "#text":
            return self.text
        return "".join(child.textContent for child in self.children)

    @textContent.setter
    def textContent(self, text):
        self.replaceChildren()
        if text:
            self.append(str(text))

    @property
    def parentElement(self):
        return self.parentNode if self.parentNode is not None and self.parentNode.tag != "#document" else None

    # --- the tree ---

    def _adopt(self, node):
        if isinstance(node, str):
            node = Node(self.ownerDocument, "#text", text=node)
        node.remove()
        node.parentNode = self
        return node

    def append(self, *nodes):
        for node in nodes:
            self.children.append(self._adopt(node))

    def replaceChildren(self, *nodes):
        for child in list(self.children):
            child.parentNode = None
        self.children = []
        self.append(*nodes)

    def after(self, node):
        parent = self.parentNode
        node = parent._adopt(node)
        parent.children.insert(parent.children.index(self) + 1, node)

    def before(self, node):
        parent = self.parentNode
        node = parent._adopt(node)
        parent.children.insert(parent.children.index(self), node)

    def prepend(self, *nodes):
        for node in reversed(nodes):
            self.children.insert(0, self._adopt(node))

    @property
    def lastElementChild(self):
        elements = [child for child in self.children if child.tag != "#text"]
        return elements[-1] if elements else None

    @property
    def classList(self):
        return ClassList(self)

    def remove(self):
        if self.parentNode is not None:
            self.parentNode.children.remove(self)
            self.parentNode = None

    def _descendants(self):
        for child in self.children:
            if child.tag != "#text":
                yield child
                yield from child._descendants()

    def contains(self, node):
        while node is not None:
            if node is self:
                return True
            node = node.parentNode
        return False

    def closest(self, selector):
        node = self
        while node is not None and node.tag != "#document":
            if node.matches(selector):
                return node
            node = node.parentNode
        return None

    # --- selectors: tag, #id, .class, [attribute="value"], :checked, and the descendant combinator ---

    def matches(self, selector):
        parts = selector.split()
        if not _matches_compound(self, parts[-1]):
            return False
        node, rest = self.parentNode, parts[:-1]
        while rest and node is not None:
            if node.tag != "#document" and _matches_compound(node, rest[-1]):
                rest = rest[:-1]
            node = node.parentNode
        return not rest

    def querySelectorAll(self, selector):
        return [node for node in self._descendants() if node.matches(selector)]

    def querySelector(self, selector):
        found = self.querySelectorAll(selector)
        return found[0] if found else None

    # --- events ---

    def addEventListener(self, kind, handler):
        self.listeners.setdefault(kind, []).append(handler)

    def dispatch(self, kind, **properties):
        """Fire ``kind`` at this element (and up its ancestors, as events bubble)."""
        event = Event(kind, self, **properties)
        node = self
        while node is not None:
            for handler in list(node.listeners.get(kind, ())):
                handler(event)
            node = node.parentNode
        return event

    def click(self):
        if self.disabled:
            return
        if self.tag == "input" and self.type == "checkbox":
            self.checked = not self.checked
            self.dispatch("input")
            self.dispatch("change")
        self.dispatch("click")

    def type_text(self, text):
        """What typing does: the value changes, and ``input`` fires."""
        self.value = text
        self.dispatch("input")

    def scrollIntoView(self, *options):
        self.ownerDocument.scrolled.append(self)

    def focus(self):
        self.ownerDocument.activeElement = self

    def is_shown(self):
        """Neither this element nor any ancestor is hidden, and it is in the document."""
        node = self
        while node is not None:
            if node.tag == "#document":
                return True
            if node.hidden:
                return False
            node = node.parentNode
        return False

    def __repr__(self):
        return "<" + self.tag + " " + " ".join(k + "=" + repr(v) for k, v in self.attributes.items()) + ">"


def _matches_compound(node, compound):
    found = _COMPOUND.match(compound)
    if found is None:
        raise ValueError("the fake DOM does not read the selector " + compound)
    tag, ident, classes, attributes, checked = found.groups()
    if tag and node.tag != tag.lower():
        return False
    if ident and node.attributes.get("id") != ident[1:]:
        return False
    if not set(classes.split(".")[1:]) <= set(node.className.split()):
        return False
    for name, value in _ATTRIBUTE.findall(attributes or ""):
        if name not in node.attributes or (value and node.attributes[name] != value):
            return False
    return not checked or node.checked


class ClassList:
    """An element's classList, over its class attribute."""

    def __init__(self, node):
        self.node = node

    def _names(self):
        return self.node.className.split()

    def contains(self, name):
        return name in self._names()

    def add(self, name):
        if not self.contains(name):
            self.node.className = " ".join(self._names() + [name])

    def remove(self, name):
        self.node.className = " ".join(n for n in self._names() if n != name)


class Document(Node):
    def __init__(self):
        Node.__init__(self, self, "#document")
        self.scrolled = []
        self.activeElement = None

    def load(self, html):
        """Replace the document's content with ``html``."""
        self.replaceChildren()
        self.scrolled = []
        self.activeElement = None
        builder = _Builder(self)
        builder.feed(html)
        builder.close()

    @property
    def body(self):
        return self

    def createElement(self, tag):
        return Node(self, tag.lower())

    def getElementById(self, ident):
        return self.querySelector("#" + ident)


class _Builder(HTMLParser):
    def __init__(self, document):
        HTMLParser.__init__(self, convert_charrefs=True)
        self.document = document
        self.open = [document]

    def handle_starttag(self, tag, attrs):
        node = Node(self.document, tag, {name: value or "" for name, value in attrs})
        self.open[-1].append(node)
        if tag not in VOID:
            self.open.append(node)

    def handle_startendtag(self, tag, attrs):
        self.open[-1].append(Node(self.document, tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, 0, -1):
            if self.open[index].tag == tag:
                del self.open[index:]
                return

    def handle_data(self, data):
        if data.strip():
            self.open[-1].append(data)


def view_section(template_text, view):
    """The ``<section data-view="VIEW">`` of the page's template, as HTML text."""
    start = template_text.index('<section data-view="' + view + '"')
    depth = 0
    for found in re.finditer(r"<(/?)section\b", template_text[start:]):
        depth += -1 if found.group(1) else 1
        if depth == 0:
            end = template_text.index(">", start + found.start()) + 1
            return template_text[start:end]
    raise ValueError("unclosed section")
