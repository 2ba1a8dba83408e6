"""The report stage: assemble notes and link verdicts into a Report, then format it.

``assemble`` joins and counts; each other module is one output format, a pure function from a
:class:`~citecheck.models.Report` to a string (``table``, ``json``, ``markdown``, ``junit``,
``sarif``, ``github``). ``scrub`` masks URL credentials in all of them;
``verdicts`` is how each verdict is shown. Only the CLI writes.
"""
