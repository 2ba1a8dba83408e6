"""Works named by number (laws, standards, UN documents): full citations without a URL."""

from __future__ import annotations

import pytest

from citecheck.parse.base import RawMarker, RawNote, build_document
from citecheck.parse.identified import names_a_work, numbered_works


@pytest.mark.parametrize(
    "text",
    [
        "See, e.g., Section 7.3 of ISO/IEC 42001.",
        "RFC 2119 defines the key words.",
        "انظر A/HRC/26/22، الفقرة 21.",  # a UN document symbol
        "See CRC/C/15/Add.194, paras. 32 and 33.",
        "В соответствии со статьей 34 Федерального закона от 05.04.2013 № 44-ФЗ размер штрафа",
        "Artículo 2.2.5 de la Ordenanza General de Urbanismo y Construcciones.",
        "See e.g. articles 32-39 of the Convention.",
        "/ 28 U.S.C. § 586(b), (c), d), (e).",
        "References to “continue” here mean “adjourn.” See Fed. R. Bankr. P. 2003(e).",
        "General Comment No. 7 (2005) on implementing child rights in early childhood, para. 8.",
        "See General Assembly resolution 70/1.",
        "Indicator computed by the author. Source: Ministry of Social Development (2009).",
        "Política Nacional de Desarrollo Urbano, pág. 23, Marzo 2013",
        "المكتب الإحصائي لبنغلاديش، تشرين الثاني/نوفمبر 2008، التقرير عن عينة، 2007.",
        "لجنة التخطيط (تشرين الأول/أكتوبر 2005)، الاستراتيجية الوطنية للتعجيل بالحد من الفقر.",
        # A document by its title-cased name and its date (an FAA airworthiness directive's).
        "Preliminary KNKT.18.10.35.04 Aircraft Accident Investigation Report, dated November "
        "2018, can be found in the AD docket.",
        "Ethiopian Aircraft Accident Investigation Preliminary Report AI–01/19, dated March 2019.",
        "Boeing Alert Service Bulletin 737-57A1234, dated May 1, 2020, describes the fix.",
        # a title's last word before its year is no short form's author: the work's own page
        "Sir Christopher Hawkins, Observations on the tin trade of the ancients in Cornwall "
        "(1811), p. 63.",
    ],
)
def test_a_work_named_by_number_or_shape_is_a_source(text: str) -> None:
    assert names_a_work(text)


@pytest.mark.parametrize(
    "text",
    [
        "Interview with a MINUSMA officer, Bamako, March 3, 2020.",  # Latin: read by names
        "The form is the unified form № KS-11.",  # a number, no date, no law
        "أُعيد إصدارها لأسباب فنية في 24 نيسان/أبريل 2017.",  # a dated remark
        "See note 12 above.",
        "This happened in 2019, and again, later, in 2020.",
        "Values are in 2010 dollars; see p. 4 of this report.",  # a page of itself
        "The report was dated March 2019 by the clerk.",  # no document's name before it
        "Our Annual Report, which we dated 2019, is late.",  # no date right after its name
        # a remark closing with an author-date short form: the page is that work's
        "The themata were formed about 660; the empire fell in 1453, cf.Treadgold (1997), p. 108.",
    ],
)
def test_remarks_name_no_work(text: str) -> None:
    assert not names_a_work(text)


def test_numbered_works_tell_a_dated_first_citation_from_a_later_short_form() -> None:
    assert numbered_works("See General Comment No. 12 (2009) on the right to be heard.") == [
        (("general comment", "12"), True)]
    assert numbered_works("See General Comment No. 12, paras. 70-74.") == [
        (("general comment", "12"), False)]


def test_a_numbered_work_cited_again_without_its_year_is_a_short_form_of_it() -> None:
    texts = [
        "See General Comment No. 7 (2005) on early childhood, para. 8.",
        "Ibid., para. 17.",
        "See General Comment No. 12 (2009) on the right of the child to be heard, para. 84.",
        "See General Comment No. 12, paras. 70-74, and General Comment No. 14, paras. 43-45.",
        "See General Comment No. 12, para. 27.",
        "See General Comment No. 3, para. 2.",  # never cited with its year: nothing to repeat
    ]
    notes = [RawNote(str(i), i, t) for i, t in enumerate(texts, start=1)]
    markers = [RawMarker(str(i), 1, "claim") for i in range(1, len(texts) + 1)]
    document = build_document("doc", "text", notes, markers)
    assert [(n.kind.value, n.resolves_to) for n in document.notes] == [
        ("full", None), ("ibid", "1"), ("full", None), ("short", "3"), ("short", "3"),
        ("comment", None)]


def test_a_shorthand_a_full_note_introduces_resolves_later_notes_citing_by_it() -> None:
    texts = [
        "Immanuel Kant. “Kritik der praktischen Vernunft.” In: Kants Werke. Vol. 5. Berlin: "
        "Walter de Gruyter, 1968, pp. 1–163 (henceforth cited as KpV).",
        "Smith, John. The Long Report. London: Verso, 2010 (hereafter “Report”).",
        "KpV, p. 24.",
        "Report, 12.",
        "KpVs are different.",  # a word that starts like the shorthand
    ]
    notes = [RawNote(str(i), i, t) for i, t in enumerate(texts, start=1)]
    markers = [RawMarker(str(i), 1, "claim") for i in range(1, len(texts) + 1)]
    document = build_document("doc", "text", notes, markers)
    assert [(n.kind.value, n.resolves_to) for n in document.notes] == [
        ("full", None), ("full", None), ("short", "1"), ("short", "2"), ("comment", None)]


def test_an_article_told_as_what_befell_it_is_no_citation_of_the_law() -> None:
    assert not names_a_work(
        "Internet shutdown for 552 days, starting August 4, 2019, when Article 370 of the"
        " Constitution was abrogated by Parliament."
    )
    assert not names_a_work("Article 66A of the IT Act was struck down in 2015.")
    assert names_a_work("Article 34 of Federal Law No. 44-FZ of 05.04.2013")
    assert names_a_work("Article 370 was abrogated; see Article 35A of the Constitution.")
