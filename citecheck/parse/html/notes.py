"""Locating the notes of a page: note lists, sidenotes, bibliographies and their siblings."""

from __future__ import annotations

from urllib.parse import unquote

from selectolax.lexbor import LexborNode

from citecheck.parse.deferred import regex
from citecheck.parse.html.dom import (
    _BLOCK_TAGS,
    _classes,
    _contains,
    _inside,
    _label_of,
    _text,
    _walk,
)
from citecheck.parse.html.markers import (
    _in_sup,
    _is_backlink,
    _is_sidenote,
    _marker_element,
    _note_element,
    _points_back,
)
from citecheck.parse.html.page import _Marker, _order_key, _Page
from citecheck.parse.inline import is_citable_href
from citecheck.parse.text.listed import _cites_source, _reads_as_entry
from citecheck.parse.text.sections import _lists_sources

# Lists whose items are notes even when nothing in the text links to them.
_NOTE_LIST_SELECTOR = ", ".join(
    (
        "ol.references > li", "li[id^=cite_note]", ".footnotes li", ".footnote > ol > li",
        ".footnotes-list > li", "li.footnote-item", "ol.wp-block-footnotes > li",
        "ol.easy-footnotes-wrapper > li", "li.easy-footnote-single", "[role=doc-endnotes] li",
        "[role=doc-endnote]", "[role=doc-footnote]",
    )
)  # fmt: skip
_MARKER_TEXT = regex(
    r"(?i)^[\[(]?\s*(?:\d{1,5}[a-z]?|[ivxlcdm]{1,8}|[a-z]{1,2}|[*†‡§¶]{1,3}"
    r"|(?:note|nb|n\.?|fn|lower-alpha|upper-alpha)\s*[0-9a-z]{1,4})\s*[\])]?$"
    # A bracketed key, as docutils and academic pages show citations: "[Smith2019]", "[AB-12]".
    r"|^\[[A-Za-z][\w.:+-]{0,23}\]$"
    # A named group's number, as Wikipedia prints its reference groups: "[list 1]", "[n 4]".
    r"|^\[[a-z][a-z-]{0,15} [0-9a-z]{1,4}\]$"
)
_NOTEISH = regex(r"(?i)foot|endnote|fn|note|ref|cite|bib|_ftn|_edn|sdfoot|sdend")


def _find_notes(page: _Page) -> None:
    tree = page.tree
    listed = {node.mem_id: node for node in tree.css(_NOTE_LIST_SELECTOR)}
    listed_ids = set(listed)
    for mem_id, node in listed.items():
        # A list inside a note (pandoc writes one for a note with bullet points) is its text.
        if _inside(node, listed_ids) is None:
            page.notes[mem_id] = node
    in_lists = set(page.notes)

    ids: dict[str, LexborNode] = {}
    for node in tree.css("[id]"):
        ident = node.id
        if ident and ident not in ids:
            ids[ident] = node
    for node in tree.css("a[name]"):
        name = node.attributes.get("name")
        if name and name not in ids:
            ids[name] = node

    cross_links: list[tuple[LexborNode, LexborNode]] = []  # in-page links that are not markers
    targets: dict[int, LexborNode] = {}  # a marker's link → the anchor it leads to
    for link in tree.css('a[href*="#"]'):
        attrs = link.attributes
        href = str(attrs.get("href") or "").strip()
        fragment = unquote(href[href.find("#") + 1 :])
        if not fragment:
            continue
        label_text = _text(link)
        if _is_backlink(link, attrs, label_text):
            page.backlinks.add(link.mem_id)
            continue
        if label_text and not _MARKER_TEXT.match(label_text):
            if fragment in ids:
                if _points_back(page, link, ids[fragment]):
                    # A note's printed label linking back to its marker (Project Gutenberg's
                    # '<a href="#tag1">1.</a>'): a return link, not a cross-reference.
                    page.backlinks.add(link.mem_id)
                else:
                    cross_links.append((link, ids[fragment]))
            continue
        in_sup = _in_sup(link)
        noteish = bool(_NOTEISH.search(f"{_classes(attrs)} {fragment}"))
        if not noteish and link.parent is not None:
            noteish = bool(_NOTEISH.search(_classes(link.parent.attributes)))
        if not (in_sup or noteish) and fragment in ids:
            noteish = _opens_with_key(ids[fragment], label_text)
        if not (in_sup or noteish) or _inside(link, in_lists) is not None:
            continue
        target = ids.get(fragment)
        if target is None:
            if in_sup and noteish and label_text:
                page.markers.append(_Marker(_marker_element(link), link, None, label_text))
            continue
        if _points_back(page, link, target):
            page.backlinks.add(link.mem_id)
            continue
        note = _note_element(target)
        if note is None or _contains(note, link):
            # A sidenote sits in the paragraph it annotates: the note is the element itself.
            if not _is_sidenote(target) or _contains(target, link):
                continue
            note = target
        holder = _inside(note, in_lists)
        if holder is not None:
            # The target is inside a listed note (pandoc's '<li><div id="fn1">…'): that item is
            # the note, not a second one within it.
            note = page.notes[holder]
        page.notes.setdefault(note.mem_id, note)
        page.markers.append(_Marker(_marker_element(link), link, note.mem_id, label_text))
        targets[link.mem_id] = target
    _split_shared_targets(page)
    _split_anchor_runs(page, targets)
    _add_sidenotes(page)
    _expand_ranges(page)
    _add_list_siblings(page)
    _add_bibliography(page, cross_links)
    _add_source_lists(page)


_BRACKETED_KEY = regex(r"^\[[A-Za-z][\w.:+-]{0,23}\]$")


def _opens_with_key(target: LexborNode, label: str) -> bool:
    """Whether a link printed as a bracketed key ('[RFC2119]') leads to a block that opens
    with that same key: the labelled reference list of an RFC-style draft rendered to HTML
    ('<p id="rfc2119">[RFC2119]: Bradner, S., …'), whose ids and classes say nothing of notes."""
    if not _BRACKETED_KEY.match(label):
        return False
    note = _note_element(target)
    if note is None:
        return False
    text = _text(note).strip()
    # A '<dt>' printing nothing but the key is a label whose '<dd>' the list readers pair.
    return text.startswith(label) and bool(text[len(label) :].strip(" :.-–—"))


# A note's printed label at the start of its text: "[28] …", "28. …", "(4) …".
_ENTRY_LABEL = regex(r"^(?:\[([^\]\s]{1,8})\]|\(?(\d{1,4})[.)](?=\s))")


def _split_shared_targets(page: _Page) -> None:
    """Markers with different labels that all link to one anchor ("#footnotes", set on the
    notes' block or on the first note) cite the notes below it by their printed labels: "[28]"
    is note 28, not the element the anchor sits in."""
    labels_of: dict[int, set[str]] = {}
    for marker in page.markers:
        if marker.note is not None:
            labels_of.setdefault(marker.note, set()).add(_label_of(marker.text_label))
    for ident, labels in labels_of.items():
        if len(labels) < 2:
            continue
        element = page.notes[ident]
        entries = _labelled_run(element.child)  # the element holds the notes
        if len(entries) < 2:
            entries = _labelled_run(element)  # the element is the first note, the rest follow
        if len(labels & entries.keys()) < 2:
            continue
        del page.notes[ident]
        for entry in entries.values():
            page.notes.setdefault(entry.mem_id, entry)
        for marker in page.markers:
            if marker.note == ident:
                found = entries.get(_label_of(marker.text_label))
                marker.note = found.mem_id if found is not None else None
    _in_page_order(page)


#: The element that holds one note of a run split out of a block (see _split_anchor_runs): a
#: name no page uses, so no source tag is mistaken for it.
RUN_TAG = "citecheck-note"
_DIGITS = regex(r"\d+")


def _split_anchor_runs(page: _Page, targets: dict[int, LexborNode]) -> None:
    """Notes written one after another in one block, each opened by its own anchor (``<p><a
    name="fn1">1</a>: …<br><a name="fn2">2</a>: …</p>``: a Markdown README's hand-made notes):
    the block is no note itself. Each anchor begins a note that ends where the next begins,
    uncited anchors of the same kind (``fn7`` beside ``fn1``…``fn6``) too; what comes before
    the first anchor stays text of the page.
    """
    cited: dict[int, dict[int, LexborNode]] = {}  # note → its children that hold marked anchors
    for marker in page.markers:
        target = targets.get(marker.link.mem_id)
        if marker.note is None or target is None or target.mem_id == marker.note:
            continue
        child = _child_holding(page.notes[marker.note], target)
        if child is not None:
            cited.setdefault(marker.note, {})[child.mem_id] = target
    split = False
    for ident, anchors in cited.items():
        if len(anchors) < 2:
            continue
        element = page.notes[ident]
        shapes = {_anchor_shape(anchor) for anchor in anchors.values()}
        starts: list[tuple[LexborNode, LexborNode]] = []  # (child, its anchor)
        child = element.child
        while child is not None:
            anchor = anchors.get(child.mem_id)
            if anchor is None:
                anchor = _opening_anchor(child)
                if anchor is not None and _anchor_shape(anchor) not in shapes:
                    anchor = None
            if anchor is not None:
                starts.append((child, anchor))
            child = child.next
        runs = _wrap_runs(page, [child for child, _ in starts])
        del page.notes[ident]
        run_of: dict[int, int] = {}
        for run, (child, anchor) in zip(runs, starts, strict=True):
            page.notes[run.mem_id] = run
            run_of[anchor.mem_id] = run.mem_id
            if child.mem_id not in anchors:
                number = _DIGITS.findall(_anchor_name(anchor))
                if number:
                    page.labels[run.mem_id] = number[-1]
        for marker in page.markers:
            target = targets.get(marker.link.mem_id)
            if marker.note == ident:
                marker.note = run_of.get(target.mem_id) if target is not None else None
        split = True
    if split:
        _in_page_order(page)


def _child_holding(element: LexborNode, node: LexborNode) -> LexborNode | None:
    """The child of ``element`` that is or holds ``node``; None when ``node`` is not within."""
    ident = element.mem_id
    child: LexborNode | None = node
    while child is not None:
        parent = child.parent
        if parent is not None and parent.mem_id == ident:
            return child
        child = parent
    return None


def _anchor_name(anchor: LexborNode) -> str:
    attrs = anchor.attributes
    return str(attrs.get("id") or attrs.get("name") or "")


def _anchor_shape(anchor: LexborNode) -> tuple[str | None, str]:
    """An anchor's tag and its name with the numbers left out: ``fn3`` and ``fn12`` are one
    kind of anchor, ``section-2`` another."""
    return anchor.tag, _DIGITS.sub("#", _anchor_name(anchor))


def _opening_anchor(child: LexborNode) -> LexborNode | None:
    """The named element ``child`` is or opens with (``<a name="fn7">``, ``<sup id="n7">``)."""
    node: LexborNode | None = child
    while node is not None and node.tag != "-text":
        if _anchor_name(node):
            return node
        node = node.child
        while node is not None and node.tag in ("-text", "-comment") and not (
            node.text_content or ""
        ).strip():
            node = node.next
    return None


def _wrap_runs(page: _Page, starts: list[LexborNode]) -> list[LexborNode]:
    """Wrap each run of siblings from one of ``starts`` up to the next in a new ``RUN_TAG``
    element (the last run to the end of their parent); the wrapped nodes keep their identity,
    so what was found about them holds."""
    runs: list[LexborNode] = []
    for index, start in enumerate(starts):
        end = starts[index + 1].mem_id if index + 1 < len(starts) else None
        start.insert_before(page.tree.create_node(RUN_TAG))
        run = start.prev
        assert run is not None and run.tag == RUN_TAG
        node: LexborNode | None = start
        while node is not None and node.mem_id != end:
            following = node.next
            run.insert_child(node, move=True)
            node = following
        runs.append(run)
    return runs


def _in_page_order(page: _Page) -> None:
    """Put the page's notes back in the order the page shows them, after notes were added or
    split, so labels and lines come out as the reader sees them."""
    page.notes = dict(sorted(page.notes.items(), key=lambda item: _order_key(page, item[1])))


def _add_listed(page: _Page, entry: LexborNode, notes: set[int]) -> None:
    """``entry`` is a note that prints no label (``ref-N`` in page order, see
    ``assemble._note_labels``); ``notes`` is the caller's running set of note ids."""
    page.listed.add(entry.mem_id)
    page.notes[entry.mem_id] = entry
    notes.add(entry.mem_id)


def _labelled_run(node: LexborNode | None) -> dict[str, LexborNode]:
    """The elements from ``node`` on among its siblings that open with a printed label and
    are of the first one's kind (tag and class: the notes, not a numbered heading or list of
    recommendations further on)."""
    entries: dict[str, LexborNode] = {}
    kind: tuple[str | None, str | None] | None = None
    while node is not None:
        if node.tag in _HEADING_LEVELS and entries:
            break
        if node.tag != "-text" and (kind is None or kind == (node.tag, _class(node))):
            found = _ENTRY_LABEL.match(_text(node))
            if found is not None:
                entries.setdefault(found.group(1) or found.group(2), node)
                kind = kind or (node.tag, _class(node))
        node = node.next
    return entries


def _class(node: LexborNode) -> str | None:
    return node.attributes.get("class")


_RANGE = regex(r"(\d{1,4})\s*[–—‐-]\s*(\d{1,4})")


def _expand_ranges(page: _Page) -> None:
    """A marker group "4–6" that links only 4 and 6 cites 5 too: it gets a marker as well."""
    groups: dict[int, list[_Marker]] = {}
    for marker in page.markers:
        if marker.element is not marker.link:
            groups.setdefault(marker.element.mem_id, []).append(marker)
    for group in groups.values():
        if len(group) < 2:
            continue
        element = group[0].element
        present = {_label_of(marker.text_label) for marker in group}
        for found in _RANGE.finditer(_text(element)):
            first, last = int(found[1]), int(found[2])
            if str(first) in present and str(last) in present and last - first <= 50:
                for number in range(first + 1, last):
                    if str(number) not in present:
                        page.markers.append(_Marker(element, element, None, str(number)))


def _add_sidenotes(page: _Page) -> None:
    """Tufte-style side- and margin notes that no link points to.

    ``claim.<label for="sn-x" class="margin-toggle sidenote-number"></label><input id="sn-x" …>
    <span class="sidenote">Source…</span>`` (tufte-css, Tufte-LaTeX's HTML, Hugo and Jekyll
    themes): the note sits in the paragraph right after its claim; its toggle ``<label>`` (or
    the note itself) is its marker. A sidenote is labelled with the number the reader sees,
    which only a CSS counter prints (1, 2, 3 in page order) unless the label prints one; a
    margin note prints none (its toggle shows a symbol), so it keeps its toggle's id.
    """
    taken = set(page.notes)
    taken.update(m.note for m in page.markers if m.note is not None)
    toggles: dict[str, LexborNode] | None = None  # label[for] → label, found when first needed
    counts = {"sn": 0, "mn": 0}
    for node in page.tree.css(".sidenote, .marginnote"):
        classes = str(node.attributes.get("class") or "").split()
        if "sidenote" not in classes and "marginnote" not in classes:
            continue  # "sidenote-number" is the toggle, not the note
        if node.mem_id in taken or _inside(node, taken) is not None:
            continue
        kind = "sn" if "sidenote" in classes else "mn"
        counts[kind] += 1
        previous = node.prev
        while previous is not None and previous.tag == "-text" and not (
            previous.text_content or ""
        ).strip():
            previous = previous.prev
        toggle: LexborNode | None = None
        if previous is not None and previous.tag == "label":
            toggle = previous
        elif previous is not None and previous.tag == "input":
            # The checkbox the toggle names: the label may sit apart, inside the words it
            # marks ('<span class="newthought">In his later books<label for="sn-x" …>').
            if toggles is None:
                toggles = {str(label.attributes.get("for") or ""): label
                           for label in page.tree.css("label[for]")}
            toggle = toggles.get(str(previous.attributes.get("id") or ""))
            if toggle is None and previous.prev is not None and previous.prev.tag == "label":
                toggle = previous.prev
        printed = _text(toggle).strip() if toggle is not None else ""
        if kind == "sn":
            label = printed if _MARKER_TEXT.match(printed) else str(counts["sn"])
        else:
            named = str(toggle.attributes.get("for") or "") if toggle is not None else ""
            label = named or f"mn-{counts['mn']}"
        marker = toggle if toggle is not None else node
        page.notes[node.mem_id] = node
        page.labels[node.mem_id] = label
        page.markers.append(_Marker(marker, marker, node.mem_id, label))
        taken.add(node.mem_id)


def _add_bibliography(page: _Page, cross_links: list[tuple[LexborNode, LexborNode]]) -> None:
    """Entries a note links to (Wikipedia's "Smith 2019, p. 4" → Sources list) are notes too.

    A short note names its full citation; when that citation is a bibliography entry rather than
    another note, the entry has to be a note for the short one to resolve to it.
    """
    if not page.notes or not cross_links:
        return
    notes = set(page.notes)
    added = False
    for link, target in cross_links:
        entry: LexborNode | None = target
        while entry is not None and entry.tag not in ("li", "cite", "p", "dd"):
            entry = entry.parent
        if entry is None or entry.mem_id in notes or _inside(entry, notes) is not None:
            continue
        if _inside(link, notes) is None:
            continue
        parent = entry.parent
        while entry.tag == "cite" and parent is not None and parent.tag == "li":
            entry, parent = parent, parent.parent
        if entry.mem_id in notes:
            continue
        _add_listed(page, entry, notes)
        added = True
    if added:
        _in_page_order(page)


def _add_list_siblings(page: _Page) -> None:
    """A list that holds one note holds only notes: its uncited items are notes too."""
    lists: dict[int, LexborNode] = {}
    for element in page.notes.values():
        parent = element.parent
        if element.tag == "li" and parent is not None and parent.tag in ("ol", "ul"):
            lists.setdefault(parent.mem_id, parent)
    if not lists:
        return
    found = dict(page.notes)
    for parent in lists.values():
        child = parent.child
        while child is not None:
            if child.tag == "li":
                found.setdefault(child.mem_id, child)
            child = child.next
    page.notes = found
    _in_page_order(page)


_HEADING_LEVELS = {f"h{level}": level for level in range(1, 7)}
# Lists under a sources heading that are no entries: navigation boxes, tables' lists.
_NOT_SOURCES = regex(r"(?i)navbox|navigation|sister|catlinks|printfooter")


def _add_source_lists(page: _Page) -> None:
    """A page with notes may list its sources apart, under "References" or "Bibliography"
    (Wikipedia's bulleted list below its numbered citations; a blog's reading list): each item
    of such a list is a note that prints no label (``ref-N``), cited or not, as in the
    Markdown reader. Items already notes, and lists in navigation boxes, are left as they are.
    """
    if not page.notes:
        return
    notes = set(page.notes)
    added = False
    for heading in [*page.tree.css("h1, h2, h3, h4, h5, h6"), *_paragraph_headings(page)]:
        if heading.mem_id in page.skip or _inside(heading, notes) is not None:
            continue
        if not _lists_sources(_heading_title(page, heading)):
            continue
        level = _HEADING_LEVELS.get(heading.tag or "h1", _LOWEST_HEADING)
        blocks = _section_blocks(page, heading, level)
        listed = _section_items(page, blocks)
        in_lists = {item.mem_id for item in listed}
        items = [*listed, *_section_paragraphs(blocks, notes)]
        for item in items:
            if item.mem_id in notes or _inside(item, notes) is not None:
                continue
            if any(inner.mem_id in notes for inner in item.css(f"li, [id], {RUN_TAG}")):
                continue
            text = _text(item)
            if not text or (item.mem_id in in_lists and not _names_a_source(item, text)):
                continue
            _add_listed(page, item, notes)
            added = True
    if added:
        _in_page_order(page)


_LOWEST_HEADING = 6  # a paragraph set as a heading ends at the next heading of any level
_PARAGRAPH_HEADING_WORDS = 3


def _paragraph_headings(page: _Page) -> list[LexborNode]:
    """Paragraphs that are a heading in all but their tag: Word's "Save as HTML" sets "Works
    Cited" as a centred ``<p>`` of its own, the entries as the paragraphs after it."""
    found: list[LexborNode] = []
    for paragraph in page.tree.css("p"):
        text = paragraph.text(deep=True, separator="", strip=False)
        if len(text) < 40 and 0 < len(text.split()) <= _PARAGRAPH_HEADING_WORDS:
            found.append(paragraph)
    return found


def _names_a_source(item: LexborNode, text: str) -> bool:
    """Whether a list item under a sources heading can be checked as an entry: it carries a
    year, a URL or a DOI, or links outside the site. Wikipedia's "General sources" of titles
    ("Notitia Dignitatum, an early 5th-century document, …", linked only to other articles)
    name works to read, no source to check or to resolve a short note to."""
    return _cites_source(text) or any(
        is_citable_href(link.attributes.get("href") or "") for link in item.css("a[href]"))


def _heading_title(page: _Page, heading: LexborNode) -> str:
    """A heading's words without its edit links ("References[edit]" is "References")."""
    parts = [
        node.text_content or ""
        for node, entering in _walk(heading)
        if entering and node.tag == "-text" and _inside(node, page.skip) is None
    ]
    return " ".join("".join(parts).split())


def _section_blocks(page: _Page, heading: LexborNode, level: int) -> list[LexborNode]:
    """The blocks (paragraphs, lists, divisions) between ``heading`` and the next heading of
    its level or higher, navigation and tables left out; a heading wrapped alone in a block
    (Wikipedia's ``div.mw-heading``) counts as that block."""
    start = heading
    parent = heading.parent
    while (
        parent is not None
        and parent.tag in ("div", "header", "hgroup")
        and parent.css_first("ul, ol, dl, p") is None
        and len(parent.css("h1, h2, h3, h4, h5, h6")) == 1
    ):
        start, parent = parent, parent.parent
    blocks: list[LexborNode] = []
    node = start.next
    while node is not None:
        tag = node.tag or ""
        if tag in _HEADING_LEVELS and _HEADING_LEVELS[tag] <= level:
            break
        if tag in ("div", "section"):
            inner = node.css_first("h1, h2, h3, h4, h5, h6")
            if inner is not None and _HEADING_LEVELS[inner.tag or "h1"] <= level:
                break
        if tag in ("p", "ul", "ol", "div", "section") and not _excluded(page, node):
            blocks.append(node)
        node = node.next
    return blocks


def _section_items(page: _Page, blocks: list[LexborNode]) -> list[LexborNode]:
    """The top-level items of the lists among a section's ``blocks``."""
    items: list[LexborNode] = []
    for node in blocks:
        if node.tag == "p":
            continue
        lists = [node] if node.tag in ("ul", "ol") else node.css("ul, ol")
        list_ids = {found.mem_id for found in lists}
        for found in lists:
            if found is not node and _excluded_within(page, found, node):
                continue
            if _inside(found, list_ids) is not None:
                continue  # a list inside an item: that item's text
            child = found.child
            while child is not None:
                if child.tag == "li":
                    items.append(child)
                child = child.next
    return items


def _section_paragraphs(blocks: list[LexborNode], notes: set[int]) -> list[LexborNode]:
    """The paragraphs among a section's ``blocks`` that are entries, one per paragraph:
    pandoc's and Word's ``<p>Kahn, David. <em>The Codebreakers</em>. …, 1996.</p>``,
    citeproc's ``<div class="csl-entry">``.

    A paragraph is an entry only when it reads as one (it opens with a name, a quoted title or
    a ditto, and carries a year, a URL or a DOI): a "References" section of prose ("Sources are
    listed in the bibliography below.") gives none, and its links stay body links.
    """
    found: list[LexborNode] = []
    for node in blocks:
        if node.tag in ("ul", "ol"):
            continue
        for block in _entry_blocks(node, notes):
            if _reads_as_entry(_text(block)):
                found.append(block)
    return found


def _entry_blocks(node: LexborNode, notes: set[int]) -> list[LexborNode]:
    """``node`` itself when it is a paragraph (a ``<p>``, or a ``<div>`` holding only text
    and inline markup), else the paragraphs within it; none inside notes, lists or quotes."""
    if node.mem_id in notes:
        return []
    children: list[LexborNode] = []
    child = node.child
    while child is not None:
        if child.tag not in ("-text", "-comment"):
            children.append(child)
        child = child.next
    if node.tag == "p" or (
        node.tag == "div" and not any(c.tag in _BLOCK_TAGS or c.tag == "div" for c in children)
    ):
        return [node]
    found: list[LexborNode] = []
    for inner in children:
        # Paragraphs in lists, quotes, figures and tables are no entries of the section's own.
        if inner.tag in ("p", "div", "section"):
            found.extend(_entry_blocks(inner, notes))
    return found


def _excluded(page: _Page, node: LexborNode) -> bool:
    if node.mem_id in page.skip or node.tag in ("nav", "table"):
        return True
    return bool(_NOT_SOURCES.search(_classes(node.attributes)))


def _excluded_within(page: _Page, node: LexborNode, root: LexborNode) -> bool:
    """Whether a list inside ``root`` sits in navigation, a table or a skipped element."""
    parent = node.parent
    while parent is not None and parent.mem_id != root.mem_id:
        if _excluded(page, parent):
            return True
        parent = parent.parent
    return False
