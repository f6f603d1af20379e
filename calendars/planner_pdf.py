"""The wall planner as a PDF (fpdf2): the same sheets, day cells and key as the printable page
(calendars.planner), on A4 or A3 landscape, every word at 9 pt or more.

It uses the PDF's built-in fonts, so the server needs no font files: Helvetica for the text,
ZapfDingbats for the faiths' shapes and the tick, Symbol for the "about" sign. Text the
built-in fonts cannot show (beyond Windows-1252) is written without its accents.
"""

import unicodedata

from fpdf import FPDF

PDF_CONTENT_TYPE = "application/pdf"

MARGIN = 8
TEXT_PT = 9
TITLE_PT = 14
LINE = 4.2  # mm per line of 9 pt text
LANE = 4.4  # mm per line of a longer observance, its band under the number
MONTH_COLUMN = {"a4": 13, "a3": 16}
KEY_COLUMNS = {"a4": 4, "a3": 5}
MAX_ROOM = {"a4": 30, "a3": 24}  # the most writing room a row is given, in mm

# The faiths' colours (as static/css/calendars.css app-faith--N), and the weekend's shade.
COLOURS = {
    1: (0, 94, 184),
    2: (0, 127, 59),
    3: (213, 40, 27),
    4: (51, 0, 114),
    5: (124, 40, 85),
    6: (0, 48, 135),
    7: (66, 85, 99),
    8: (174, 37, 115),
}
TEXT = (33, 43, 50)
RULE = (174, 183, 189)
WEEKEND = (240, 244, 245)

SYMBOL_FONT = {"≈": ("Symbol", "\xbb"), "✓": ("ZapfDingbats", "3")}


def pdf_text(text):
    """Text the built-in fonts can write (Windows-1252)."""
    try:
        text.encode("windows-1252")
        return text
    except UnicodeEncodeError:
        plain = unicodedata.normalize("NFKD", text)
        return plain.encode("windows-1252", "ignore").decode("windows-1252")


class PlannerPDF(FPDF):
    def __init__(self, paper):
        super().__init__(orientation="landscape", unit="mm", format=paper.label)
        self.core_fonts_encoding = "windows-1252"
        self.c_margin = 0  # text starts where it is put: the boxes are drawn around it
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(False)

    def colour(self, rgb):
        self.set_text_color(*rgb)
        self.set_draw_color(*rgb)

    def word_width(self, font, style, text):
        self.set_font(font, style, TEXT_PT)
        return self.get_string_width(text)

    def flow(self, x, y, width, runs, draw=True):
        """Write `runs` ((font, style, text, colour) each) from (x, y), wrapping at `width`;
        return the height used."""
        words = []
        for font, style, text, colour in runs:
            parts = text.split(" ")
            for index, part in enumerate(parts):
                space = index < len(parts) - 1
                if part:
                    words.append((font, style, part, colour, space))
                elif space and words:
                    words[-1] = (*words[-1][:4], True)
        space_width = self.word_width("Helvetica", "", " ")
        cursor, top = x, y
        for font, style, text, colour, space in words:
            width_of_word = self.word_width(font, style, text)
            if cursor > x and cursor + width_of_word > x + width:
                cursor, top = x, top + LINE
            if draw:
                self.set_font(font, style, TEXT_PT)
                self.set_text_color(*colour)
                self.set_xy(cursor, top)
                self.cell(width_of_word, LINE, text)
            cursor += width_of_word + (space_width if space else 0)
        return top - y + LINE


def entry_runs(entry):
    observance_text = pdf_text(f"{entry.name}, {entry.dates}")
    runs = [("Helvetica", "", observance_text, TEXT)]
    for note in entry.notes:
        if note in SYMBOL_FONT:
            font, text = SYMBOL_FONT[note]
            runs.append(("Helvetica", "", " ", TEXT))
            runs.append((font, "", text, TEXT))
        else:
            runs.append(("Helvetica", "", f" {note}", TEXT))
    return runs


def key_help_runs():
    return [
        ("Helvetica", "B", "Key:", TEXT),
        (
            "Helvetica",
            "",
            " number in a box: a one-day observance; number over a line: a day "
            "of a longer one (the line runs through its days). ",
            TEXT,
        ),
        ("Symbol", "", "\xbb", TEXT),
        ("Helvetica", "", " estimated (moon sighting, may move by a day); ", TEXT),
        ("ZapfDingbats", "", "3", TEXT),
        (
            "Helvetica",
            "",
            " confirmed by an editor; (eve) begins at sunset the evening "
            "before; F fasting; L work restricted or leave commonly requested.",
            TEXT,
        ),
    ]


def legend_runs(planner):
    runs = [("Helvetica", "B", "Faiths and traditions: ", TEXT)]
    for mark, title in planner.faiths:
        runs.append(("ZapfDingbats", "", mark.dingbat, COLOURS[mark.colour]))
        runs.append(("Helvetica", "", f"{mark.suffix} {pdf_text(title)}   ", TEXT))
    return runs


def layout_key(pdf, entries, column_width, columns):
    """Balanced columns: [(entry, height)] for each column, and the tallest column's height."""
    sized = [(e, pdf.flow(0, 0, column_width - 12, entry_runs(e), draw=False)) for e in entries]
    total = sum(height for _, height in sized)
    target = total / columns if columns else total
    result, column, height = [], [], 0
    for entry, entry_height in sized:
        if column and height + entry_height > target + 0.1 and len(result) < columns - 1:
            result.append(column)
            column, height = [], 0
        column.append((entry, entry_height))
        height += entry_height
    result.append(column)
    return result, max((sum(h for _, h in c) for c in result), default=0)


def draw_key(pdf, columns, x, y, column_width):
    for index, column in enumerate(columns):
        top = y
        left = x + index * column_width
        for entry, height in column:
            pdf.set_font("Helvetica", "B", TEXT_PT)
            pdf.set_text_color(*TEXT)
            pdf.set_xy(left, top)
            pdf.cell(7, LINE, str(entry.number), align="R")
            pdf.set_font("ZapfDingbats", "", TEXT_PT)
            pdf.set_text_color(*COLOURS[entry.mark.colour])
            pdf.set_xy(left + 7.5, top)
            pdf.cell(4, LINE, entry.mark.dingbat + entry.mark.suffix)
            pdf.flow(left + 12, top, column_width - 13, entry_runs(entry))
            top += height


def side_by_side(paper):
    """Whether a day cell is wide enough for the weekday and a number on one line (A3)."""
    return paper.months_per_sheet == 12


def row_content_height(month, paper):
    """The height a month row needs: the weekday, the one-day numbers, then the lanes."""
    singles = max((len(day.singles) for day in month.days if day), default=0)
    lines = max(singles, 1) if side_by_side(paper) else 1 + singles
    return LINE * lines + LANE * month.lane_count + 1


def mark_runs(entry, style):
    return [
        ("ZapfDingbats", "", entry.mark.dingbat, COLOURS[entry.mark.colour]),
        ("Helvetica", style, f"{entry.mark.suffix}{entry.number}", COLOURS[entry.mark.colour]),
    ]


def draw_day(pdf, day, x, y, width, height, inline):
    if day.is_weekend:
        pdf.set_fill_color(*WEEKEND)
        pdf.rect(x, y, width, height, style="F")
    pdf.set_font("Helvetica", "", TEXT_PT)
    pdf.set_text_color(*TEXT)
    pdf.set_xy(x + 0.5, y)
    weekday_width = pdf.get_string_width(day.weekday) + 1.2
    if inline:
        pdf.cell(weekday_width, LINE, day.weekday)
    else:
        pdf.set_x(x)
        pdf.cell(width, LINE, day.weekday, align="C")
    top = y if inline and day.singles else y + LINE
    for index, entry in enumerate(day.singles):
        style = "" if entry.is_long else "B"
        runs = mark_runs(entry, style)
        text_width = sum(pdf.word_width(f, s, t) for f, s, t, _ in runs)
        if inline and index == 0:
            left = x + weekday_width + 0.5
        else:
            left = x + max((width - text_width) / 2, 0.3)
        pdf.flow(left, top, width, runs)
        if not entry.is_long:
            pdf.set_draw_color(*COLOURS[entry.mark.colour])
            pdf.set_line_width(0.3)
            pdf.rect(left - 0.4, top + 0.2, text_width + 0.8, LINE - 0.4)
        top += LINE
    for lane, entry in enumerate(day.lanes):
        if entry is None:
            continue
        line_y = y + height - 0.8 - lane * LANE
        runs = mark_runs(entry, "")
        text_width = sum(pdf.word_width(f, s, t) for f, s, t, _ in runs)
        pdf.flow(x + max((width - text_width) / 2, 0.3), line_y - LINE - 0.2, width, runs)
        pdf.set_draw_color(*COLOURS[entry.mark.colour])
        pdf.set_line_width(0.8)
        pdf.line(x, line_y, x + width, line_y)


def draw_sheet(pdf, planner, sheet, title, subtitle, source):
    paper = planner.paper
    pdf.add_page()
    width = paper.width - 2 * MARGIN
    pdf.set_text_color(*TEXT)
    pdf.set_font("Helvetica", "B", TITLE_PT)
    pdf.set_xy(MARGIN, MARGIN)
    heading = pdf_text(title + (f" ({subtitle})" if subtitle else ""))
    pdf.cell(width * 0.7, 7, heading)
    pdf.set_font("Helvetica", "B", 11)
    pdf.set_xy(MARGIN + width * 0.7, MARGIN)
    pdf.cell(width * 0.3, 7, sheet.label, align="R")
    y = MARGIN + 8
    y += pdf.flow(MARGIN, y, width, legend_runs(planner)) + 1

    columns = KEY_COLUMNS[paper.slug]
    column_width = width / columns
    key_columns, key_height = layout_key(pdf, sheet.entries, column_width, columns)
    help_height = pdf.flow(MARGIN, 0, width, key_help_runs(), draw=False)
    footer = LINE
    grid_bottom = paper.height - MARGIN - footer - help_height - key_height - 3
    month_width = MONTH_COLUMN[paper.slug]
    day_width = (width - month_width) / 31
    header = LINE + 0.6
    spare = grid_bottom - y - header - sum(row_content_height(m, paper) for m in sheet.months)
    room = min(max(spare / len(sheet.months), 2), MAX_ROOM[paper.slug])

    pdf.set_font("Helvetica", "B", TEXT_PT)
    pdf.set_xy(MARGIN, y)
    pdf.cell(month_width, header, "Month")
    for number in range(1, 32):
        pdf.set_xy(MARGIN + month_width + (number - 1) * day_width, y)
        pdf.cell(day_width, header, str(number), align="C")
    y += header
    pdf.set_line_width(0.2)
    for month in sheet.months:
        height = row_content_height(month, paper) + room
        for index, day in enumerate(month.days):
            if day:
                x = MARGIN + month_width + index * day_width
                draw_day(pdf, day, x, y, day_width, height, side_by_side(paper))
        pdf.set_draw_color(*RULE)
        pdf.set_line_width(0.2)
        for index in range(32):
            x = MARGIN + month_width + index * day_width
            pdf.line(x, y, x, y + height)
        pdf.line(MARGIN, y, MARGIN + width, y)
        pdf.set_font("Helvetica", "B", TEXT_PT)
        pdf.set_text_color(*TEXT)
        pdf.set_xy(MARGIN, y)
        pdf.cell(month_width, LINE, month.short_name)
        pdf.set_font("Helvetica", "", TEXT_PT)
        pdf.set_xy(MARGIN, y + LINE)
        pdf.cell(month_width, LINE, str(month.year))
        y += height
    pdf.set_draw_color(*RULE)
    pdf.line(MARGIN, y, MARGIN + width, y)

    y += 2
    if y + key_height + help_height + footer > paper.height - MARGIN:
        pdf.add_page()  # more than the sheet holds at 9 pt: the key goes on the next page
        y = MARGIN
    if sheet.entries:
        draw_key(pdf, key_columns, MARGIN, y, column_width)
    else:
        pdf.flow(MARGIN, y, width, [("Helvetica", "", "No dates on this sheet.", TEXT)])
        key_height = LINE
    y += key_height + 1
    y += pdf.flow(MARGIN, y, width, key_help_runs())
    pdf.flow(MARGIN, y, width, [("Helvetica", "", pdf_text(f"From {source}"), TEXT)])


def build_planner_pdf(planner, *, title, subtitle="", source=""):
    """The planner's sheets, one page each, as PDF bytes."""
    pdf = PlannerPDF(planner.paper)
    pdf.set_title(pdf_text(title))
    pdf.set_creator("Multi-faith and cultural calendar")
    for sheet in planner.sheets:
        draw_sheet(pdf, planner, sheet, title, subtitle, source)
    return bytes(pdf.output())
