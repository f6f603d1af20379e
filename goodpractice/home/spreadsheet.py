"""Text for a CSV cell that a spreadsheet will show, never run as a formula (CSV injection).

Shared by every CSV download on the site: the repository's items and the calendar's
observances and clash reports.
"""

# Spreadsheet programs run a cell that starts with one of these as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "; "


def spreadsheet_safe(value):
    """The value as cell text: lists joined, dates in ISO form, a formula quoted."""
    if value is None:
        return ""
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(value)
    elif hasattr(value, "isoformat"):
        value = value.isoformat()
    value = str(value)
    if value.startswith(FORMULA_PREFIXES):
        value = "'" + value
    return value
