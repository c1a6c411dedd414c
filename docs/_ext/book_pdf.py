"""The whole book on one page (``-b singlehtml``), styled for printing to the PDF edition.

* **Visitors.** Sphinx looks up a node's visitors under the builder's name (``singlehtml``) and falls
  back to its format (``html``) only when no extension registered anything under that name.
  sphinx-exercise registers ``singlehtml`` visitors, so myst-nb's nodes (hidden cells) lost theirs and
  the build stopped with "unknown node type". Every ``html`` visitor is therefore also registered for
  ``singlehtml`` unless an extension gave that builder its own.
* **Print style.** ``_static/book-print.css`` (print media only, singlehtml only): A4 pages, each
  chapter on a new page, code wrapped inside the margins, exercise solutions and hidden outputs shown
  (tools/print_pdf.py also opens every ``<details>`` before printing).
* **Explorer.** The in-page widget cannot work on paper: a short note points to the web edition.

tools/print_pdf.py prints the page to ``_build/pdf/<name>.pdf`` with Chromium (``nox -s pdf``).
"""

from __future__ import annotations

from activation_explorer import explorer_node
from docutils import nodes
from sphinx.application import Sphinx

BUILDER = "singlehtml"


def _explorer_note(self, node: nodes.Element) -> None:
    kind = node["data"]["kind"]
    what = (
        "로짓과 온도를 바꿔 소프트맥스의 확률"
        if kind == "softmax"
        else "입력 x를 바꿔 함수의 값과 기울기"
    )
    url = f"{(self.config.html_baseurl or '').rstrip('/')}/explorer.html"
    self.body.append(
        '<p class="actfn-explorer-note">'
        f"웹판에는 이 자리에 {what}가 어떻게 바뀌는지 직접 살펴보는 탐색기가 있습니다: "
        f'<a class="reference external" href="{url}">{url}</a></p>\n'
    )
    raise nodes.SkipNode


def _builder_inited(app: Sphinx) -> None:
    if app.builder.name != BUILDER:
        return
    handlers = app.registry.translation_handlers
    own = handlers.setdefault(BUILDER, {})
    for node, visitors in handlers.get("html", {}).items():
        own.setdefault(node, visitors)
    own[explorer_node.__name__] = (_explorer_note, None)
    app.add_css_file("book-print.css", media="print")


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("builder-inited", _builder_inited)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
