"""The HTML report page (``--format html``: :mod:`.page`) and the span colours shared
with displaCy (:mod:`.colors`, loaded by spaCy through an entry point, so this package
imports nothing else)."""
