"""``{activation-explorer}``: a small in-page widget to play with the activation functions.

It needs no server and no library: ``_static/actfn-explorer.js`` (a few KB, loaded only on pages
that use the directive) draws it in the browser. Two kinds::

    ```{activation-explorer}
    :kind: functions
    :functions: relu, leaky_relu, sigmoid, tanh
    :x: 1
    :alpha: 0.1
    ```

    ```{activation-explorer}
    :kind: softmax
    :logits: 2.0, 1.0, 0.1
    :temperature: 1
    ```

``functions``: sliders for the input x (and Leaky ReLU's α when ``leaky_relu`` is shown), each
function's curve with its tangent at x, and a table of the values and slopes. ``softmax``: sliders
for the logits and the temperature T, and the probabilities softmax(z / T) as bars and numbers.
The optional directive content is a caption shown above the widget. Without JavaScript the reader
sees a short note instead. Builders other than HTML skip the widget.
"""

from __future__ import annotations

import html
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxDirective


def _explorer_functions() -> tuple[str, ...]:
    """The functions the explorer can draw: the package's records marked ``explorer``.

    Read from ``actfn.activations`` when the book is built (never a committed generated list);
    ``_static/actfn-explorer.js`` holds the browser formula of each (test_explorer.py checks that
    every one of these has one, and that they compute what the package computes).
    """
    from actfn.activations import ACTIVATIONS

    return tuple(name for name, record in ACTIVATIONS.items() if record.explorer)


FUNCTIONS = _explorer_functions()


class explorer_node(nodes.General, nodes.Element):
    """Placeholder replaced by the widget's HTML."""


def _function_list(argument: str) -> str:
    names = [name.strip() for name in argument.replace(" ", ",").split(",") if name.strip()]
    unknown = [name for name in names if name not in FUNCTIONS]
    if unknown or not names:
        raise ValueError(f"choose from {', '.join(FUNCTIONS)} (got {argument!r})")
    return ",".join(names)


def _numbers(argument: str) -> str:
    values = [float(v) for v in argument.replace(" ", ",").split(",") if v.strip()]
    if not 2 <= len(values) <= 5:
        raise ValueError("give 2 to 5 logits")
    return ",".join(repr(v) for v in values)


def _positive(argument: str) -> float:
    value = float(argument)
    if not value > 0:
        raise ValueError("the temperature must be positive")
    return value


class ActivationExplorer(SphinxDirective):
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {
        "kind": lambda arg: directives.choice(arg, ("functions", "softmax")),
        "functions": _function_list,
        "x": float,
        "alpha": float,
        "logits": _numbers,
        "temperature": _positive,
    }

    def run(self) -> list[nodes.Node]:
        kind = self.options.get("kind", "functions")
        data = {"kind": kind}
        if kind == "functions":
            data["functions"] = self.options.get("functions", ",".join(FUNCTIONS))
            for key in ("x", "alpha"):
                if key in self.options:
                    data[key] = repr(self.options[key])
        else:
            data["logits"] = self.options.get("logits", "2.0,1.0,0.1")
            if "temperature" in self.options:
                data["temperature"] = repr(self.options["temperature"])
        node = explorer_node(data=data)
        if self.content:
            caption = nodes.paragraph(classes=["actfn-explorer__title"])
            text = "\n".join(self.content)
            inline, messages = self.state.inline_text(text, self.lineno)
            caption.extend(inline)
            node += caption
            node.extend(messages)
        self.env.actfn_explorer_docs = getattr(self.env, "actfn_explorer_docs", set())
        self.env.actfn_explorer_docs.add(self.env.docname)
        return [node]


def visit_explorer_html(self, node: explorer_node) -> None:
    attrs = " ".join(
        f'data-{key}="{html.escape(value, quote=True)}"' for key, value in node["data"].items()
    )
    label = "소프트맥스 탐색기" if node["data"]["kind"] == "softmax" else "활성화 함수 탐색기"
    self.body.append(f'<div class="actfn-explorer" role="group" aria-label="{label}" {attrs}>\n')


def depart_explorer_html(self, node: explorer_node) -> None:
    self.body.append(
        '<p class="actfn-explorer__fallback">이 탐색기는 자바스크립트로 동작합니다. '
        "자바스크립트를 켜면 슬라이더로 값을 바꿔 볼 수 있습니다.</p>\n</div>\n"
    )


def skip(self, node: explorer_node) -> None:
    raise nodes.SkipNode


def _page_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if pagename in getattr(app.env, "actfn_explorer_docs", set()):
        app.add_css_file("actfn-explorer.css")
        app.add_js_file("actfn-explorer.js", loading_method="defer")


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    getattr(env, "actfn_explorer_docs", set()).discard(docname)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    env.actfn_explorer_docs = getattr(env, "actfn_explorer_docs", set())
    env.actfn_explorer_docs |= getattr(other, "actfn_explorer_docs", set()) & docnames


def setup(app: Sphinx) -> dict[str, object]:
    app.add_node(
        explorer_node,
        html=(visit_explorer_html, depart_explorer_html),
        latex=(skip, None),
        text=(skip, None),
        man=(skip, None),
        texinfo=(skip, None),
    )
    app.add_directive("activation-explorer", ActivationExplorer)
    app.connect("html-page-context", _page_context)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
