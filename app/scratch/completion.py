"""Tab and Shift+Tab of the notebook, in its worker: names and attributes by the standard
library's rlcompleter, a signature or the first line of a docstring by inspect."""

import builtins
import inspect
import rlcompleter

MAX_MATCHES = 500


def _bare(match):
    """rlcompleter's match without the "(" or "()" it adds to a callable."""
    if match.endswith("()"):
        return match[:-2]
    return match[:-1] if match.endswith("(") else match


def complete(namespace, name):
    """The names and attributes in ``namespace`` that start as ``name`` ("zoho.ge"), sorted."""
    completer = rlcompleter.Completer(namespace)
    found = set()
    for state in range(MAX_MATCHES):
        match = completer.complete(name, state)
        if match is None:
            break
        found.add(_bare(match))
    return sorted(found)


def _resolve(namespace, name):
    """The object ``name`` (a dotted name) stands for: looked up, never evaluated."""
    first, *attributes = name.split(".")
    if first in namespace:
        value = namespace[first]
    elif hasattr(builtins, first):
        value = getattr(builtins, first)
    else:
        raise LookupError(name)
    for attribute in attributes:
        value = inspect.getattr_static(value, attribute)
        if isinstance(value, (staticmethod, classmethod)):
            value = value.__func__
    return value


def describe(namespace, name):
    """``name`` with its signature, and the first line of its docstring; a sentence when
    ``name`` is not known."""
    try:
        value = _resolve(namespace, name)
    except (LookupError, AttributeError):
        return name + " is not defined (run the cell that defines it first)."
    if isinstance(value, property):
        value = value.fget
    try:
        head = name + str(inspect.signature(value))
    except (TypeError, ValueError):
        head = name + ": " + type(value).__name__
    doc = inspect.getdoc(value) if callable(value) or inspect.ismodule(value) else None
    lines = (doc or "").strip().splitlines()
    return head + ("\n" + lines[0] if lines else "")
