"""The caselint language server (`caselint server`); needs the optional extra: pip install 'caselint[lsp]'.

Only :mod:`caselint.lsp.server` imports pygls; :mod:`caselint.lsp.positions` and
:mod:`caselint.lsp.fixing` are plain Python.
"""
