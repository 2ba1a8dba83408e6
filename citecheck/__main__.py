"""``python -m citecheck``."""

from __future__ import annotations

from citecheck.entry import main

if __name__ == "__main__":
    main()
