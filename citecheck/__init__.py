"""citecheck: which claims in a document still stand on a live source."""

from __future__ import annotations

__version__ = "0.1.0"
