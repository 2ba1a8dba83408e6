"""The seed document, note by note: kinds, resolution, URLs, claims and positions."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.models import Document, NoteKind
from citecheck.parse import parse_document

SEED = Path(__file__).parents[2] / "seeds" / "000_f49f3406d1885974.txt"

F, IB, S = NoteKind.FULL, NoteKind.IBID, NoteKind.SHORT
U_N_SENTENCE = (
    "The U.N. peacekeeping mission in Mali has long been regarded as one of the costliest "
    "peacekeeping operations globally: MINUSMA currently makes up more than 18% of the total UN "
    "peacekeeping budget and has resulted in more than 225 casualties — more than any other "
    "mission in U.N. history."
)

# label, kind, points_to, resolves_to, url, claim
EXPECTED: list[tuple[str, NoteKind, str | None, str | None, str | None, str]] = [
    ("i", F, None, None, "https://www.usip.org/publications/2020/08/five-things-know-about-malis-coup",
     "Since a 2012 coup overthrew the democratically-elected government, the country has been "
     "plagued by conflict and civil strife, which the international community has largely failed "
     "to control."),
    ("ii", IB, "i", "i", None,
     "Crumbling under the weight of a collapsing state, Malian armed forces have struggled to "
     "counter threats posed by violent extremist groups, including the Islamic State and branches "
     "of al-Qaeda."),
    ("iii", F, None, None, "https://news.un.org/en/story/2015/05/498902#.VYXO2flVhBd",
     "And, despite the establishment of a promising 2015 peace agreement, peace has remained "
     "elusive."),
    ("iv", F, None, None,
     "https://www.aljazeera.com/news/2020/8/31/what-does-the-coup-mean-for-malis-spiralling-security-crisis",
     "On August 18, all of these pressures came to a head at a military base outside Bamako when "
     "three months of frustrations over the Malian government’s inability to resolve conflict — or "
     "even respect basic democratic norms — boiled over."),
    ("v", IB, "iv", "iv", None,
     "By midnight, Malian president Ibrahim Boubacar Keita had resigned."),
    ("vi", F, None, None, "https://minusma.unmissions.org/en/history",
     "Within months of the 2012 coup, the Economic Community of West African States (ECOWAS), "
     "the E.U., and the U.N. all pledged support to the Malian transitional authorities and "
     "established the African-led International Support Mission in Mali (AFISMA) through the "
     "African Union."),
    ("vii", F, None, None, "https://www.csis.org/analysis/militancy-and-arc-instability",
     "France, which has strong historical ties to the region, unilaterally deployed troops to "
     "address the security situation and successfully lobbied the U.N. for a peacekeeping "
     "mission."),
    ("viii", F, None, None,
     "https://www.cnn.com/2013/01/16/world/africa/mali-six-reasons/index.html",
     "Instability on the ground has opened up a power vacuum that has been exploited by Islamic "
     "militant groups and dangerous smuggling networks."),
    ("ix", F, None, None, "https://data2.unhcr.org/en/situations/malisituation",
     "Lacking domestic protection, tens of thousands of Malians have fled to neighboring countries "
     "to escape conflict: as of March 2020, nearly 140,000 Malians had sought refuge in "
     "neighboring Burkina Faso, Niger, and Mauritania."),
    ("x", F, None, None,
     "https://www.crisisgroup.org/africa/west-africa/mali/central-mali-uprising-making",
     "With so much international attention focused on the north, radical groups like the Macina "
     "Liberation Front have thrived in the center of Mali since 2015, repeatedly launching deadly "
     "attacks and monopolizing natural resources."),
    ("xi", F, None, None, "http://search.proquest.com/docview/2329130006/",
     "There are more extremist groups in Mali today than ever before, and they have targeted "
     "civilians with efficiency, devastating local communities and wiping out the government’s "
     "capacity for response."),
    ("xii", F, None, None,
     "https://civiliansinconflict.org/wp-content/uploads/2017/08/Civilian_Impact_of_Mali_3-Year_Conflict_small.pdf",
     "Indeed, the vast majority of Malians say that they do not trust their government to protect "
     "them."),
    ("xiii", F, None, None, "https://undocs.org/A/RES/73/320", U_N_SENTENCE),
    ("xiv", F, None, None, "https://peacekeeping.un.org/en/fatalities", U_N_SENTENCE),
    ("xv", F, None, None,
     "https://civiliansinconflict.org/blog/minusma-malian-government-struggle-growing-public-support-armed-groups/",
     "In 2016, MINUSMA reported that nearly 80 percent of the mission’s military capability was "
     "being directed toward the protection of its own peacekeepers and facilities."),
    ("xvi", IB, "xv", "xv", None,
     "As security conditions have declined, so too has the capacity of the government, which in "
     "some regions functions on as little as 30 percent capacity."),
    ("xvii", IB, "xvi", "xv", None,
     "In hotspots for conflict, just 34 percent of state officials and 33 percent of judicial "
     "officials are present."),
    ("xviii", F, None, None,
     "https://www.passblue.com/2019/06/24/a-survey-on-mali-for-malians-what-they-want-for-their-country/",
     "A 2018 survey of more than 2,000 Malians found that more than 85% of interviewees were not "
     "even aware of the peace agreement that was signed three years earlier."),
    ("xix", S, "xv", "xv", None,
     "Some civilians interviewed by Human Rights Watch in 2017 even said that their perception of "
     "the Malian state was so poor that they viewed Islamic militants as a “benevolent alternative "
     "to a state they associate with a predatory and abusive government.”"),
    ("xx", F, None, None,
     "https://www.nytimes.com/2020/09/21/world/africa/mali-president-coup.html",
     "Following years of accusations of corruption and incompetence, the government overthrow in "
     "August grew out of months of public protests alleging that the government tampered with the "
     "results of April’s legislative elections."),
    ("xxi", IB, "xx", "xx", None,
     "The United States, along with several other key partners, froze all military aid to Mali, "
     "and other countries threatened sanctions if civilians were not restored to power."),
    ("xxii", S, "xx", "xx", None,
     "And even with a new interim President, who is technically a civilian, appointed, the "
     "international community has been reticent to show support."),
    ("xxiii", F, None, None, "https://www.politico.eu/article/mali-coup-explained/",
     "Without a firm central state, Mali lacks the ability to make firm commitments to "
     "international partners or participate in larger counterinsurgency efforts throughout the "
     "Sahel."),
    ("xxiv", S, "i", "i", None,
     "Since 2012, democratic norms and public trust in the Malian government have eroded severely, "
     "which could pose a debilitating threat to any future attempts at peace."),
    ("xxv", F, None, None, "https://www.un.org/press/en/2020/sc14320.doc.htm",
     "Coup leaders swiftly installed a transitional government and established a charter for "
     "establishing a new state, complete with sign-off from several key signatories of the 2015 "
     "peace agreement."),
    ("xxvi", IB, "xxv", "xxv", None,
     "The newly-appointed president has stressed the importance of political and administrative "
     "reforms, good governance, strong education, and free elections."),
    ("xxvii", IB, "xxvi", "xxv", None,
     "But, at least for now, it seems that the future of Mali’s political system is in the hands "
     "of those who might just have the best shot at ensuring its success: the Malian people."),
]  # fmt: skip


@pytest.fixture(scope="module")
def seed() -> Document:
    return parse_document(SEED.read_text(encoding="utf-8"), str(SEED))


def test_every_note_is_found_in_order(seed: Document) -> None:
    assert [n.label for n in seed.notes] == [e[0] for e in EXPECTED]
    assert [n.index for n in seed.notes] == list(range(27))
    assert seed.format == "text"
    assert seed.diagnostics == ()


@pytest.mark.parametrize("expected", EXPECTED, ids=[e[0] for e in EXPECTED])
def test_note(
    seed: Document, expected: tuple[str, NoteKind, str | None, str | None, str | None, str]
) -> None:
    label, kind, points_to, resolves_to, url, claim = expected
    note = seed.note(label)
    assert note is not None
    assert note.kind is kind
    assert note.points_to == points_to
    assert note.resolves_to == resolves_to
    assert note.urls == ((url,) if url else ())
    assert [c.text for c in note.claims] == [claim]


def test_positions_are_one_based_lines_and_columns(seed: Document) -> None:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    for note in seed.notes:
        assert lines[note.line - 1].startswith(f"[{note.label}] ")
        assert note.column == 1
        (claim,) = note.claims
        marker = f"[{note.label}]"
        assert lines[claim.line - 1][claim.column - 1 :].startswith(marker)


def test_citation_fields(seed: Document) -> None:
    first = seed.note("i")
    assert first is not None
    assert first.citation.authors == ("Fornof, Emily", "Emily Cole")
    assert first.citation.title == "Five Things to Know about Mali’s Coup"
    assert first.citation.container == "United States Institute of Peace"
    assert first.citation.date == "August 27, 2020"
    sixth = seed.note("vi")
    assert sixth is not None and sixth.citation.accessed == "November 17, 2020"
    assert sixth.citation.authors == ("U.N.",)


def test_note_text_is_whitespace_normalised_and_unlabelled(seed: Document) -> None:
    note = seed.note("xxii")
    assert note is not None
    assert note.text.startswith("Bah N’Daou is technically a civilian today")
    assert note.text.endswith("Maclean, “Mali Appoints New President After Military Coup.”")
    assert all("  " not in n.text and "\n" not in n.text for n in seed.notes)
