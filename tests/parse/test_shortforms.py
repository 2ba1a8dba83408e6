"""The short-form index and comparison, without the resolver around them."""

from __future__ import annotations

from citecheck.models import Citation
from citecheck.parse.resolve import Entry
from citecheck.parse.shortforms import Index, fold, match_form, title_score


def test_fold_drops_case_accents_apostrophes_and_punctuation() -> None:
    assert fold("Émile Durkheim’s «Suicide»: A Study") == "emile durkheims suicide a study"


def test_title_score_ranks_the_same_title_over_a_longer_one() -> None:
    assert title_score("entanglement", "entanglement") == 110.0
    assert title_score("escalation", "escalation through entanglement") == 100.0
    assert title_score("report 2019", "report 2020") == 0.0  # another year, another report
    assert title_score("", "anything") == 0.0


def _full(author: str, title: str, year: str) -> Entry:
    return Entry(f"{author}, {title} ({year})", Citation(authors=(author,), title=title,
                                                         date=year), has_urls=True)


def test_a_short_form_matches_the_earliest_full_note_of_its_author_and_title() -> None:
    index = Index()
    for position, entry in enumerate([
        _full("Ann Smith", "Rivers of the Sahel", "2019"),
        _full("Bo Jones", "Rivers of the Sahel", "2019"),
        _full("Ann Smith", "Rivers of the Sahel, Revisited", "2021"),
    ]):
        index.add(position, entry)
    assert match_form(index, 5, (["smith"], fold("Rivers"), None)) == 0
    assert match_form(index, 5, (["jones"], fold("Rivers of the Sahel"), None)) == 1
    assert match_form(index, 5, (["smith"], "", "2021")) == 2  # author and year
    assert match_form(index, 5, (["smith"], "", None)) is None  # two works: which one?
    assert match_form(index, 5, (["doe"], fold("Rivers"), None)) is None


def test_a_lone_word_without_an_author_names_a_work_only_as_its_title_s_first_word() -> None:
    # "“Version” here refers to …" is a remark about a word, not a short form of "YAML Ain't
    # Markup Language version 1.1", whose title merely holds it; "“Tractatus”" is the short
    # title of "Tractatus Logico-Philosophicus".
    index = Index()
    index.add(0, _full("Oren Ben-Kiki", "YAML Ain't Markup Language version 1.1", "2009"))
    index.add(1, _full("Ludwig Wittgenstein", "Tractatus Logico-Philosophicus", "1922"))
    assert match_form(index, 5, ([], fold("Version"), None)) is None
    assert match_form(index, 5, ([], fold("Tractatus"), None)) == 1
