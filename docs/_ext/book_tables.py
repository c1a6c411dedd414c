"""Tables that fit a phone: every body cell carries its column's name (``data-label``).

A table with a header row gets the class ``book-cards``, and each of its body cells
``data-label="<header text of its column>"``, set at build time. On a narrow screen
docs/_static/book.css lays each row out as a card: the first cell is the card's heading, every
other cell shows its column name before its value. Wide tables (5 columns of prose) then need no
sideways scrolling at 360 px; on wider screens the table is an ordinary table.
tests/test_phone_layout.py measures it in Chromium.

docutils' HTML writer passes no custom attributes from nodes to tags, so the extension wraps the
HTML translator's ``visit_entry`` (through ``app.add_node(..., override=True)``, Sphinx's way to
set a node's visitor for every HTML translator class, including the theme's) and adds the attribute
to the start tag the translator just wrote.
"""

from __future__ import annotations

from html import escape

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

CARD_CLASS = "book-cards"


def column_labels(tgroup: nodes.tgroup) -> list[str]:
    """The header text of every column of a table group (a spanning header names each column)."""
    thead = next(iter(tgroup.findall(nodes.thead, include_self=False)), None)
    if thead is None:
        return []
    row = next(iter(thead.findall(nodes.row, include_self=False)))
    labels: list[str] = []
    for entry in row.findall(nodes.entry, include_self=False):
        text = " ".join(entry.astext().split())
        labels.extend([text] * (1 + entry.get("morecols", 0)))
    return labels


class MarkCardTables(SphinxPostTransform):
    """Give tables with a header row the card class and their body cells a column label."""

    default_priority = 450
    formats = ("html",)

    def run(self, **kwargs: object) -> None:
        for table in self.document.findall(nodes.table):
            for tgroup in table.findall(nodes.tgroup, include_self=False):
                labels = column_labels(tgroup)
                if not labels:
                    continue
                if CARD_CLASS not in table["classes"]:
                    table["classes"].append(CARD_CLASS)
                for tbody in tgroup.findall(nodes.tbody, include_self=False):
                    for row in tbody.findall(nodes.row, include_self=False):
                        column = 0
                        for entry in row.findall(nodes.entry, include_self=False):
                            if column < len(labels):
                                entry["book_label"] = labels[column]
                            column += 1 + entry.get("morecols", 0)


def visit_entry(self, node: nodes.entry) -> None:
    type(self).visit_entry(self, node)  # the translator's own method (the theme's, Sphinx's)
    label = node.get("book_label")
    if label:
        tag = self.body[-1]
        for name in ("<td", "<th"):
            if tag.startswith(name):
                self.body[-1] = f'{name} data-label="{escape(label)}"{tag[len(name) :]}'
                break


def setup(app: Sphinx) -> dict[str, object]:
    app.add_post_transform(MarkCardTables)
    app.add_node(nodes.entry, override=True, html=(visit_entry, None))  # depart: unchanged
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
