"""The report stage: assemble notes and link verdicts into a Report, then format it.

``assemble`` joins and counts; each other module is one output format, a pure function from a
:class:`~citecheck.models.Report` to a string (``table``, ``json``, ``markdown``, ``junit``,
``sarif``, ``github``). ``redact`` keeps URL credentials out of all of them. Only the CLI writes.
"""
