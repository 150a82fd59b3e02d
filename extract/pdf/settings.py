"""The PDF reader's layout tolerances, named in one place (as pdfplumber's `table_settings`).

Distances are in text heights (the height of the line concerned) unless a field says points;
shares are fractions of the lines, chunks or cells concerned. `LAYOUT` is the one set the reader
uses; the values are tuned on the corpus in ../shared and the generated council layouts
(`reviewpack eval` reports both), so change one only with those scores in hand.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LayoutSettings:
    # --- Words on a page (`words`) ---
    # A space wider than this many heights splits words that pdfium ran together...
    word_gap: float = 0.25
    # ...as does a glyph whose middle lies more than this many heights above or below the word...
    word_band: float = 0.1
    # ...or that starts more than this many heights left of the glyph before it (a ligature's
    # second letter shares the first's position and does not).
    word_backtrack: float = 0.1
    # A superscript touches the word before it when the gap between them is within this many of
    # that word's heights either way: an ordinal's suffix ('th' of 13th) set raised or smaller
    # then joins its number, and a note reference ('Placements²') set raised and smaller is
    # taken off...
    superscript_gap: float = 0.25
    # ...smaller meaning under this share of the word's height (raised: its bottom more than
    # `word_band` heights above the word's).
    superscript_size: float = 0.95
    # A glyph within this share of a quarter turn of a right angle is set at that right angle.
    right_angle: float = 0.05
    # A word joins a line whose last word's height is within this share of its own...
    line_height_change: float = 0.6
    # ...unless it overlaps one of the line's words by more than this share of the narrower.
    word_overlap: float = 0.3

    # --- Ruling lines and chart shapes (`words.page_graphics`) ---
    # A path object thinner than this many points draws a ruling line...
    rule_thickness: float = 3
    # ...when it is longer than this many points.
    least_rule_length: float = 3
    # A path wider and higher than this many points with more than `chart_slants` curves or
    # slanted segments is a chart's shape...
    chart_shape_size: float = 20
    chart_slants: int = 4
    # ...counted only on paths of more than this many segments (a box or a grid has fewer)...
    chart_path_segments: int = 8
    # ...a segment being slanted when it moves more than this many points each way.
    slant_step: float = 0.5

    # --- Cells on a line (`chunks`) ---
    # A gap wider than this many heights may separate two cells (a word space is ~0.3)...
    chunk_gap: float = 0.75
    # ...and does when wider than this many heights...
    cell_gap: float = 2.0
    # ...or than this many times the line's even word spacing (justified prose stretches spaces).
    justified_gap: float = 1.8
    # A line with more than this share of figures among its words is a row, never justified prose.
    figure_line_share: float = 0.3
    # Word gaps wider than this many heights are column gaps, left out when measuring word spacing.
    column_gap: float = 3
    # Word spacing is judged only on a line with at least this many word gaps...
    justified_gaps: int = 4
    # ...and is even when the widest is within this ratio of the narrowest...
    even_spacing: float = 1.6
    # ...(the narrowest taken as at least this many points)...
    least_word_gap: float = 0.5
    # ...and the middle gap is under this many heights.
    prose_word_gap: float = 1.6
    # Two amounts further apart than this many heights may be two cells...
    figures_gap: float = 0.3
    # ...and are, when further than this many, even if they read as one number ('100 000').
    figures_apart: float = 0.6
    # A vertical rule within this many points of the gap between two words splits them.
    wall_slack: float = 0.5
    # Amounts ending within this many points of one x are set flush in one right-aligned column...
    edge_slack: float = 1.0
    # ...when at least this many lines of a table have one there.
    figure_column_rows: int = 3

    # --- Columns (`columns`) ---
    # One chunk may cross a column's gap per this many lines (spanning labels and totals do)...
    crossings_per_lines: int = 10
    # ...and one once a table has this many lines.
    crossing_from_lines: int = 5
    # A column (or a grid's column) holds figures when at least this share of its cells are amounts.
    figure_column_share: float = 0.6
    # A chunk within this many points of a column's edges is inside it; a column is cut at a
    # figures' edge only this far inside it...
    column_slack: float = 1.0
    # ...and the part after the cut starts this many points past the edge.
    cut_after: float = 0.5
    # Figures' right edges within this many points of each other are one edge...
    edge_cluster: float = 1.0
    # ...and a heading's word ending within this many points of one is flush with the figures.
    flush_slack: float = 1.5
    # A column splits at a valley of whitespace crossed by at most this share of its peak lines...
    valley_depth: float = 0.25
    # ...when at least this many lines stand on its left.
    valley_peak: int = 3
    # A label spans a column when it covers more than this share of the column's width.
    span_cover: float = 0.5

    # --- Paragraphs of prose (`passages`) ---
    # A line whose height differs by more than this share starts a new paragraph...
    size_change: float = 0.25
    # ...as does one set further below the last than this many heights.
    paragraph_gap: float = 0.6
    # A strip no word of a block of lines covers, wider than this many heights (a word space is
    # ~0.3, a justified one up to ~1, but never at one x down every line), is a gutter between
    # columns (a side heading beside its text)...
    gutter_gap: float = 0.75
    # ...when at least this many of the block's lines have words on both sides of it...
    gutter_lines: int = 2
    # ...and the words right of it start within this many points of each other (a column's edge).
    gutter_flush: float = 1.5

    # --- Rows (`row_grouping`) ---
    # Header lines overlapping by this share of a line's height are one level (baselines apart).
    level_overlap: float = 0.5
    # Gaps within this many points are equal: a line midway between two others is ambiguous.
    tie: float = 1.0
    # A label line set closer than this share of the row spacing under a row continues its label.
    wrap_spacing: float = 0.6
    # A header level with more than this many times the cells of the one above: group headings.
    group_headings: float = 1.5
    # Lines this many heights apart at most are set tight (a label wrapped round its figures)...
    tight_spacing: float = 0.3
    # ...this many, close (a heading or a note wrapping on)...
    wrap_line_spacing: float = 0.5
    # ...this many, at line spacing rather than row spacing.
    line_spacing: float = 1.0
    # A heading's line runs to its column's edge when it ends within this share of the column.
    heading_fill: float = 0.15
    # Lower-case stubs finish the label above only where at least this share of rows has no label.
    unlabelled_rows: float = 0.25

    # --- Tables on a page (`table_finding`) ---
    # Lines this share of the usual height or smaller, closing a table, are its footnotes.
    footnote_size: float = 0.8
    # A region this share covered by chart shapes is a chart's labels, not a table.
    chart_cover: float = 0.3
    # A vertical rule reaches a line when it ends within this many points of the line's middle.
    rule_reach: float = 1.0
    # A line (or a rule) lies within a ruled box give or take this many points; a heading line
    # above the box lies within its width so...
    box_slack: float = 2.0
    # ...is narrow when it takes less than this share of the width...
    narrow_heading: float = 0.4
    # ...and sits on the box (as a total row sits under it) within this many heights.
    box_touch: float = 0.5
    # Rules drawing a box at least this many points wide...
    least_box_width: float = 20
    # ...and this many points high make a ruled table.
    least_box_height: float = 10
    # A column rule starting within this many points under a box's top is carried up through
    # the header set above the box.
    column_rule_start: float = 20
    # Boxes of one width stacked within this many points are one table (a shaded total row).
    stack_gap: float = 15.0
    # Rules within this many points of each other touch (one box).
    rule_touch: float = 2.0
    # The text height (points) taken for a page with no text lines.
    usual_height: float = 10.0
    # A run of aligned lines breaks at a gap of more than this many (median) heights.
    region_gap: float = 2.0
    # A single-chunk line set this many times taller than the region's lines is a heading over
    # the next table (a larger type), not a row.
    heading_height: float = 1.3
    # A single-chunk line wider than this share of the region is prose, not a cell...
    prose_width: float = 0.6
    # ...as is one reaching more than this many points past the region's right.
    prose_overhang: float = 20
    # A line trailing a region starts within this many points of the last row's start...
    trailing_under: float = 1.0
    # ...and wraps its label when set within this share of the row spacing...
    trailing_wrap: float = 0.6
    # ...else it stays only within this many heights of the region.
    trailing_gap: float = 0.3
    # A horizontal rule cuts rows when rules at its height run across this share of the table.
    band_cover: float = 0.5
    # A grid with fewer than this share of its cells filled is a chart's axis labels.
    least_filled: float = 0.4
    # A two-column text grid whose cells average this many characters or more is prose.
    text_cell_chars: float = 30

    # --- Captions (`captions`) ---
    # Lines above (below) a table reach at most this many points into it...
    caption_slack: float = 1
    # ...and a unit note's descenders may reach this share of its height below the table's top.
    descender_reach: float = 0.5
    # A table's title is at most this many lines...
    title_lines: int = 3
    # ...set within this many heights of each other and of the table.
    caption_gap: float = 2.5
    # A line above a table this short (words) that states a unit is the table's unit note...
    unit_note_words: int = 5
    # ...no further above it than this many of its heights.
    unit_note_gap: float = 4.0


LAYOUT = LayoutSettings()
