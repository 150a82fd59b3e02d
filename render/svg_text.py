"""SVG labels drawn a run at a time: WeasyPrint's SVG text drawer, without its cost per letter.

WeasyPrint (weasyprint.svg.text.text) lays out and draws every letter of an SVG <text> on its
own, so that each may take its own x, dx or rotate; a pack's chart labels take none of those,
and the letter-by-letter layout was a third of the time the pack took to draw. `text` draws a
label that positions no letter of its own (one x and y, no dx, dy, rotate, letter-spacing or
textLength, no child elements) as one run, with kerning and ligatures off so that every glyph
lands where WeasyPrint would have put it: a letter laid out alone is neither kerned nor joined.
Every other node goes to WeasyPrint's own drawer.

`install()` puts `text` in WeasyPrint's table of SVG drawers, where the version in use has the
internals it relies on (`installed()` says whether it did); elsewhere WeasyPrint draws as it
always did. tests/test_render_svg_text.py checks the glyphs land where WeasyPrint's drawer puts them.
"""

from __future__ import annotations

from math import inf
from typing import Any

LETTER_ATTRIBUTES = ("dx", "dy", "rotate", "letter-spacing", "textLength")
_stock: Any = None  # WeasyPrint's own drawer, once `install` has replaced it


def _whole_run(node: Any) -> bool:
    """Whether the node's letters follow one another from one given point."""
    return (
        node.tag == "text"
        and bool(node.text)
        and next(iter(node), None) is None  # no <tspan> of its own
        and all(name not in node.attrib for name in LETTER_ATTRIBUTES)
        and all(len(node.attrib.get(name, "").split()) == 1 for name in ("x", "y"))
    )


def text(svg: Any, node: Any, font_size: float) -> None:
    """Draw an SVG text node: a whole run where its letters take no positions of their own."""
    if not _whole_run(node):
        _stock(svg, node, font_size)
        return
    from weasyprint.css.properties import INITIAL_VALUES
    from weasyprint.draw.text import draw_emojis, draw_first_line
    from weasyprint.matrix import Matrix
    from weasyprint.svg.bounding_box import extend_bounding_box
    from weasyprint.svg.text import Style, TextBox
    from weasyprint.svg.utils import normalize, size
    from weasyprint.text.line_break import split_first_line

    style = Style()
    style.update(INITIAL_VALUES)
    style.font_config = svg.font_config
    style["font_family"] = [font.strip("\"'") for font in node.get("font-family", "sans-serif").split(",")]
    style["font_style"] = node.get("font-style", "normal")
    style["font_size"] = font_size
    style["font_weight"] = _weight(node.get("font-weight", 400))
    style["font_kerning"] = "none"  # letters laid out one by one are not kerned against each other
    style["font_variant_ligatures"] = "none"
    if node.get("direction") in ("ltr", "rtl"):
        style["direction"] = node.get("direction")
    layout, _, _, width, height, baseline = split_first_line(node.text, style, svg.context, inf, 0)

    x = size(normalize(node.attrib["x"]).strip(), font_size, svg.inner_width) if "x" in node.attrib else None
    y = size(normalize(node.attrib["y"]).strip(), font_size, svg.inner_height) if "y" in node.attrib else None
    if x:  # as WeasyPrint's drawer: a given x or y (other than 0) ends any dx or dy carried over
        svg.cursor_d_position[0] = 0
    if y:
        svg.cursor_d_position[1] = 0
    x = svg.cursor_position[0] if x is None else x
    y = svg.cursor_position[1] if y is None else y
    svg.cursor_position = x + width, y
    x_position, y_position = (
        x + svg.cursor_d_position[0],
        y + svg.cursor_d_position[1] + _y_align(node, font_size, height),
    )
    node.text_bounding_box = extend_bounding_box(
        node.text_bounding_box,
        ((x_position, y_position - baseline), (x_position + width, y_position - baseline + height)),
    )

    svg.stream.push_state()
    fill, stroke = svg.set_graphical_state(node, font_size)
    svg.stream.begin_text()
    layout.reactivate(style)
    svg.fill_stroke(fill, stroke, text=True)
    box = TextBox(layout, style)
    box.baseline = baseline
    emojis = draw_first_line(svg.stream, box, "none", "none", Matrix(a=1, d=-1, e=x_position, f=y_position))
    svg.stream.end_text()
    svg.stream.pop_state()
    draw_emojis(svg.stream, style, x, y, emojis)


def _weight(value: Any) -> int:
    if value == "normal":
        return 400
    if value == "bold":
        return 700
    try:
        return int(value)
    except ValueError:
        return 400


def _y_align(node: Any, font_size: float, height: float) -> float:
    """WeasyPrint's vertical alignment of a text node (its ascent and descent are its guesses too)."""
    ascent, descent = font_size * 0.8, font_size * 0.2
    display_anchor = node.get("display-anchor")
    baseline = node.get("dominant-baseline", node.get("alignment-baseline"))
    if display_anchor == "middle":
        return -height / 2
    if display_anchor == "top":
        return 0
    if display_anchor == "bottom":
        return -height
    if baseline in ("central", "middle"):
        return (ascent + descent) / 2 - descent
    if baseline in ("text-before-edge", "before_edge", "top", "hanging", "text-top"):
        return ascent
    if baseline in ("text-after-edge", "after_edge", "bottom", "text-bottom"):
        return -descent
    return 0


def install() -> None:
    """Draw SVG text with `text` wherever WeasyPrint drew it with its own drawer (once)."""
    global _stock
    if _stock is not None:
        return
    try:  # every internal `text` uses: a WeasyPrint without one of them draws as it always did
        import weasyprint.svg as svg_module
        from weasyprint.css.properties import INITIAL_VALUES  # noqa: F401
        from weasyprint.draw.text import draw_emojis, draw_first_line  # noqa: F401
        from weasyprint.matrix import Matrix  # noqa: F401
        from weasyprint.svg.bounding_box import extend_bounding_box  # noqa: F401
        from weasyprint.svg.text import Style, TextBox  # noqa: F401
        from weasyprint.svg.text import text as stock
        from weasyprint.svg.utils import normalize, size  # noqa: F401
        from weasyprint.text.line_break import split_first_line  # noqa: F401
    except ImportError:
        return
    tags = getattr(svg_module, "TAGS", None)
    if (
        not isinstance(tags, dict)
        or tags.get("text") is not stock
        or getattr(svg_module, "text", None) is not stock
    ):
        return
    _stock = stock
    # draw_node asks `TAGS.get(node.tag) == text` to anchor text: both names must change together
    svg_module.text = text
    for tag, drawer in list(tags.items()):
        if drawer is stock:
            tags[tag] = text


def installed() -> bool:
    return _stock is not None
