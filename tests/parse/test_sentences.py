"""Sentence spans: abbreviations and initials never split, markers stay with their sentence."""

from __future__ import annotations

import pytest

from citecheck.parse.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two! Three? Four", ["One.", "Two!", "Three?", "Four"]),
        ("It trailed off… Then resumed.", ["It trailed off…", "Then resumed."]),
        ("Really?! Yes.", ["Really?!", "Yes."]),
        (
            "The U.N. peacekeeping mission is faltering. And peace is elusive.[iii]",
            ["The U.N. peacekeeping mission is faltering.", "And peace is elusive.[iii]"],
        ),
        ("Aid from the U.S. and the E.U. arrived. Then it stopped.",
         ["Aid from the U.S. and the E.U. arrived.", "Then it stopped."]),
        ("He met Mr. Smith and Dr. Jones. Then left.",
         ["He met Mr. Smith and Dr. Jones.", "Then left."]),
        ("Some groups, e.g. AQIM, i.e. the Sahel branch, grew. Others fell.",
         ["Some groups, e.g. AQIM, i.e. the Sahel branch, grew.", "Others fell."]),
        ("Smith et al. Found it. Next.", ["Smith et al. Found it.", "Next."]),
        ("See No. 36 and p. 4 and pp. 5–9 and vol. 3. Next.",
         ["See No. 36 and p. 4 and pp. 5–9 and vol. 3.", "Next."]),
        ("Cooke, Jennifer G, J. Caleb Johnson, and Thomas M Sanderson. Next.",
         ["Cooke, Jennifer G, J. Caleb Johnson, and Thomas M Sanderson.", "Next."]),
        ("It happened on Aug. 18 in Bamako. Then more.",
         ["It happened on Aug. 18 in Bamako.", "Then more."]),
        # markers right after the period belong to the sentence before
        ("Claim one.[i] Claim two.[12] Claim three.[^3] End.",
         ["Claim one.[i]", "Claim two.[12]", "Claim three.[^3]", "End."]),
        ("Claim.¹² Next.", ["Claim.¹²", "Next."]),
        # a flattened superscript after a year or a bracket ends the sentence; a decimal does not
        ("Rose until 2020.2 Informal homes. Grew 3.5 Percent.",
         ["Rose until 2020.2", "Informal homes.", "Grew 3.5 Percent."]),
        ("As shown (FAO 1986).4 The rest.", ["As shown (FAO 1986).4", "The rest."]),
        ("Claim.¹,² Next.", ["Claim.¹,²", "Next."]),
        ("Claim. [4] Next.", ["Claim. [4]", "Next."]),
        ("Claim.[1, 2] Next.", ["Claim.[1, 2]", "Next."]),
        ("A “quoted government.”[xix] Next.", ["A “quoted government.”[xix]", "Next."]),
        ("Inside budget[xiii] and more.[xiv] Next.",
         ["Inside budget[xiii] and more.[xiv]", "Next."]),
        # no split before lower case, in numbers, in URLs
        ("Trade fell 3.5 percent. See https://x.org/a.b for more. Done.",
         ["Trade fell 3.5 percent.", "See https://x.org/a.b for more.", "Done."]),
        ("ends here. but lower case goes on.", ["ends here. but lower case goes on."]),
        # blank lines always split; leading/trailing space excluded
        ("  Heading\n\nBody text here\nwrapped line. Next.  ",
         ["Heading", "Body text here\nwrapped line.", "Next."]),
        ("", []),
        ("   \n\n  ", []),
    ],
)  # fmt: skip
def test_split(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_spans_are_ordered_and_disjoint() -> None:
    text = "One. Two.[1] Three Mr. X.\n\nFour? ¹ Five."
    spans = split_sentences(text)
    assert all(a < b for a, b in spans)
    assert all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1))
    assert all(text[a:b] == text[a:b].strip() for a, b in spans)


def test_a_very_long_paragraph_is_split_in_linear_time() -> None:
    import time

    text = " ".join(f"Sentence {i} says the U.N. and the U.S. agreed." for i in range(20_000))
    started = time.process_time()
    spans = split_sentences(text)
    elapsed = time.process_time() - started
    assert len(spans) == 20_000
    assert text[spans[-1][0] : spans[-1][1]] == "Sentence 19999 says the U.N. and the U.S. agreed."
    assert elapsed < 1.0, f"{elapsed:.2f} s"  # slicing the rest at each boundary: 2.6 s


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("It survives 0.01 K. Their resistance is high.",
         ["It survives 0.01 K.", "Their resistance is high."]),
        ("The temperature hit 40 C. Nobody came.", ["The temperature hit 40 C.", "Nobody came."]),
        ("In 2010 J. Smith agreed. Yes.", ["In 2010 J. Smith agreed.", "Yes."]),
        ("Financial Services and Markets Act 2023, Part 1, s. 3.",
         ["Financial Services and Markets Act 2023, Part 1, s. 3."]),
    ],
)  # fmt: skip
def test_a_unit_after_a_number_is_no_initial(text: str, sentences: list[str]) -> None:
    assert [text[a:b] for a, b in split_sentences(text)] == sentences
