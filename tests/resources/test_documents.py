import re

from django.core.exceptions import ValidationError

import pytest

from resources.models import ResourceDocument, attach_other_formats

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("fmt", "sections", "expected"),
    [
        ("pdf", [("One", "a"), ("Two", "b"), ("Three", "c")], r"PDF, \d+\.\d KB, 3 pages"),
        ("pptx", [("One", "a")], r"PowerPoint, \d+\.\d KB, 2 slides"),
        ("docx", [("One", "a")], r"Word, \d+\.\d KB, 1 page"),
    ],
)
def test_each_format_says_what_it_is_with_size_and_pages(make_document, fmt, sections, expected):
    document = make_document(fmt=fmt, sections=sections)
    assert document.detected_format == fmt
    assert re.fullmatch(expected, document.summary_line), document.summary_line


def test_a_document_not_yet_read_falls_back_to_its_name(db):
    document = ResourceDocument(title="Calendar", file="documents/calendar.ics", file_size=2048)
    assert document.summary_line == "iCalendar, 2.0 KB"


def test_alternative_formats_are_offered_both_ways(make_document):
    pdf = make_document("Recruitment guide", "pdf")
    word = make_document("Recruitment guide (Word)", "docx", alternative_of=pdf)
    assert [d.pk for d in pdf.other_formats] == [word.pk]
    assert [d.pk for d in word.other_formats] == [pdf.pk]


def test_every_format_of_a_three_format_report_offers_the_other_two(make_document):
    pdf = make_document("Survey", "pdf")
    slides = make_document("Survey slides", "pptx", alternative_of=pdf)
    word = make_document("Survey (Word)", "docx", alternative_of=pdf)
    documents = attach_other_formats(ResourceDocument.objects.filter(pk__in=[pdf.pk, word.pk]))
    offered = {d.pk: {o.format_label for o in d.other_formats} for d in documents}
    assert offered == {pdf.pk: {"PowerPoint", "Word"}, word.pk: {"PDF", "PowerPoint"}}
    assert {o.pk for o in ResourceDocument.objects.get(pk=slides.pk).other_formats} == {
        pdf.pk,
        word.pk,
    }


def test_other_formats_for_many_documents_take_one_query(make_document, django_assert_num_queries):
    mains = [make_document(f"Guide {n}", "pdf") for n in range(4)]
    for main in mains:
        make_document(f"Guide {main.pk} (Word)", "docx", alternative_of=main)
    documents = list(ResourceDocument.objects.filter(alternative_of=None))
    with django_assert_num_queries(1):
        attach_other_formats(documents)
        assert all(len(d.other_formats) == 1 for d in documents)


def test_linking_to_an_alternative_links_to_its_main_document_instead(make_document):
    pdf = make_document("Guide", "pdf")
    word = make_document("Guide (Word)", "docx", alternative_of=pdf)
    slides = make_document("Guide slides", "pptx")
    slides.alternative_of = word
    slides.full_clean()
    slides.save()
    assert slides.alternative_of == pdf
    assert {d.pk for d in pdf.alternatives.all()} == {word.pk, slides.pk}


def test_a_main_document_that_becomes_an_alternative_brings_its_group(make_document):
    pdf = make_document("Guide", "pdf")
    word = make_document("Guide (Word)", "docx", alternative_of=pdf)
    other = make_document("Other PDF", "pdf")
    pdf.alternative_of = other
    pdf.full_clean()
    pdf.save()
    word.refresh_from_db()
    assert word.alternative_of == other


def test_a_document_cannot_be_an_alternative_of_itself(make_document):
    pdf = make_document("Guide", "pdf")
    pdf.alternative_of = pdf
    with pytest.raises(ValidationError, match="format of itself"):
        pdf.full_clean()


def test_deleting_the_main_document_keeps_the_other_formats_linked(make_document):
    pdf = make_document("Survey", "pdf")
    slides = make_document("Survey slides", "pptx", alternative_of=pdf)
    word = make_document("Survey (Word)", "docx", alternative_of=pdf)
    pdf.delete()
    slides.refresh_from_db()
    word.refresh_from_db()
    assert slides.alternative_of is None
    assert word.alternative_of == slides
    assert [d.pk for d in word.other_formats] == [slides.pk]
