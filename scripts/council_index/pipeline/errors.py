"""Errors raised by the loader. Every message names the file, and where known the sheet, row or column."""


class LoadError(Exception):
    """A file could not be landed as the registry describes it."""

    def __init__(self, message, *, path=None, sheet=None, row=None, column=None):
        parts = []
        if path is not None:
            parts.append(f"file {path}")
        if sheet is not None:
            parts.append(f"sheet {sheet!r}")
        if row is not None:
            parts.append(f"row {row}")
        if column is not None:
            parts.append(f"column {column!r}")
        where = ", ".join(parts)
        super().__init__(f"{where}: {message}" if where else message)
        self.path = path
        self.sheet = sheet
        self.row = row
        self.column = column


class RegistryError(Exception):
    """The dataset registry itself is malformed."""
