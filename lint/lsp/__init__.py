"""The language server (``wenlint server``), installed with the extra ``wenlint[lsp]``.

``wenlint.lsp.text`` (positions, changes) and ``wenlint.lsp.engine`` (linting a file as
``wenlint check`` does) need no more than wenlint; ``wenlint.lsp.server`` needs pygls and
lsprotocol."""

from __future__ import annotations

INSTALL_HINT = "wenlint server needs the lsp extra: pip install 'wenlint[lsp]'"


def missing() -> str | None:
    """The name of the first module of the extra that cannot be imported, or None."""
    import importlib.util

    for name in ("pygls", "lsprotocol"):
        try:
            if importlib.util.find_spec(name) is None:
                return name
        except (ImportError, ValueError):
            return name
    return None
