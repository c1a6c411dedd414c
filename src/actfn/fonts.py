"""한글 글꼴 등록: 그림의 한글이 네모(□)로 깨지지 않게 합니다.

새 컴퓨터에는 한글 글꼴이 없는 경우가 많습니다. 이 모듈은 ``koreanize-matplotlib`` 휠에 들어 있는
나눔고딕(NanumGothic, SIL OFL) 글꼴 파일을 matplotlib에 등록만 합니다. 그 모듈 자체는 가져오지
않습니다(import 시 distutils를 불러 Python 3.12 이상에서 깨지고, 전역 rcParams를 바꿉니다).

글꼴 목록은 ``["DejaVu Sans", "NanumGothic"]``\\ 의 순서입니다. 글자마다 앞의 글꼴부터 찾으므로
숫자와 라틴 문자, 그리고 나눔고딕에 없는 수학 기호 마이너스(U+2212)는 DejaVu Sans로, 한글은
나눔고딕으로 그려집니다.
"""

from __future__ import annotations

import functools
import importlib.util
from pathlib import Path

from matplotlib import font_manager

__all__ = ["FONT_FAMILIES", "HANGUL_FONT", "hangul_font_files", "register_hangul_font"]

HANGUL_FONT = "NanumGothic"
FONT_FAMILIES: tuple[str, ...] = ("DejaVu Sans", HANGUL_FONT)


def hangul_font_files() -> list[Path]:
    """``koreanize-matplotlib`` 휠이 담고 있는 나눔고딕 글꼴 파일 경로를 돌려줍니다.

    Raises:
        RuntimeError: ``koreanize-matplotlib``\\ 가 설치되어 있지 않거나 글꼴 파일이 없을 때.
    """
    spec = importlib.util.find_spec("koreanize_matplotlib")  # finds the files, runs no code
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "한글 글꼴을 찾을 수 없습니다: 'koreanize-matplotlib' 패키지가 필요합니다 "
            "(pip install koreanize-matplotlib)."
        )
    fonts_dir = Path(next(iter(spec.submodule_search_locations))) / "fonts"
    files = sorted(fonts_dir.glob("NanumGothic*.ttf"))
    if not files:
        raise RuntimeError(f"한글 글꼴 파일(NanumGothic*.ttf)이 {fonts_dir}에 없습니다.")
    return files


@functools.cache
def register_hangul_font() -> tuple[str, ...]:
    """나눔고딕을 matplotlib 글꼴 관리자에 등록하고 글꼴 목록을 돌려줍니다.

    rcParams는 바꾸지 않습니다. 돌려받은 목록을 ``fontfamily=``\\ 로 넘기거나
    ``matplotlib.rc_context({"font.family": ...})`` 안에서 그리면 됩니다. 여러 번 불러도
    한 번만 등록합니다.

    Returns:
        글꼴 이름 목록 ``("DejaVu Sans", "NanumGothic")``.

    Examples:
        >>> from actfn.fonts import register_hangul_font
        >>> register_hangul_font()
        ('DejaVu Sans', 'NanumGothic')
    """
    for path in hangul_font_files():
        font_manager.fontManager.addfont(str(path))
    return FONT_FAMILIES
