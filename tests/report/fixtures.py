"""One fixed report, built by hand, that every formatter test renders.

Two documents; notes of every kind (full, ibid, short, comment); every verdict; one URL cited by
two notes (both fail); a note with two URLs; a URL carrying credentials; an unresolved short
note; diagnostics; cells with characters every output format must escape. ``DOCUMENTS`` and
``LINKS`` are what the parse and check stages would hand to assembly; ``REPORT`` is what assembly
must make of them, written out note by note so that assembly is checked against it.
"""

from __future__ import annotations

from dataclasses import replace

from citecheck.models import (
    Citation,
    Claim,
    Diagnostic,
    Document,
    DocumentResult,
    ExitCode,
    Gate,
    History,
    LinkResult,
    Note,
    NoteKind,
    NoteResult,
    Policy,
    Report,
    Summary,
    UrlSpan,
    Verdict,
)

VERSION = "0.1.0"
GENERATED_AT = "2024-05-01T12:00:00Z"
POLICY = Policy()

ESSAY = "essays/mali.txt"
BRIEF = "reports/sahel, part 2.md"

USIP = "https://www.usip.org/publications/2020/08/five-things-know-about-malis-coup"
UN_NEWS = "https://news.un.org/en/story/2015/05/498902#.VYXO2flVhBd"
UN_NEWS_FINAL = "https://news.un.org/en/story/2015/05/498902-ban-hails-mali-peace-agreement"
UN_PDF = "https://undocs.org/S/2015/364"
ALJAZEERA = (
    "https://www.aljazeera.com/news/2020/8/31/"
    "what-does-the-coup-mean-for-malis-spiralling-security-crisis"
)
ALJAZEERA_ARCHIVE = (
    "https://web.archive.org/web/20200831000000/https://www.aljazeera.com/news/2020/8/31/"
    "what-does-the-coup-mean-for-malis-spiralling-security-crisis"
)
MINUSMA = "https://minusma.unmissions.org/en/history"
CSIS = "https://www.csis.org/analysis/militancy-and-arc-instability"
CNN = "https://www.cnn.com/2013/01/16/world/africa/mali-six-reasons/index.html"
UNHCR = "https://data2.unhcr.org/en/situations/malisituation"
SECRET = "https://reader:s3cret@intranet.example.org/briefing.pdf?token=abc123&page=2"
MALFORMED = "http://exa%mple.org/report"
EXCLUDED = "https://www.example.com/sahel"
UNREACHABLE = "https://www.hrw.org/report/2017/09/08/mali-unchecked-abuses"
UNCHECKED = "https://acleddata.com/2020/06/04/sahel-2020/"

# --------------------------------------------------------------------------- parse stage output

N_I = Note(
    label="i", index=0, line=40, kind=NoteKind.FULL,
    text="Fornof, Emily and Emily Cole. “Five Things to Know about Mali’s Coup,” United States "
    f"Institute of Peace, August 27, 2020. {USIP}",
    citation=Citation(
        authors=("Fornof, Emily", "Emily Cole"), title="Five Things to Know about Mali’s Coup",
        container="United States Institute of Peace", date="August 27, 2020",
    ),
    urls=(USIP,),
    claims=(
        Claim(line=5, column=187, text="Since a 2012 coup overthrew the democratically-elected "
              "government, the country has been plagued by conflict and civil strife, which the "
              "international community has largely failed to control."),
        Claim(line=9, column=12, text="The coup was the second in eight years."),
    ),
)
N_II = Note(
    label="ii", index=1, line=42, kind=NoteKind.IBID, text="Ibid.",
    resolves_to="i", points_to="i",
    claims=(Claim(line=5, column=402, text="Malian armed forces have struggled to counter "
                  "threats posed by armed groups."),),
)
N_III = Note(
    label="iii", index=2, line=44, kind=NoteKind.FULL,
    text="U.N. “Ban hails Mali peace agreement as important step towards stability”, UN News, "
    f"May 15, 2015. {UN_NEWS} See also {UN_PDF}",
    citation=Citation(
        authors=("U.N.",),
        title="Ban hails Mali peace agreement as important step towards stability",
        container="UN News", date="May 15, 2015",
    ),
    urls=(UN_NEWS, UN_PDF),
    claims=(Claim(line=7, column=98, text="A peace agreement was signed in 2015."),),
)
N_IV = Note(
    label="iv", index=3, line=46, kind=NoteKind.FULL,
    text="Stepansky, Joseph. “What does the coup mean for Mali’s spiraling security crisis?” "
    f"Al Jazeera, August 31, 2020. {ALJAZEERA}",
    citation=Citation(
        authors=("Stepansky, Joseph",),
        title="What does the coup mean for Mali’s spiraling security crisis?",
        container="Al Jazeera", date="August 31, 2020",
    ),
    urls=(ALJAZEERA,),
    claims=(Claim(line=11, column=231, text="On August 18, three months of frustrations boiled "
                  "over at a military base outside Bamako."),),
)
N_V = Note(
    label="v", index=4, line=48, kind=NoteKind.IBID, text="Ibid.",
    resolves_to="iv", points_to="iv",
    claims=(Claim(line=11, column=390, text="By midnight, the president had resigned."),),
)
N_VI = Note(
    label="vi", index=5, line=50, kind=NoteKind.FULL,
    text=f"U.N. “History of MINUSMA”. MINUSMA Mission History. Accessed November 17, 2020. "
    f"{MINUSMA}",
    citation=Citation(
        authors=("U.N.",), title="History of MINUSMA", container="MINUSMA Mission History",
        accessed="November 17, 2020",
    ),
    urls=(MINUSMA,),
    claims=(Claim(line=17, column=301, text="The U.N. established MINUSMA in April 2013."),),
)
N_VII = Note(
    label="vii", index=6, line=52, kind=NoteKind.FULL,
    text="Cooke, Jennifer G, J. Caleb Johnson, and Thomas M Sanderson. “Militancy and the Arc of "
    f"Instability.” Center for Strategic and International Studies, September 27, 2016. {CSIS}",
    citation=Citation(
        authors=("Cooke, Jennifer G", "J. Caleb Johnson", "Thomas M Sanderson"),
        title="Militancy and the Arc of Instability",
        container="Center for Strategic and International Studies", date="September 27, 2016",
    ),
    urls=(CSIS,),
    claims=(Claim(line=19, column=160, text="A volatile Malian state threatens the whole Sahel."),),
)
N_VIII = Note(
    label="viii", index=7, line=54, kind=NoteKind.FULL,
    text=f"Tim Lister, “Six Reasons Events in Mali Matter,” CNN, January 17, 2013. {CNN}",
    citation=Citation(
        authors=("Tim Lister",), title="Six Reasons Events in Mali Matter", container="CNN",
        date="January 17, 2013",
    ),
    urls=(CNN,),
    claims=(Claim(line=21, column=148, text="Militant groups and smuggling networks exploit the "
                  "power vacuum."),),
)
N_IX = Note(
    label="ix", index=8, line=56, kind=NoteKind.FULL,
    text="“Malian Refugees in Burkina Faso, Mauritania, and Niger,” Operational Portal: Refugee "
    f"Situations, UNHCR, March 31, 2020. {UNHCR}",
    citation=Citation(
        title="Malian Refugees in Burkina Faso, Mauritania, and Niger",
        container="Operational Portal: Refugee Situations, UNHCR", date="March 31, 2020",
    ),
    urls=(UNHCR,),
    claims=(Claim(line=21, column=402, text="Nearly 140,000 Malians lived as refugees in "
                  "neighbouring countries in March 2020."),),
)
N_X = Note(
    label="x", index=9, line=58, kind=NoteKind.COMMENT,
    text="The author visited Bamako in 2019; the observations here are her own.",
    claims=(Claim(line=25, column=77, text="Markets in Bamako stayed open throughout."),),
)
N_XI = Note(
    label="xi", index=10, line=60, kind=NoteKind.SHORT, text="Cooke et al., “Militancy.”",
    citation=Citation(authors=("Cooke",), title="Militancy"),
    resolves_to="vii", points_to="vii",
    claims=(Claim(line=27, column=55, text="Central Mali has become the new front line."),),
)
N_XII = Note(
    label="xii", index=11, line=62, kind=NoteKind.FULL,
    text="Lecocq, Baz. Disputed Desert: Decolonisation, Competing Nationalisms and Tuareg "
    "Rebellions in Northern Mali. Leiden: Brill, 2010.",
    citation=Citation(
        authors=("Lecocq, Baz",),
        title="Disputed Desert: Decolonisation, Competing Nationalisms and Tuareg Rebellions in "
        "Northern Mali",
        container="Brill", date="2010",
    ),
    claims=(Claim(line=29, column=210, text="Tuareg rebellions recur roughly once a decade."),),
)
N_XIII = Note(
    label="xiii", index=12, line=64, kind=NoteKind.FULL,
    text=f"Stepansky, Joseph. Al Jazeera, 2020. {ALJAZEERA}",
    citation=Citation(authors=("Stepansky, Joseph",), container="Al Jazeera", date="2020"),
    urls=(ALJAZEERA,),
    claims=(Claim(line=31, column=120, text="Costs | casualties rose by 50% ([bold]per year[/])\\"
                  " — *per* `UN` data."),),
)
N_XIV = Note(
    label="xiv", index=13, line=66, kind=NoteKind.FULL,
    text=f"Internal briefing, 2020. {SECRET}",
    citation=Citation(title="Internal briefing", date="2020"),
    urls=(SECRET,),
)

ESSAY_DIAGNOSTICS = (
    Diagnostic(code="marker-without-note", message="marker [xxviii] has no note", line=33,
               label="xxviii"),
    Diagnostic(code="note-never-cited", message="note [xiv] is never cited in the text", line=66,
               label="xiv"),
)

N_1 = Note(
    label="1", index=0, line=20, kind=NoteKind.FULL,
    text=f"Mali report. {MALFORMED}", citation=Citation(title="Mali report"),
    urls=(MALFORMED,),
    claims=(Claim(line=3, column=41, text="Attacks doubled in 2019."),),
)
N_2 = Note(
    label="2", index=1, line=21, kind=NoteKind.FULL,
    text=f"Example, “Sahel”. {EXCLUDED}", citation=Citation(authors=("Example",), title="Sahel"),
    urls=(EXCLUDED,),
    claims=(Claim(line=5, column=9, text="The Sahel spans ten countries."),),
)
N_3 = Note(
    label="3", index=2, line=22, kind=NoteKind.FULL,
    text=f"Human Rights Watch, “Mali: Unchecked Abuses in Military Operations,” 2017. "
    f"{UNREACHABLE}",
    citation=Citation(
        authors=("Human Rights Watch",), title="Mali: Unchecked Abuses in Military Operations",
        date="2017",
    ),
    urls=(UNREACHABLE,),
    claims=(Claim(line=7, column=60, text="Abuses by security forces went unpunished."),),
)
N_4 = Note(
    label="4", index=3, line=23, kind=NoteKind.SHORT, text="Thurston, “Jihadists.”",
    citation=Citation(authors=("Thurston",), title="Jihadists"),
    claims=(Claim(line=9, column=30, text="Jihadist groups negotiate with local elites."),),
)
N_5 = Note(
    label="5", index=4, line=24, kind=NoteKind.FULL,
    text=f"ACLED, “Sahel 2020,” June 4, 2020. {UNCHECKED}",
    citation=Citation(authors=("ACLED",), title="Sahel 2020", date="June 4, 2020"),
    urls=(UNCHECKED,),
    claims=(Claim(line=11, column=18, text="Violence against civilians rose sharply in 2020."),),
)

BRIEF_DIAGNOSTICS = (
    Diagnostic(code="unresolved-short", message="short note [4] matches no earlier full note",
               line=23, label="4", severity="error"),
)



def _spanned(note: Note) -> Note:
    """The note as the pipeline hands it on: its URLs located where a text document, whose notes
    read "[label] text" on one line, writes them."""
    prefix = len(f"[{note.label}] ")
    spans = tuple(
        UrlSpan(url, note.line, prefix + note.text.index(url) + 1, 0, len(url), url)
        for url in note.urls if url in note.text
    )
    return replace(note, spans=spans)


(N_I, N_III, N_IV, N_VI, N_VII, N_VIII, N_IX, N_XII, N_XIII, N_XIV, N_1, N_2, N_3, N_5) = (
    _spanned(n) for n in (N_I, N_III, N_IV, N_VI, N_VII, N_VIII, N_IX, N_XII, N_XIII, N_XIV,
                          N_1, N_2, N_3, N_5)
)

DOCUMENTS = (
    Document(
        path=ESSAY, format="text",
        notes=(N_I, N_II, N_III, N_IV, N_V, N_VI, N_VII, N_VIII, N_IX, N_X, N_XI, N_XII, N_XIII,
               N_XIV),
        diagnostics=ESSAY_DIAGNOSTICS,
    ),
    Document(path=BRIEF, format="markdown", notes=(N_1, N_2, N_3, N_4, N_5),
             diagnostics=BRIEF_DIAGNOSTICS),
)

# --------------------------------------------------------------------------- check stage output

L_USIP = LinkResult(url=USIP, status=Verdict.LIVE, detail="HTTP 200", http_status=200, cached=True,
                    final_url=USIP, title="Five Things to Know about Mali’s Coup",
                    elapsed_ms=412, attempts=1)
L_UN_NEWS = LinkResult(
    url=UN_NEWS, status=Verdict.MOVED,
    detail=f"moved permanently to {UN_NEWS_FINAL}", http_status=200, final_url=UN_NEWS_FINAL,
    redirects=("https://news.un.org/en/story/2015/05/498902", UN_NEWS_FINAL),
    title="Ban hails Mali peace agreement as important step towards stability | UN News",
    elapsed_ms=1288, attempts=1,
)
L_UN_PDF = LinkResult(url=UN_PDF, status=Verdict.LIVE, detail="HTTP 200", http_status=200,
                      final_url=UN_PDF, elapsed_ms=950, attempts=1)
L_ALJAZEERA = LinkResult(url=ALJAZEERA, status=Verdict.DEAD, detail="HTTP 404", http_status=404,
                         final_url=ALJAZEERA, title="Page not found", elapsed_ms=233, attempts=1,
                         archive_url=ALJAZEERA_ARCHIVE, archive_timestamp="20200831000000",
                         history=History("2026-11-02T08:00:00Z", failed_checks=4,
                                         confirmations=3))
L_MINUSMA = LinkResult(url=MINUSMA, status=Verdict.SOFT404,
                       detail="soft 404: HTTP 200 but the page says “page not found”",
                       http_status=200, final_url="https://minusma.unmissions.org/en",
                       redirects=("https://minusma.unmissions.org/en",), title="MINUSMA",
                       elapsed_ms=3021, attempts=1, archive_detail="no snapshot in the archive",
                       history=History("2026-11-09T08:00:00Z", failed_checks=1,
                                       confirmations=1))
L_CSIS = LinkResult(url=CSIS, status=Verdict.DRIFTED,
                    detail="page title “Events” does not match the cited title", http_status=200,
                    final_url=CSIS, title="Events", elapsed_ms=640, attempts=1)
L_CNN = LinkResult(url=CNN, status=Verdict.BLOCKED, detail="HTTP 403: bot challenge",
                   http_status=403, final_url=CNN, elapsed_ms=180, attempts=3)
L_UNHCR = LinkResult(url=UNHCR, status=Verdict.TIMEOUT, detail="no answer within 20 s",
                     elapsed_ms=20000, attempts=3)
L_SECRET = LinkResult(url=SECRET, status=Verdict.ERROR,
                      detail="TLS: self-signed certificate (https://reader:s3cret@intranet."
                      "example.org/)", elapsed_ms=35, attempts=1)
L_MALFORMED = LinkResult(url=MALFORMED, status=Verdict.INVALID,
                         detail="malformed URL: invalid host")
L_EXCLUDED = LinkResult(url=EXCLUDED, status=Verdict.SKIPPED,
                        detail="excluded by --exclude 'example\\.com'")
L_UNREACHABLE = LinkResult(url=UNREACHABLE, status=Verdict.OFFLINE,
                           detail="network unreachable", attempts=1)

LINKS = {
    link.url: link
    for link in (L_USIP, L_UN_NEWS, L_UN_PDF, L_ALJAZEERA, L_MINUSMA, L_CSIS, L_CNN, L_UNHCR,
                 L_SECRET, L_MALFORMED, L_EXCLUDED, L_UNREACHABLE)
}
#: UNCHECKED is cited but absent from LINKS: assembly reports it as skipped, "not checked".
L_UNCHECKED = LinkResult(url=UNCHECKED, status=Verdict.SKIPPED, detail="not checked")

# --------------------------------------------------------------------------- the report


def _joined(note: Note, link: LinkResult, gate: Gate) -> NoteResult:
    return NoteResult(
        note=note, url=link.url, status=link.status, detail=link.detail,
        http_status=link.http_status, final_url=link.final_url, archive_url=link.archive_url,
        gate=gate, archive_timestamp=link.archive_timestamp, archive_detail=link.archive_detail,
        cached=link.cached, history=link.history,
    )


def _no_url(note: Note, detail: str) -> NoteResult:
    return NoteResult(note=note, url=None, status=Verdict.NO_URL, detail=detail)


REPORT = Report(
    citecheck_version=VERSION,
    generated_at=GENERATED_AT,
    documents=(
        DocumentResult(
            path=ESSAY, format="text",
            notes=(
                _joined(N_I, L_USIP, Gate.PASS),
                _joined(N_II, L_USIP, Gate.PASS),  # ibid: its root's verdict
                _joined(N_III, L_UN_NEWS, Gate.WARN),  # its first URL decides, not UN_PDF
                _joined(N_IV, L_ALJAZEERA, Gate.FAIL),
                _joined(N_V, L_ALJAZEERA, Gate.FAIL),
                _joined(N_VI, L_MINUSMA, Gate.FAIL),
                _joined(N_VII, L_CSIS, Gate.WARN),
                _joined(N_VIII, L_CNN, Gate.WARN),
                _joined(N_IX, L_UNHCR, Gate.WARN),
                _no_url(N_X, "commentary, cites no source"),
                _joined(N_XI, L_CSIS, Gate.WARN),  # short note: its root's verdict
                _no_url(N_XII, "no URL in note"),
                _joined(N_XIII, L_ALJAZEERA, Gate.FAIL),  # shared dead URL: a second failure
                _joined(N_XIV, L_SECRET, Gate.WARN),
            ),
            diagnostics=ESSAY_DIAGNOSTICS,
        ),
        DocumentResult(
            path=BRIEF, format="markdown",
            notes=(
                _joined(N_1, L_MALFORMED, Gate.FAIL),
                _joined(N_2, L_EXCLUDED, Gate.PASS),
                _joined(N_3, L_UNREACHABLE, Gate.PASS),
                _no_url(N_4, "no URL in note"),  # unresolved short note
                _joined(N_5, L_UNCHECKED, Gate.PASS),
            ),
            diagnostics=BRIEF_DIAGNOSTICS,
        ),
    ),
    links=(L_USIP, L_UN_NEWS, L_UN_PDF, L_ALJAZEERA, L_MINUSMA, L_CSIS, L_CNN, L_UNHCR, L_SECRET,
           L_MALFORMED, L_EXCLUDED, L_UNREACHABLE, L_UNCHECKED),
    summary=Summary(
        counts=(
            (Verdict.LIVE, 2), (Verdict.MOVED, 1), (Verdict.DRIFTED, 2), (Verdict.SOFT404, 1),
            (Verdict.DEAD, 3), (Verdict.BLOCKED, 1), (Verdict.ERROR, 1), (Verdict.TIMEOUT, 1),
            (Verdict.INVALID, 1), (Verdict.SKIPPED, 2), (Verdict.OFFLINE, 1), (Verdict.NO_URL, 3),
        ),
        notes=19,
        claims=19,
        links=13,
        failed=5,
        warned=6,
        exit_code=ExitCode.GATE_FAILED,
        rescuable=3,
    ),
    policy=POLICY,
)
