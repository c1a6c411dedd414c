"""tools/prose_length.py counts the Hangul of running prose only (run as a script, as a reader would)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "tools" / "prose_length.py"

PAGE = """---
jupytext: {text_representation: {extension: .md}}
---

(label)=
# 제목

본문 가나다.

```{code-cell} ipython3
---
mystnb:
  figure:
    caption: 캡션은 세지 않음
---
print("코드도 세지 않음")
```

$$
\\text{수식도 아님}
$$ (eq-x)

| 표 | 안 |
|---|---|

```{table} 표 제목도 캡션
| 가 | 나 |
```

````{exercise}
:label: ex-x

연습 라마
````

인라인 `코드는 빼고` 마바.
"""


def count(tmp_path: Path, text: str) -> int:
    page = tmp_path / "page.md"
    page.write_text(text, encoding="utf-8")
    out = subprocess.run(
        [sys.executable, str(SCRIPT), str(page)], check=True, capture_output=True, text=True
    ).stdout
    return int(out.splitlines()[0].split()[0])


def test_counts_headings_paragraphs_and_exercises_only(tmp_path):
    # 제목(2) + 본문 가나다(5) + 연습 라마(4) + 인라인 마바(5)
    assert count(tmp_path, PAGE) == 2 + 5 + 4 + 5


def test_moving_a_sentence_into_a_caption_makes_the_count_smaller_not_the_chapter(tmp_path):
    moved = PAGE.replace("본문 가나다.\n", "").replace(
        "캡션은 세지 않음", "캡션은 세지 않음 본문 가나다"
    )
    assert count(tmp_path, moved) == count(tmp_path, PAGE) - 5
