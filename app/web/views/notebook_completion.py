"""Tab and Shift+Tab in a code cell, answered by Python in the worker (app/scratch/completion.py):
Tab completes the name or attribute before the cursor, Shift+Tab shows its signature or
docstring under the cell. Without a name before the cursor, or before Python runs, or while a
cell runs, the keys move the focus as they always do."""

from zoho.completion import called_before, completed, listed_text, name_before

from web.dom import set_text, show


def on_tab(cell, event):
    """Handle Tab or Shift+Tab in ``cell``; False when the key is left to the browser."""
    runs = cell.notebook.runs
    code, cursor = cell.code.value, cell.code.selectionStart
    if event.ctrlKey or event.altKey or event.metaKey or cursor != cell.code.selectionEnd or not runs.can_answer:
        return False
    name = called_before(code, cursor) if event.shiftKey else name_before(code, cursor)
    if not name:
        return False
    event.preventDefault()
    if event.shiftKey:
        cell.notebook.spawn(describe(cell, runs.worker, name))
    else:
        cell.notebook.spawn(complete(cell, runs.worker, code, cursor, name))
    return True


def hint(cell, text):
    set_text(cell.hint, text)
    show(cell.hint, bool(text))


async def complete(cell, worker, code, cursor, name):
    matches = await worker.ask("complete", name)
    if matches is None or cell.code.value != code:
        return  # Python ended, or the cell was edited meanwhile
    new_code, new_cursor, listed = completed(code, cursor, name, matches)
    if new_code != code:
        cell.code.value = new_code
        cell.code.setSelectionRange(new_cursor, new_cursor)
        cell.edited()
    hint(cell, listed_text(name, listed) if listed or not matches else "")


async def describe(cell, worker, name):
    text = await worker.ask("describe", name)
    if text is not None:
        hint(cell, text)
