"""Collect: find the documents a run reads, then choose which cited URLs it checks.

``documents`` expands paths, directories and globs and reads each file as text; ``targets``
gathers the distinct URLs the parsed documents cite and applies ``--include`` / ``--exclude``.
"""
