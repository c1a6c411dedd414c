"""책의 그림 도우미: 무엇을 그리는지에 따라 나눈 모듈과, 모두가 함께 쓰는 모양.

- :mod:`actfn.plotting.curves`: 함수의 곡선(활성화 함수와 도함수, 비교, 소프트맥스의 배율)
- :mod:`actfn.plotting.training`: 학습하며 잰 것(학습 곡선, 층별 기울기 크기, 죽은 뉴런의 비율)
- :mod:`actfn.plotting.input_space`: 2차원 입력 공간의 지도(결정 경계, 뉴런 하나의 출력)
- :mod:`actfn.plotting.style`: 색 목록, 글자 크기, 그림 폭(휴대폰에서도 읽히도록 함께 정함)

모든 도우미는 pyplot의 전역 상태를 쓰지 않고 새 :class:`~matplotlib.figure.Figure`\\ 를 돌려주며,
전역 rcParams를 바꾸지 않습니다. 한글 글꼴은 :func:`actfn.fonts.register_hangul_font`\\ 로 등록만
하고 글자마다 ``fontfamily``\\ 를 직접 넘깁니다. 도우미는 이 패키지에서 바로 가져올 수 있습니다::

    from actfn.plotting import plot_with_derivative, plot_training_curves
"""

from __future__ import annotations

from actfn.plotting.curves import (
    default_x,
    plot_functions,
    plot_softmax_scaling,
    plot_with_derivative,
)
from actfn.plotting.input_space import plot_decision_boundaries, plot_unit_surfaces
from actfn.plotting.style import COLORS
from actfn.plotting.training import plot_dead_fraction, plot_gradient_norms, plot_training_curves

__all__ = [
    "COLORS",
    "default_x",
    "plot_dead_fraction",
    "plot_decision_boundaries",
    "plot_functions",
    "plot_gradient_norms",
    "plot_softmax_scaling",
    "plot_training_curves",
    "plot_unit_surfaces",
    "plot_with_derivative",
]
