from django import template

register = template.Library()


@register.filter
def date_range(occurrence, style="long"):
    """'Friday 20 March 2026', or '18 February to 19 March 2026' for several days."""
    start, end = occurrence.start_date, occurrence.end_date
    if style == "short":
        if start == end:
            return f"{start:%a %-d %b}"
        if start.month == end.month and start.year == end.year:
            return f"{start:%-d} to {end:%-d %b}"
        return f"{start:%-d %b} to {end:%-d %b}"
    if start == end:
        return f"{start:%A %-d %B %Y}"
    if start.year == end.year:
        return f"{start:%A %-d %B} to {end:%A %-d %B %Y}"
    return f"{start:%A %-d %B %Y} to {end:%A %-d %B %Y}"


@register.filter
def eve(occurrence):
    return f"{occurrence.eve:%A %-d %B %Y}"
