"""Each module's table as the person left it (zoho.table_state: the chosen fields, sort, page size and
custom view), read from the tab's storage when the module is first opened in the session (else the
module's default columns) and written back at each change, for a reload or a module switch."""

from zoho.columns import default_columns
from zoho.table_state import TableState, decode_table, encode_table, table_key


class KeptTables:
    def __init__(self, storage):
        """``storage``: the tab's sessionStorage (services.storage: get, set, remove, awaited)."""
        self.storage = storage
        self.states = {}  # module API name -> its TableState, once read

    def forget(self):
        self.states = {}

    def of(self, name):
        """The TableState of the module ``name``, once read (else None)."""
        return self.states.get(name)

    async def read(self, name, known):
        """The module's table as the tab left it, read once a session; ``known``: its fields
        (FieldMeta), or None when Zoho did not give them."""
        if name in self.states:
            return
        kept = decode_table(await self.storage.get(table_key(name)),
                            [field.api_name for field in known] if known is not None else None)
        self.states[name] = kept if kept else TableState(default_columns(name, known))

    def change(self, name, **changes):
        """Change the module's TableState (``fields``, ``sort``, ``per_page``, ``view``); ``save`` keeps it."""
        state = self.states[name]
        for key, value in changes.items():
            setattr(state, key, list(value) if key == "fields" else value)

    async def save(self, name):
        await self.storage.set(table_key(name), encode_table(self.states[name]))

    async def drop(self, names):
        """Forget what the tab kept of the modules ``names`` (a sign-out)."""
        for name in names:
            await self.storage.remove(table_key(name))
