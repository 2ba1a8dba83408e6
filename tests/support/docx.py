"""Word packages built in a test from WordprocessingML snippets, so each edge case is one XML
string away from the file Word would write."""

from __future__ import annotations

import io
import zipfile

W_NAMESPACES = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
BIBLIOGRAPHY = "http://schemas.openxmlformats.org/officeDocument/2006/bibliography"


def run(text: str) -> str:
    """One run of text."""
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


def field(instruction: str, result: str = "", *, end: bool = True) -> str:
    """A complex field (begin, instruction, separate, result runs, end)."""
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            f"{result}" + ('<w:r><w:fldChar w:fldCharType="end"/></w:r>' if end else ""))


def field_end() -> str:
    """The end of a complex field begun in an earlier paragraph."""
    return '<w:r><w:fldChar w:fldCharType="end"/></w:r>'


def external(rid: str, target: str) -> str:
    """A hyperlink relationship."""
    return (f'<Relationship Id="{rid}" Type="{REL}/hyperlink" Target="{target}" '
            'TargetMode="External"/>')


def sources(*entries: str, style: str = "APA") -> str:
    """A ``b:Sources`` part holding ``entries`` (``b:Source`` elements without the prefix)."""
    return (f'<b:Sources xmlns:b="{BIBLIOGRAPHY}" xmlns="{BIBLIOGRAPHY}" StyleName="{style}">'
            + "".join(entries) + "</b:Sources>")


def docx(body: str, *, footnotes: str = "", rels: str = "", note_rels: str = "",
         extra: dict[str, str] | None = None) -> bytes:
    """A .docx whose body, footnotes and relationships are the given XML; ``extra`` adds parts
    (``customXml/item1.xml`` …) by name."""
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxml'
                               'formats.org/package/2006/content-types"/>',
        "_rels/.rels": f'<Relationships xmlns="{_RELS}"><Relationship Id="d" '
                       f'Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>',
        "word/document.xml":
            f"<w:document {W_NAMESPACES}><w:body>{body}</w:body></w:document>",
        "word/_rels/document.xml.rels":
            f'<Relationships xmlns="{_RELS}">'
            f'<Relationship Id="fn" Type="{REL}/footnotes" Target="footnotes.xml"/>'
            f"{rels}</Relationships>",
        "word/footnotes.xml": f"<w:footnotes {W_NAMESPACES}>{footnotes}</w:footnotes>",
        "word/_rels/footnotes.xml.rels": f'<Relationships xmlns="{_RELS}">{note_rels}'
                                         "</Relationships>",
        **(extra or {}),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, text in parts.items():
            package.writestr(name, text)
    return buffer.getvalue()
