"""The words resources are described and filtered by: format names, document types and
languages. Plain choices, so forms can use them without the models."""

from django.db import models

from resources.inspection import CSV, DOCX, ICS, PDF, PPTX, XLSX

# What a reader calls each format, in links and filters ("PDF, 1.2 MB, 14 pages").
FORMAT_LABELS = {
    PDF: "PDF",
    DOCX: "Word",
    PPTX: "PowerPoint",
    XLSX: "Excel",
    CSV: "CSV",
    ICS: "iCalendar",
}


class DocumentType(models.TextChoices):
    GUIDE = "guide", "Guide"
    FORM = "form", "Form"
    REPORT = "report", "Report"
    CALENDAR = "calendar", "Calendar and planner"
    SLIDES = "slides", "Slides"


# Languages NHS education teams most often publish in; English unless an editor says otherwise.
class DocumentLanguage(models.TextChoices):
    ENGLISH = "en", "English"
    WELSH = "cy", "Welsh"
    ARABIC = "ar", "Arabic"
    BENGALI = "bn", "Bengali"
    CHINESE = "zh", "Chinese"
    GUJARATI = "gu", "Gujarati"
    POLISH = "pl", "Polish"
    PORTUGUESE = "pt", "Portuguese"
    PUNJABI = "pa", "Punjabi"
    ROMANIAN = "ro", "Romanian"
    SOMALI = "so", "Somali"
    SPANISH = "es", "Spanish"
    TAMIL = "ta", "Tamil"
    URDU = "ur", "Urdu"
