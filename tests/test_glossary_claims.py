"""The glossary is not executed, so its claims are guarded here.

Two rules:

- A definition that makes a causal, absolute or comparative claim ("때문", "없다", "못하다", "않다",
  "늘", "언제나", "보다 …") must point at the chapter section that measures or shows it, with a {ref}
  to a label that exists in docs/. The chapter's executed cells carry the hidden assertions.
- The numbers the glossary quotes from PyTorch (the gains of ``nn.init.calculate_gain``, Leaky ReLU's
  default slope) must be the numbers PyTorch gives.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import torch

DOCS = Path(__file__).resolve().parent.parent / "docs"
GLOSSARY = DOCS / "glossary.md"

#: Words that make a definition a claim about the world rather than a definition.
CLAIM_MARKERS = (
    "때문",
    "덕분",
    "없",
    "못",
    "않",
    "늘 ",
    "언제나",
    "항상",
    "절대",
    "결코",
    "두드러",
    "유지",
    "보다 ",
)
POINTER = re.compile(r"\{(?:ref|numref|doc)\}`(?:[^`<]*<)?([^`>]+)>?`")


def glossary_entries(text: str) -> dict[str, str]:
    """Map each glossary entry's first term line to its definition (the indented lines under it)."""
    body = re.search(r"^`{3,}\{glossary\}\n(.*?)^`{3,}\s*$", text, re.M | re.S)
    if body is None:
        raise ValueError("no {glossary} directive")
    entries: dict[str, str] = {}
    term = None
    previous_was_term = False
    for line in body.group(1).splitlines():
        if not line.strip() or line.startswith(":"):
            previous_was_term = False
            continue
        if line[0].isspace():
            entries[term] = entries.get(term, "") + line.strip() + " "
            previous_was_term = False
        else:
            if not previous_was_term:  # the first of an entry's term lines names it
                term = line.strip()
            previous_was_term = True
    return entries


def labels() -> set[str]:
    """Every MyST target ``(label)=`` and every page name in docs/."""
    found = {page.stem for page in DOCS.glob("*.md")}
    for page in DOCS.glob("*.md"):
        found |= set(re.findall(r"^\(([\w-]+)\)=\s*$", page.read_text(encoding="utf-8"), re.M))
    return found


def unguarded_claims(text: str, known_labels: set[str]) -> list[str]:
    """Definitions that make a claim but point at no existing chapter section."""
    problems = []
    for term, definition in glossary_entries(text).items():
        plain = re.sub(r"\$[^$]*\$|`[^`]*`", "", definition)
        markers = [m.strip() for m in CLAIM_MARKERS if m in plain]
        if not markers:
            continue
        targets = POINTER.findall(definition)
        if not targets:
            problems.append(f"{term}: claim ({', '.join(markers)}) with no {{ref}} to a chapter")
        problems += [
            f"{term}: {{ref}} to unknown label {t!r}" for t in targets if t not in known_labels
        ]
    return problems


def test_rule_rejects_a_planted_unguarded_claim():
    planted = (
        "```{glossary}\n죽은 뉴런\ndead neuron\n  가중합이 늘 음수라서 결코 되살아나지 못하는 뉴런.\n\n"
        "렐루\nReLU\n  양수는 그대로, 음수는 0({ref}`no-such-section`)이라 기울기가 줄지 않습니다.\n```\n"
    )
    problems = unguarded_claims(planted, labels())
    assert any(p.startswith("죽은 뉴런: claim") for p in problems), problems
    assert any("unknown label 'no-such-section'" in p for p in problems), problems


def test_rule_accepts_a_claim_that_points_at_its_measurement():
    text = "```{glossary}\n죽은 뉴런\n  되살아나지 못하기도 합니다({ref}`choosing-dead`).\n```\n"
    assert unguarded_claims(text, labels()) == []


def test_every_glossary_claim_points_at_the_chapter_that_measures_it():
    problems = unguarded_claims(GLOSSARY.read_text(encoding="utf-8"), labels())
    assert not problems, "\n".join(problems)


def test_the_glossary_quotes_pytorchs_numbers():
    definitions = glossary_entries(GLOSSARY.read_text(encoding="utf-8"))
    gain = definitions["이득"]
    quoted = {
        "relu": (r"렐루에는 \$\\sqrt\{2\}\$", math.sqrt(2)),
        "tanh": (r"하이퍼볼릭 탄젠트에는 \$5/3\$", 5 / 3),
        "sigmoid": (r"시그모이드에는 1", 1.0),
    }
    for name, (pattern, value) in quoted.items():
        assert re.search(pattern, gain), f"이득: {name}'s gain is no longer quoted as expected"
        assert math.isclose(torch.nn.init.calculate_gain(name), value), name
    assert "$\\alpha = 0.01$" in definitions["리키 렐루"]
    assert torch.nn.LeakyReLU().negative_slope == 0.01
    he = definitions["He 초기화"]
    assert "$\\sqrt{2/n}$" in he
    assert "kaiming_normal_" in he
    weight = torch.empty(4000, 500)
    torch.nn.init.kaiming_normal_(weight, generator=torch.Generator().manual_seed(0))
    assert math.isclose(weight.std().item(), math.sqrt(2 / 500), rel_tol=0.01)
