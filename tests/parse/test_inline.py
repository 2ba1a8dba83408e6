"""Links inside notes and in the body: which count as sources, and a note that is one link."""

from __future__ import annotations

import pytest

from citecheck.models import NoteKind
from citecheck.parse import parse_document
from citecheck.parse.inline import is_titled_link


def test_a_note_that_is_all_one_links_title_is_a_titled_link() -> None:
    links = [("ZIP 200: Network Upgrade Mechanism", "zip-0200.rst")]
    assert is_titled_link("ZIP 200: Network Upgrade Mechanism", links)
    assert is_titled_link(" ZIP 200:  Network Upgrade Mechanism.", links)
    # More words than the link's, a link into the page, a one-word title: no citation of it.
    assert not is_titled_link("See ZIP 200: Network Upgrade Mechanism for the rules", links)
    assert not is_titled_link("Back to the text", [("Back to the text", "#ref-1")])
    assert not is_titled_link("Write to us", [("Write to us", "mailto:a@b.example")])
    assert not is_titled_link("Installation", [("Installation", "install.md")])


_RST = """\
Upgrades follow ZIP 200 [#zip-0200]_ and the specification [#protocol]_; see also [#aside]_.

.. [#zip-0200] `ZIP 200: Network Upgrade Mechanism <zip-0200.rst>`_
.. [#protocol] `Zcash Protocol Specification, Version 2020.1.15 or later <protocol/protocol.pdf>`_
.. [#aside] This is explained in `the next section <#upgrades>`_ below.
"""
_MARKDOWN = """\
Upgrades follow ZIP 200 [^zip-0200] and the specification [^protocol]; see also [^aside].

[^zip-0200]: [ZIP 200: Network Upgrade Mechanism](zip-0200.md)
[^protocol]: [Zcash Protocol Specification, Version 2020.1.15 or later](protocol/protocol.pdf)
[^aside]: This is explained in [the next section](#upgrades) below.
"""
_HTML = """\
<html><body>
<p>Upgrades follow ZIP 200<sup><a href="#fn1">1</a></sup> and the specification<sup>
<a href="#fn2">2</a></sup>; see also<sup><a href="#fn3">3</a></sup>.</p>
<ol class="footnotes">
<li id="fn1"><a href="zip-0200.html">ZIP 200: Network Upgrade Mechanism</a></li>
<li id="fn2"><a href="protocol/protocol.pdf">Zcash Protocol Specification, Version 2020.1.15
or later</a></li>
<li id="fn3">This is explained in <a href="#upgrades">the next section</a> below.</li>
</ol></body></html>
"""


@pytest.mark.parametrize(
    ("name", "text"), [("zip.rst", _RST), ("zip.md", _MARKDOWN), ("zip.html", _HTML)]
)
def test_a_footnote_that_is_a_titled_link_to_a_document_is_a_full_citation(
    name: str, text: str
) -> None:
    document = parse_document(text, name)
    kinds = [note.kind for note in document.notes if note.kind is not NoteKind.LINK]
    # The relative targets are not checked (no address to check), but the notes cite them.
    assert kinds == [NoteKind.FULL, NoteKind.FULL, NoteKind.COMMENT]
