"""The values that cross citecheck's stages: parse → check → assemble → format → gate.

Everything here is a frozen dataclass or an enum. Stages never mutate what they are given;
they build new values (``dataclasses.replace``) and hand them on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from urllib.parse import unquote


class Verdict(StrEnum):
    """What citecheck concluded about a cited source. The values are the JSON vocabulary."""

    LIVE = "live"
    MOVED = "moved"
    DRIFTED = "drifted"
    SOFT404 = "soft404"
    DEAD = "dead"
    BLOCKED = "blocked"
    ERROR = "error"
    TIMEOUT = "timeout"
    INVALID = "invalid"
    SKIPPED = "skipped"
    OFFLINE = "offline"
    NO_URL = "no_url"

    @property
    def is_ok(self) -> bool:
        """The source answers and still shows what was cited (possibly at a new address)."""
        return self in (Verdict.LIVE, Verdict.MOVED)

    @property
    def is_rotten(self) -> bool:
        """The cited page is gone or no longer shows the cited work."""
        return self in (Verdict.DEAD, Verdict.SOFT404, Verdict.DRIFTED, Verdict.INVALID)

    @property
    def is_unverifiable(self) -> bool:
        """The source may exist, but this run could not confirm it either way."""
        return self in (
            Verdict.BLOCKED,
            Verdict.ERROR,
            Verdict.TIMEOUT,
            Verdict.SKIPPED,
            Verdict.OFFLINE,
        )


class DocumentFormat(StrEnum):
    """Which reader a document was parsed by. The values are the JSON vocabulary."""

    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    LATEX = "latex"  # a .tex document with the .bib files it cites from
    BIBTEX = "bibtex"  # a .bib database checked on its own
    RST = "rst"  # reStructuredText
    UNREADABLE = "unreadable"  # never parsed: the file could not be read as text
    PDF = "pdf"  # binary: pages of text plus link annotations (parse/pdf/)
    DOCX = "docx"  # binary: a Word package's body, footnotes and endnotes (parse/docx/)
    ODT = "odt"  # binary: an OpenDocument text package (parse/docx/odt.py)

    @property
    def is_binary(self) -> bool:
        """Whether the reader takes the file's bytes rather than decoded text."""
        return self in (DocumentFormat.PDF, DocumentFormat.DOCX, DocumentFormat.ODT)


class NoteKind(StrEnum):
    """How a note cites its source."""

    FULL = "full"  # a full citation, usually with its own URL
    IBID = "ibid"  # "Ibid." — the same source as the note before
    SHORT = "short"  # "Author, “Short Title.”" — repeats an earlier full note
    COMMENT = "comment"  # cites no source at all
    LINK = "link"  # a link in the body text, not a note: checked like a full note's URL


class ExitCode(IntEnum):
    """Process exit codes; CI pipelines depend on these values."""

    OK = 0
    GATE_FAILED = 1
    USAGE = 2
    UNCHECKED = 3  # nothing could be checked (e.g. the network is unavailable)


class Gate(StrEnum):
    """What the CI policy made of one note's verdict."""

    PASS = "pass"
    WARN = "warn"
    FAIL = "fail"


# --------------------------------------------------------------------------- parse


@dataclass(frozen=True, slots=True)
class Citation:
    """The bibliographic fields read from one note. Any field may be missing."""

    authors: tuple[str, ...] = ()
    title: str | None = None
    container: str | None = None  # publisher, site, journal
    date: str | None = None  # publication date as written
    accessed: str | None = None  # "Accessed November 17, 2020" → "November 17, 2020"
    doi: str | None = None  # bare DOI, "10.1000/xyz", when the note cites one


@dataclass(frozen=True, slots=True)
class Claim:
    """A body sentence that a note marker supports, with the markers removed."""

    line: int  # 1-based line of the marker in the source document
    text: str
    column: int = 1  # 1-based column of the marker
    page: int | None = None  # PDF: the 1-based page; ``line`` is then the line on that page
    # The file the marker is in, relative to the document's folder, when it is not the document
    # itself (a LaTeX \input file); ``line`` and ``column`` are then that file's.
    file: str | None = None


@dataclass(frozen=True, slots=True)
class UrlSpan:
    """Where one of a note's URLs is written in the original text (1-based lines and columns,
    0-based character offsets, end exclusive). A URL broken across lines spans them all."""

    url: str  # the repaired URL, as in ``Note.urls``
    line: int
    column: int
    start: int
    end: int
    raw: str  # the text between ``start`` and ``end`` as written


@dataclass(frozen=True, slots=True)
class Note:
    """One endnote/footnote (or one inline body link) of a document."""

    label: str  # as written: "xviii", "12", "fn3", ...
    index: int  # 0-based position among the document's notes
    line: int  # 1-based line where the note starts
    kind: NoteKind
    text: str  # the note's text, whitespace-normalised
    citation: Citation = field(default_factory=Citation)
    urls: tuple[str, ...] = ()  # this note's own URLs, repaired; empty for ibid/short
    # label of the full note at the root of ibid/short chains (for an Ibid. after a short form
    # whose full note is not in the document, that short note)
    resolves_to: str | None = None
    points_to: str | None = None  # label of the note an ibid/short refers to directly
    claims: tuple[Claim, ...] = ()
    column: int = 1
    spans: tuple[UrlSpan, ...] = ()  # where the note's own URLs are written, when located

    page: int | None = None  # PDF: the 1-based page; ``line`` is then the line on that page
    # The file the note is in, relative to the document's folder, when it is not the document
    # itself (a LaTeX document's .bib entry or \input file); ``line`` is then that file's.
    file: str | None = None

    @property
    def url(self) -> str | None:
        """The note's own primary URL (resolution to another note happens in assembly)."""
        sources = self.sources
        return sources[0] if sources else None

    @property
    def sources(self) -> tuple[str, ...]:
        """What is checked for this note: its URLs as written, then the doi.org address of a
        DOI it cites without a link ("doi:10.1000/xyz"), unless one of its URLs is that DOI."""
        doi = self.citation.doi
        if not doi or self.kind not in (NoteKind.FULL, NoteKind.LINK):
            return self.urls
        prefixes = ("https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/")
        for url in self.urls:
            for prefix in prefixes:
                if url.lower().startswith(prefix) and unquote(url[len(prefix) :]).lower() == (
                    doi.lower()
                ):
                    return self.urls
        return (*self.urls, "https://doi.org/" + doi)


class DiagnosticCode(StrEnum):
    """What kind of problem a :class:`Diagnostic` reports. The values are the JSON vocabulary."""

    # Found while parsing (parse/base.py, parse/resolve.py, the readers).
    MARKER_WITHOUT_NOTE = "marker-without-note"
    NOTE_NEVER_CITED = "note-never-cited"
    DUPLICATE_LABEL = "duplicate-label"
    UNRESOLVED_SHORT = "unresolved-short"
    AMBIGUOUS_SHORT = "ambiguous-short"  # an author–year short form two listed works fit
    IBID_WITHOUT_ANTECEDENT = "ibid-without-antecedent"
    # Found by the LaTeX/BibTeX and reStructuredText readers.
    # \cite{key} with no entry in the .bib files; an rST bibtex role's key (its .bib unread)
    UNKNOWN_CITE_KEY = "unknown-cite-key"
    MISSING_INCLUDE = "missing-include"  # \input/\include of a file that cannot be read
    MISSING_BIBLIOGRAPHY = "missing-bibliography"  # a .bib file named but not readable
    BAD_ENTRY = "bad-entry"  # a .bib block that cannot be parsed, or a repeated key
    UNREADABLE_MARKUP = "unreadable-markup"  # markup the format's parser gave up on
    URL_SCHEME_ADDED = "url-scheme-added"  # "www.example.org/x" checked as https://…
    # Too deep or too big for the format's parser (hostile or mangled): read as plain text.
    HTML_TOO_COMPLEX = "html-too-complex"
    MARKDOWN_TOO_COMPLEX = "markdown-too-complex"
    # Too many links or markers to read in full in time: read by a linear scan (parse/reduced.py).
    DOCUMENT_TOO_DENSE = "document-too-dense"
    # Nothing found where something was expected (parse/base.py): "empty" for --fail-on-empty.
    NO_NOTES = "no-notes"  # no notes, no references, no links at all
    NO_NOTES_SECTION = "no-notes-section"  # markers in the text, but no notes to go with them
    NO_MARKERS = "no-markers"  # notes, but no marker in the text cites any of them
    # Found while reading the file (inputs.py): the document was never parsed.
    UNREADABLE = "unreadable"
    BINARY = "binary"
    # Not UTF-8 and no declared encoding: read as Windows-1252 (or Latin-1), a warning.
    LEGACY_ENCODING = "legacy-encoding"
    # Binary documents (parse/pdf/, parse/docx/): what kept a file from being read, or read fully.
    ENCRYPTED = "encrypted"  # a password is needed to open it
    DAMAGED = "damaged"  # not a readable PDF / Word package
    NO_TEXT = "no-text"  # a PDF without a text layer (scanned pages)
    FORMAT_MISMATCH = "format-mismatch"  # the name says one format, the bytes another
    NUMBERING_RESTART = "numbering-restart"  # Word notes renumbered per page: labels approximate


#: Codes saying a document yielded nothing to check where notes belong (``--fail-on-empty``).
EMPTY_DIAGNOSTICS = frozenset(
    {DiagnosticCode.NO_NOTES, DiagnosticCode.NO_NOTES_SECTION, DiagnosticCode.NO_MARKERS}
)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """Something wrong with a document that is reported, not raised."""

    code: DiagnosticCode
    message: str
    line: int | None = None
    label: str | None = None
    severity: str = "warning"  # warning | error
    page: int | None = None  # PDF: the page ``line`` counts on


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed document: its notes (with their claims) and what was odd about it."""

    path: str
    format: DocumentFormat
    notes: tuple[Note, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()

    def note(self, label: str) -> Note | None:
        """The note with this label, if any."""
        for note in self.notes:
            if note.label == label:
                return note
        return None


# --------------------------------------------------------------------------- check


class FailureKind(StrEnum):
    """Why a fetch produced no usable HTTP response (network-level facts, not verdicts)."""

    DNS = "dns"  # the name does not resolve
    CONNECT = "connect"  # refused / unreachable
    RESET = "reset"  # connection reset or closed mid-response
    TLS = "tls"
    TIMEOUT = "timeout"
    PROTOCOL = "protocol"  # malformed response
    TOO_MANY_REDIRECTS = "too_many_redirects"
    REDIRECT_LOOP = "redirect_loop"
    INVALID_URL = "invalid_url"
    PRIVATE = "private"  # refused by the private-address guard
    EXCLUDED = "excluded"  # excluded by user rule
    UNSUPPORTED = "unsupported"  # a scheme citecheck does not fetch (mailto:, ftp:, ...)


@dataclass(frozen=True, slots=True)
class Hop:
    """One response in a redirect chain."""

    url: str
    status: int
    location: str | None = None


@dataclass(frozen=True, slots=True)
class PageFacts:
    """What was read from a bounded prefix of a response body."""

    content_type: str | None = None
    title: str | None = None  # <title>
    og_title: str | None = None  # <meta property="og:title">
    h1: str | None = None  # first <h1>
    text: str = ""  # visible text prefix (for similarity, not-found and challenge phrases)
    has_password_field: bool = False
    truncated: bool = False  # the body was longer than the bound
    refresh: str | None = None  # where <meta http-equiv="refresh"> sends a reader, as written


@dataclass(frozen=True, slots=True)
class FetchFacts:
    """Everything observed while fetching one URL; classification is a pure function of this."""

    url: str
    final_url: str | None = None
    status: int | None = None  # final HTTP status, if any response arrived
    chain: tuple[Hop, ...] = ()  # every redirect response, in order
    headers: tuple[tuple[str, str], ...] = ()  # final response headers (lower-cased names)
    page: PageFacts | None = None
    failure: FailureKind | None = None
    failure_detail: str | None = None  # human text, e.g. "TLS: self-signed certificate"
    elapsed_ms: int = 0
    attempts: int = 0

    def header(self, name: str) -> str | None:
        """The first value of a final-response header, case-insensitively."""
        name = name.lower()
        for key, value in self.headers:
            if key == name:
                return value
        return None


@dataclass(frozen=True, slots=True)
class LinkResult:
    """The verdict on one distinct URL, with the facts a reader needs to act on it."""

    url: str
    status: Verdict
    detail: str  # short human reason: "HTTP 404", "TLS: self-signed certificate"
    http_status: int | None = None
    final_url: str | None = None
    redirects: tuple[str, ...] = ()  # URLs of the chain after the first, in order
    title: str | None = None
    elapsed_ms: int = 0
    attempts: int = 0
    archive_url: str | None = None
    archive_timestamp: str | None = None  # the snapshot's 14-digit Wayback timestamp
    archive_detail: str | None = None  # why there is no snapshot, when one was looked up
    cached: bool = False  # the verdict was read from the results cache, not fetched in this run
    history: History | None = None  # earlier verdicts, when the results cache keeps them


@dataclass(frozen=True, slots=True)
class History:
    """What earlier runs said of a URL that fails now (from the results cache)."""

    failing_since: str  # ISO 8601 UTC time of the first check of the current failing streak
    failed_checks: int  # checks in the streak, this run's included
    confirmations: int  # checks in the streak at least the confirm spacing apart


class UnsetSecret(str):
    """A configured header value that reads environment variables which are not set.

    Its text is empty and it is never sent; ``variables`` names what was missing, for the
    warning given when the header's host is actually contacted (not before: a pull request from
    a fork has no secrets, and most runs never touch that host).
    """

    variables: tuple[str, ...]

    def __new__(cls, variables: tuple[str, ...]) -> UnsetSecret:
        value = super().__new__(cls, "")
        value.variables = variables
        return value

    def __repr__(self) -> str:
        return "'***'"


@dataclass(frozen=True, slots=True)
class HostSettings:
    """Per-host overrides (matched on host name, suffix match on dot boundaries)."""

    headers: tuple[tuple[str, str], ...] = ()
    user_agent: str | None = None
    accept: tuple[int, ...] = ()  # extra status codes that count as live
    concurrency: int | None = None
    interval: float | None = None  # minimum seconds between request starts to this host
    timeout: float | None = None


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """How the check stage behaves. Built by the CLI from flags and configuration."""

    timeout: float = 20.0  # hard deadline per URL, seconds, retries included
    retries: int = 2
    concurrency: int = 32
    per_host: int = 4
    allow_private: bool = False
    user_agent: str = ""  # empty → citecheck's default
    max_body_bytes: int = 1024 * 1024  # decompressed prefix read per response
    max_redirects: int = 10
    retry_after_cap: float = 30.0
    soft404_probe: bool = True
    doi_base: str = "https://doi.org/"
    hosts: tuple[tuple[str, HostSettings], ...] = ()
    # A name that always resolves: looked up when no fetch proved DNS works, to tell "this
    # machine cannot resolve names" (offline) from "these names do not exist" (dead).
    dns_probe: str = "example.com"
    accept: tuple[int, ...] = ()  # status codes that count as live on every host
    headers: tuple[tuple[str, str], ...] = ()  # request headers for every host (host's win)


# --------------------------------------------------------------------------- report


#: The gate's defaults, in the order ``--help`` and ``citecheck config`` show them.
DEFAULT_FAIL_ON = (Verdict.DEAD, Verdict.SOFT404, Verdict.INVALID)
DEFAULT_WARN_ON = (Verdict.DRIFTED, Verdict.MOVED, Verdict.BLOCKED, Verdict.TIMEOUT, Verdict.ERROR)


@dataclass(frozen=True, slots=True)
class Policy:
    """The CI gate: which verdicts fail the run, which only warn."""

    fail_on: frozenset[Verdict] = frozenset(DEFAULT_FAIL_ON)
    warn_on: frozenset[Verdict] = frozenset(DEFAULT_WARN_ON)
    max_failures: int = 0  # the gate fails only when failures exceed this
    confirm: int = 1  # a failure fails the gate only once seen in this many spaced runs
    fail_on_empty: bool = False  # a document with an "empty" diagnostic fails the gate

    def gate(self, verdict: Verdict) -> Gate:
        """What this policy makes of one verdict."""
        if verdict in self.fail_on:
            return Gate.FAIL
        if verdict in self.warn_on:
            return Gate.WARN
        return Gate.PASS


@dataclass(frozen=True, slots=True)
class NoteResult:
    """A note joined with the verdict on the URL it stands on (its own, or its root note's)."""

    note: Note
    url: str | None
    status: Verdict
    detail: str
    http_status: int | None = None
    final_url: str | None = None
    archive_url: str | None = None
    gate: Gate = Gate.PASS
    archive_timestamp: str | None = None
    archive_detail: str | None = None
    cached: bool = False
    history: History | None = None
    unconfirmed: bool = False  # a failure the gate only warns about until --confirm is met


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """One run the results cache remembers, seen from one document: how many of its notes
    stood then on a rotten, an ok, or an unverifiable source (each URL at its latest check)."""

    at: str  # ISO 8601 UTC of the run
    rotten: int
    ok: int
    unverifiable: int


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """One document's notes with their verdicts."""

    path: str
    format: str
    notes: tuple[NoteResult, ...]
    diagnostics: tuple[Diagnostic, ...] = ()
    # Rot over time, oldest first, from the results cache's history; empty without a cache.
    trend: tuple[TrendPoint, ...] = ()


@dataclass(frozen=True, slots=True)
class Summary:
    """Counts for the summary line and the JSON ``summary`` object."""

    counts: tuple[tuple[Verdict, int], ...]  # notes per verdict, in Verdict order, zeros omitted
    notes: int  # notes proper, body links not counted
    claims: int
    links: int
    failed: int  # notes that failed the gate
    warned: int  # notes that only warned
    exit_code: ExitCode
    rescuable: int = 0  # rotten notes with an archived snapshot to cite instead
    unconfirmed: int = 0  # failing notes not yet confirmed by --confirm runs (counted in warned)
    body_links: int = 0  # links in body text (kind ``link``), checked like notes
    empty: int = 0  # documents with an "empty" diagnostic (no notes, no notes section, …)


@dataclass(frozen=True, slots=True)
class Report:
    """The whole outcome of a run, ready for any formatter."""

    citecheck_version: str
    generated_at: str  # ISO 8601, UTC
    documents: tuple[DocumentResult, ...]
    links: tuple[LinkResult, ...]
    summary: Summary
    policy: Policy = field(default_factory=Policy)
    offline: bool = False  # nothing could be reached at the network level
    schema_version: int = 2  # of the JSON report; see CHANGELOG.md
