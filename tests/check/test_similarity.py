"""Shingle similarity, title normalisation and cited-title matching (pure, no network)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from citecheck.check.similarity import (
    content_words,
    normalize_title,
    shingle_similarity,
    text_mentions,
    title_matches,
)

# ----------------------------------------------------------------------------- shingles

texts = st.text(max_size=200)
sentences = st.lists(
    st.sampled_from(
        [
            "the",
            "a",
            "mali",
            "coup",
            "page",
            "not",
            "found",
            "peace",
            "crisis",
            "un",
            "report",
            "2020",
            "of",
        ]
    ),
    max_size=40,
).map(" ".join)


@given(a=texts | sentences, b=texts | sentences, k=st.integers(min_value=1, max_value=5))
def test_shingle_similarity_is_symmetric_and_bounded(a: str, b: str, k: int) -> None:
    forward = shingle_similarity(a, b, k)
    assert forward == shingle_similarity(b, a, k)
    assert 0.0 <= forward <= 1.0


@given(a=texts | sentences, k=st.integers(min_value=1, max_value=5))
def test_shingle_similarity_of_a_text_with_itself_is_one(a: str, k: int) -> None:
    assert shingle_similarity(a, a, k) == 1.0


@given(a=sentences.filter(lambda s: len(s.split()) >= 3), b=sentences)
def test_case_and_punctuation_do_not_matter(a: str, b: str) -> None:
    shouted = a.upper().replace(" ", " , ")
    assert shingle_similarity(shouted, b) == shingle_similarity(a, b)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("one two three four", "one two three four", 1.0),
        ("one two three four", "one two three five", 1 / 3),  # {123, 234} vs {123, 235}
        ("one two three", "four five six", 0.0),
        ("", "", 1.0),
        ("", "some words here", 0.0),
        ("two words", "two words", 1.0),  # shorter than one shingle: compared whole
        ("two words", "two other", 0.0),
    ],
)
def test_shingle_similarity_values(a: str, b: str, expected: float) -> None:
    assert shingle_similarity(a, b) == pytest.approx(expected)


def test_shingle_size_must_be_positive() -> None:
    with pytest.raises(ValueError, match="shingle size"):
        shingle_similarity("a b", "a b", k=0)


def test_one_changed_word_in_a_long_text_stays_near_identical() -> None:
    base = " ".join(f"word{i}" for i in range(200))
    changed = base.replace("word100", "other")
    assert shingle_similarity(base, changed) >= 0.95


# ----------------------------------------------------------------------------- titles


@given(texts)
def test_normalize_title_is_idempotent_and_plain(title: str) -> None:
    once = normalize_title(title)
    assert normalize_title(once) == once
    assert once == once.strip()
    assert "  " not in once
    assert once == once.casefold()


@given(texts, st.lists(st.none() | texts, max_size=3), st.none() | st.sampled_from(["e.org", ""]))
def test_title_matches_always_answers(
    cited: str, titles: list[str | None], site: str | None
) -> None:
    assert title_matches(cited, titles, site=site) in (True, False, None)


@given(sentences.filter(lambda s: len(content_words(s)) >= 2))
def test_a_title_matches_itself(title: str) -> None:
    assert title_matches(title, [title]) is True


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Mali coup explained | Politico", "mali coup explained"),
        ("Six reasons events in Mali matter - CNN.com", "six reasons events in mali matter"),
        ("Six reasons events in Mali matter - CNN", "six reasons events in mali matter"),
        ("Page not found – Al Jazeera", "page not found"),
        ("The Coup — Site Name", "the coup"),
        ("Mali report :: UNHCR Portal", "mali report"),
        ("CNN | Six reasons events in Mali matter", "six reasons events in mali matter"),
        ("CNN.com - Six reasons events in Mali matter", "six reasons events in mali matter"),
        ("History | MINUSMA", "history"),
        ("Fatalities | United Nations Peacekeeping", "fatalities"),
        (
            "What does the coup mean for Mali’s spiralling security crisis? | Al Jazeera",
            "what does the coup mean for malis spiralling security crisis",
        ),
        (
            "Five Things to Know About Mali's Coup | United States Institute of Peace",
            "five things to know about malis coup",
        ),
        ("Title - Section | Site", "title"),
        ("“Quoted” ‘title’ — with dashes", "quoted title with dashes"),
        ("  lots   of\n whitespace\t", "lots of whitespace"),
        ("U.N. hails the deal", "un hails the deal"),
        ("Página no encontrada", "pagina no encontrada"),
        ("Seite nicht gefunden", "seite nicht gefunden"),
        ("Coup d’État in Mali", "coup detat in mali"),
        ("Mali – a country in crisis", "mali a country in crisis"),  # lower-case tail: kept
        ("Central Mali: An Uprising in the Making?", "central mali an uprising in the making"),
        ("AT&amp;T buys Time Warner", "at t buys time warner"),
        ("| Politico", "politico"),  # nothing but decoration: kept rather than emptied
        ("", ""),
    ],
)
def test_normalize_title(title: str, expected: str) -> None:
    assert normalize_title(title) == expected


def test_normalize_title_keeps_non_latin_letters() -> None:
    assert normalize_title("ページが見つかりません | サイト") == "ページが見つかりません"
    assert normalize_title("Страница не найдена") == "страница не найдена"


def test_content_words_drop_stopwords_and_keep_numbers() -> None:
    assert content_words("History of the MINUSMA, 2013") == ["history", "minusma", "2013"]
    assert content_words("the of and") == []


# Real-world pairs: (cited title, page titles, expected). Both directions are checked below.
MATCHING = [
    (
        "What does the coup mean for Mali’s spiraling security crisis?",
        ["What does the coup mean for Mali’s spiralling security crisis? | Al Jazeera"],
    ),
    ("Six Reasons Events in Mali Matter", ["Six reasons events in Mali matter - CNN.com"]),
    ("History of MINUSMA", ["History | MINUSMA"]),
    (
        "Five Things to Know about Mali’s Coup",
        ["Five Things to Know About Mali's Coup | United States Institute of Peace"],
    ),
    (
        "Ban hails Mali peace agreement as important step towards stability",
        ["Ban hails Mali peace agreement as important step towards stability | UN News"],
    ),
    (
        "Militancy and the Arc of Instability.",
        ["Militancy and the Arc of Instability | Center for Strategic and International Studies"],
    ),
    ("Fatalities", ["Fatalities | United Nations Peacekeeping"]),
    (
        "Central Mali: An Uprising in the Making?",
        ["Central Mali: An Uprising in the Making? | Crisis Group"],
    ),
    (
        "MINUSMA, Malian Government Struggle with Growing Support for Armed Groups",
        [
            "MINUSMA, Malian Government Struggle with Growing Public Support for Armed Groups"
            " - Center for Civilians in Conflict"
        ],
    ),
    (
        "Mali Appoints New President After Military Coup",
        ["Mali Appoints Ex-Defense Minister as Interim President After Coup - The New York Times"],
    ),
    (
        "Why the Mali coup matters to Europe and the world",
        ["Why the Mali coup matters to Europe and the world – POLITICO"],
    ),
    (
        "A Survey on Mali for Malians: What They Want for Their Country",
        ["A Survey on Mali for Malians: What They Want for Their Country - PassBlue"],
    ),
    (
        "Fending for Ourselves: The Civilian Impact of Mali’s Three-Year Conflict",
        ["Fending for Ourselves: The Civilian Impact of Mali's Three-Year Conflict"],
    ),
    (
        "Responding to the Rise in Violent Extremism in the Sahel",
        ["Responding to the Rise in Violent Extremism in the Sahel – Africa Center"],
    ),
    (
        "Weeks after Coup d’État in Mali, Strong Regional Leadership, New Transition Plan Show"
        " Promise for Country’s Future, Special Representative Tells Security Council",
        ["Weeks after Coup d’État in Mali, Strong Regional Leadership | Meetings Coverage"],
    ),
    ("Organisation of the Centre", ["Organization of the Centre - Site"]),  # spelling
    ("Mali’s coup leaders", ["Malian coup leaders speak | Reuters"]),  # demonym / possessive
    ("The Arc of Instability", ["Home", "The Arc of Instability"]),  # one good title suffices
    (
        "Financing of the United Nations Multidimensional Integrated Stabilization Mission in Mali",
        ["A/RES/73/320 Financing of the United Nations Multidimensional Integrated Stabilization"],
    ),
    ("Annual Report 2019", ["Annual Report 2019 (PDF) | UNHCR"]),
    ("Mali War", ["Mali War - Wikipedia"]),
    (
        "Mali: Islamist armed groups, ethnic militias commit atrocities",
        ["Mali: Islamist Armed Groups, Ethnic Militias Commit Atrocities | Human Rights Watch"],
    ),
    (
        "The Sahel: Europe’s African Borderlands",
        ["The Sahel: Europe's African Borderlands :: Crisis Group"],
    ),
    (
        "Mali: la junte nomme un Premier ministre",
        ["Mali : la junte nomme un Premier ministre – Le Monde"],
    ),
    ("Putsch in Mali: Was wir wissen", ["Putsch in Mali: Was wir wissen | tagesschau.de"]),
    ("Golpe de Estado en Malí", ["Golpe de Estado en Mali - EL PAÍS"]),
]
DRIFTED = [
    ("History of MINUSMA", ["Best Pizza Recipes for Summer"]),
    ("Six Reasons Events in Mali Matter", ["Buy cheap watches online - WatchStore"]),
    (
        "What does the coup mean for Mali’s spiraling security crisis?",
        ["Live updates: World Cup final | Al Jazeera"],
    ),
    ("Five Things to Know about Mali’s Coup", ["Domain for sale: usip.org"]),
    (
        "Six Reasons Events in Mali Matter",
        ["Mali coup leaders name new prime minister as transition begins - CNN"],
    ),  # one shared word among many is chance on a site that covers Mali
    ("Militancy and the Arc of Instability", ["Casino bonus codes and free spins"]),
    ("Peacekeeping fatalities", ["This domain may be for sale"]),
    ("Mali War", ["Hotels in Paris – Booking.com"]),
]
UNDECIDABLE = [
    ("History of MINUSMA", ["Home"]),
    ("History of MINUSMA", ["Home | MINUSMA"]),
    ("History of MINUSMA", ["Welcome"]),
    ("History of MINUSMA", []),
    ("History of MINUSMA", [None, "   "]),
    ("", ["Best Pizza Recipes for Summer"]),
    ("The", ["Best Pizza Recipes for Summer"]),  # no content word cited
    ("History of MINUSMA", ["Pizza"]),  # one word: as likely a site name as a page title
    (
        "Five Things to Know about Mali’s Coup",
        ["Mali coup: what happens next"],
    ),  # shares two words: neither clearly the page nor clearly not
    ("Malian Refugees in Burkina Faso, Mauritania, and Niger", ["Situation Mali situation"]),
]


@pytest.mark.parametrize(("cited", "titles"), MATCHING)
def test_title_matches_real_pairs(cited: str, titles: list[str]) -> None:
    assert title_matches(cited, titles) is True


@pytest.mark.parametrize(("cited", "titles"), MATCHING)
def test_title_matches_real_pairs_reversed(cited: str, titles: list[str]) -> None:
    # The page's title cited against a page bearing the citation's title: the same work.
    assert title_matches(titles[-1], [cited]) is True


@pytest.mark.parametrize(("cited", "titles"), DRIFTED)
def test_title_drift_real_pairs(cited: str, titles: list[str]) -> None:
    assert title_matches(cited, titles) is False


@pytest.mark.parametrize(("cited", "titles"), DRIFTED)
def test_title_drift_real_pairs_reversed(cited: str, titles: list[str]) -> None:
    assert title_matches(titles[0], [cited]) is False


def test_one_word_cited_title_against_a_specific_page_title() -> None:
    assert title_matches("Fatalities", ["This domain may be for sale"]) is False
    assert title_matches("Fatalities", ["Fatalities | United Nations Peacekeeping"]) is True


@pytest.mark.parametrize(("cited", "titles"), UNDECIDABLE)
def test_title_undecidable(cited: str, titles: list[str | None]) -> None:
    assert title_matches(cited, titles) is None


@pytest.mark.parametrize(
    ("title", "site"),
    [
        ("Al Jazeera", "www.aljazeera.com"),
        ("United States Institute of Peace", "www.usip.org"),
        ("Center for Strategic and International Studies", "www.csis.org"),
        ("CNN International", "edition.cnn.com"),
    ],
)
def test_bare_site_name_is_undecidable(title: str, site: str) -> None:
    cited = "What does the coup mean for Mali’s spiraling security crisis?"
    assert title_matches(cited, [title], site=site) is None
    assert title_matches(cited, [title]) is False  # without the host it is just a title


def test_a_matching_title_wins_over_a_logo_h1() -> None:
    titles = ["Six reasons events in Mali matter - CNN.com", None, "Breaking News Today"]
    assert title_matches("Six Reasons Events in Mali Matter", titles) is True


def test_text_mentions() -> None:
    text = "Burkina Faso hosts Malian refugees; Mauritania and Niger too. Data portal."
    assert text_mentions("Malian Refugees in Burkina Faso, Mauritania, and Niger", text)
    assert not text_mentions("History of MINUSMA", "Best pizza recipes: dough, sauce, cheese.")
    assert not text_mentions("History of MINUSMA", "")
    assert not text_mentions("", "anything")


# The folding steps skip work for plain ASCII and for text without dots or apostrophes; these
# are the full formulas they must agree with on any text.
def _full_fold(text: str) -> str:
    import html
    import unicodedata

    from citecheck.check import similarity

    if "&" in text:
        text = html.unescape(text)
    text = unicodedata.normalize("NFKC", text).translate(similarity._PLAIN)
    if text.isascii():
        return text
    out: list[str] = []
    for ch in unicodedata.normalize("NFKD", text):
        if unicodedata.category(ch) == "Mn" and out and out[-1] < "\u0250":
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def _full_plain_words(text: str) -> str:
    from citecheck.check import similarity

    text = similarity._ACRONYM_DOTS.sub(lambda m: m.group(0).replace(".", ""), text)
    text = similarity._APOSTROPHE.sub("", text.casefold())
    return similarity._NON_WORD.sub(" ", text).strip()


_FOLDABLE = st.lists(st.sampled_from(
    [*"abcXYZ09 .'`&;-_", "&amp;", "&#39;", "’", "–", "é", "ﬁ", "Ａ", "\u00a0", "İ", "ß"]
)).map("".join) | st.text()


@given(_FOLDABLE)
@example("Kant`s `Critique` of U.N. Reason: it's &#96;here&#96;")
@example("Ｕ．Ｎ． café – ‘Mali’s’ ﬁles\u00a0&amp; more")
@settings(max_examples=300)
def test_folding_shortcuts_agree_with_the_full_formulas(text: str) -> None:
    from citecheck.check import similarity

    fold = similarity._fold.__wrapped__  # type: ignore[attr-defined]
    plain = similarity._plain_words.__wrapped__  # type: ignore[attr-defined]
    assert fold(text) == _full_fold(text)
    assert plain(text) == _full_plain_words(text)


def test_a_matching_title_spares_the_titles_after_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from citecheck.check import similarity

    asked: list[str] = []
    real = similarity._title_verdict

    def counting(
        cited: Sequence[str], core: Sequence[str], title: str, site: str | None
    ) -> bool | None:
        asked.append(title)
        return real(cited, core, title, site)

    monkeypatch.setattr(similarity, "_title_verdict", counting)
    cited = "Mali appoints new president after military coup (unique 7f3a)"
    titles = ("Mali appoints new president after military coup (unique 7f3a)",
              "Something else entirely, about gardening", "Weather in Lisbon this spring")
    assert title_matches(cited, titles) is True
    assert asked == [titles[0]]
    # A verdict that is not True still asks every title: a later one may match.
    asked.clear()
    assert title_matches(cited, titles[1:] + titles[:1]) is True
    assert asked == [*titles[1:], titles[0]]
