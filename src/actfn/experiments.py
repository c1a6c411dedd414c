"""활성화 함수를 비교하는 작은 실험 도구: 장난감 데이터, 다층 퍼셉트론, 학습 루프, 탐침.

「활성화 함수 고르기」 장의 실험이 쓰는 도구입니다. 모두 CPU에서 몇 초 안에 끝나도록 작고,
시드(``seed``)가 같으면 몇 번을 실행해도 비트 단위로 같은 결과를 냅니다.

- 데이터: :func:`make_spirals`, :func:`make_moons`, :func:`make_circles` (torch로 생성, 2차원 입력).
- 모델: :func:`make_mlp`\\ 는 활성화 함수 하나를 받아 은닉층마다 끼운 ``nn.Sequential``\\ 을 만듭니다.
  ``actfn.relu`` 같은 함수, ``functools.partial(actfn.leaky_relu, negative_slope=0.1)``, ``nn.GELU()``
  같은 모듈 모두 받습니다.
- 학습: :func:`train`\\ 은 전체 배치 경사 하강으로 학습하고 단계별 손실과 정확도를 담은
  :class:`History`\\ 를 돌려줍니다.
- 탐침: :func:`gradient_norms` (층별 기울기 크기), :func:`dead_unit_fraction` (층별 죽은 뉴런 비율),
  :func:`decision_grid` (결정 경계를 그릴 격자).

결정론: 데이터와 초기화는 전역 난수 상태를 건드리지 않는 자기만의 난수 생성기로 만들고, 학습과 탐침은
:func:`single_thread` 안에서 스레드 하나로 계산합니다. CPU의 행렬곱과 합계는 작업을 스레드 수에 따라
나누므로 스레드 수가 다르면 덧셈 순서가 달라져 마지막 자리가 바뀔 수 있기 때문입니다. 스레드를 하나로
고정하면 코어 수가 다른 컴퓨터에서도 (같은 torch 빌드와 같은 CPU 명령어 집합이라면) 같은 값이 나옵니다.
이 정도 크기의 신경망에서는 스레드 하나가 오히려 더 빠릅니다.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import itertools
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

import torch
import torch.nn.functional as F
from torch import nn

from actfn import _validation
from actfn import functions as _functions

__all__ = [
    "ActivationLayer",
    "DeadUnitChanges",
    "DecisionGrid",
    "History",
    "activation_layers",
    "dead_unit_changes",
    "dead_unit_fraction",
    "decision_grid",
    "evaluate",
    "gradient_norms",
    "infer_nonlinearity",
    "linear_layers",
    "make_circles",
    "make_mlp",
    "make_moons",
    "make_spirals",
    "pre_activations",
    "single_thread",
    "train",
    "train_many",
]

ActivationLike = Callable[[torch.Tensor], torch.Tensor] | nn.Module
Init = Literal["default", "matched"]


# --------------------------------------------------------------------------------------
# 인자 검사
# --------------------------------------------------------------------------------------


def _check_model(model: object, name: str = "model") -> None:
    _validation.check_instance(
        model, name, nn.Sequential, "make_mlp가 만든 것 같은 nn.Sequential이어야"
    )


def _generator(seed: object) -> torch.Generator:
    return torch.Generator().manual_seed(_validation.check_int(seed, "seed", minimum=0))


def _class_sizes(n: int, classes: int) -> list[int]:
    """``n``\\ 개를 ``classes``\\ 개 클래스에 고르게(차이 최대 1) 나눕니다."""
    return [n // classes + (1 if k < n % classes else 0) for k in range(classes)]


def _check_data(X: object, y: object | None = None) -> None:
    _validation.check_features(X, "X")
    assert isinstance(X, torch.Tensor)
    if y is not None:
        _validation.check_labels(y, X.shape[0], "y")


# --------------------------------------------------------------------------------------
# 장난감 데이터
# --------------------------------------------------------------------------------------


def make_spirals(
    n: int = 300,
    *,
    classes: int = 2,
    turns: float = 1.25,
    noise: float = 0.05,
    seed: int = 0,
) -> tuple[torch.Tensor, torch.Tensor]:
    """서로 감긴 나선 ``classes``\\ 개: 직선으로는 나눌 수 없고, 깊은 신경망도 쉽게 풀지 못합니다.

    클래스 ``k``\\ 의 점은 반지름 :math:`r \\in [0.05, 1]`\\ 과 각도
    :math:`2\\pi(\\text{turns} \\cdot r + k / \\text{classes})`\\ 에 놓이고, 두 좌표에 표준편차
    ``noise``\\ 인 정규 잡음이 더해집니다.

    Args:
        n: 전체 점의 수. 클래스마다 ``n // classes``\\ 개(나머지는 앞 클래스부터 하나씩)입니다.
        classes: 나선(클래스)의 수, 2 이상.
        turns: 나선이 감기는 바퀴 수. 클수록 어렵습니다.
        noise: 좌표에 더하는 정규 잡음의 표준편차.
        seed: 난수 시드. 전역 난수 상태는 건드리지 않습니다.

    Returns:
        ``(X, y)``: 입력 ``X``\\ 는 ``(n, 2)`` float32, 레이블 ``y``\\ 는 ``(n,)`` int64
        (클래스 순서로 정렬됨).

    Examples:
        >>> from actfn.experiments import make_spirals
        >>> X, y = make_spirals(300, seed=0)
        >>> X.shape, X.dtype, y.bincount().tolist()
        (torch.Size([300, 2]), torch.float32, [150, 150])
        >>> make_spirals(5, classes=3)[1]
        tensor([0, 0, 1, 1, 2])
    """
    n = _validation.check_int(n, "n", minimum=1)
    classes = _validation.check_int(classes, "classes", minimum=2)
    n = _validation.check_int(
        n, "n", minimum=classes, reason=f"classes = {classes}: 클래스마다 점이 하나 이상"
    )
    turns = _validation.check_number(turns, "turns", above=0)
    noise = _validation.check_number(noise, "noise", at_least=0)
    gen = _generator(seed)
    xs, ys = [], []
    for k, size in enumerate(_class_sizes(n, classes)):
        r = torch.linspace(0.05, 1.0, size, dtype=torch.float64)
        angle = 2 * math.pi * (turns * r + k / classes)
        points = torch.stack([r * torch.cos(angle), r * torch.sin(angle)], dim=1)
        xs.append(points + noise * torch.randn(size, 2, generator=gen, dtype=torch.float64))
        ys.append(torch.full((size,), k, dtype=torch.long))
    return torch.cat(xs).to(torch.float32), torch.cat(ys)


def make_moons(
    n: int = 300, *, noise: float = 0.1, seed: int = 0
) -> tuple[torch.Tensor, torch.Tensor]:
    """맞물린 두 반달: 곡선 경계 하나로 나뉘는 쉬운 이진 분류 데이터입니다.

    반달 0은 :math:`(\\cos t, \\sin t)`, 반달 1은 :math:`(1 - \\cos t, 0.5 - \\sin t)`
    (:math:`t \\in [0, \\pi]`)에 놓이고, 가운데가 원점에 오도록 :math:`(-0.5, -0.25)`\\ 만큼
    옮깁니다. 두 좌표에 표준편차 ``noise``\\ 인 정규 잡음이 더해집니다.

    Args:
        n: 전체 점의 수 (반달 0에 ``n - n // 2``\\ 개, 반달 1에 ``n // 2``\\ 개).
        noise: 좌표에 더하는 정규 잡음의 표준편차.
        seed: 난수 시드.

    Returns:
        ``(X, y)``: ``(n, 2)`` float32 입력과 ``(n,)`` int64 레이블 (0 또는 1).

    Examples:
        >>> from actfn.experiments import make_moons
        >>> X, y = make_moons(4, noise=0.0)
        >>> X
        tensor([[ 0.5000, -0.2500],
                [-1.5000, -0.2500],
                [-0.5000,  0.2500],
                [ 1.5000,  0.2500]])
        >>> y.tolist()
        [0, 0, 1, 1]
    """
    n = _validation.check_int(n, "n", minimum=2)
    noise = _validation.check_number(noise, "noise", at_least=0)
    gen = _generator(seed)
    xs, ys = [], []
    for k, size in enumerate(_class_sizes(n, 2)):
        t = torch.linspace(0.0, math.pi, size, dtype=torch.float64)
        if k == 0:
            points = torch.stack([torch.cos(t), torch.sin(t)], dim=1)
        else:
            points = torch.stack([1 - torch.cos(t), 0.5 - torch.sin(t)], dim=1)
        points = points - torch.tensor([0.5, 0.25], dtype=torch.float64)
        xs.append(points + noise * torch.randn(size, 2, generator=gen, dtype=torch.float64))
        ys.append(torch.full((size,), k, dtype=torch.long))
    return torch.cat(xs).to(torch.float32), torch.cat(ys)


def make_circles(
    n: int = 300, *, factor: float = 0.5, noise: float = 0.05, seed: int = 0
) -> tuple[torch.Tensor, torch.Tensor]:
    """동심원 두 개: 바깥 원(클래스 0, 반지름 1)과 안쪽 원(클래스 1, 반지름 ``factor``).

    Args:
        n: 전체 점의 수 (바깥 원에 ``n - n // 2``\\ 개, 안쪽 원에 ``n // 2``\\ 개).
        factor: 안쪽 원의 반지름, 0보다 크고 1보다 작습니다.
        noise: 좌표에 더하는 정규 잡음의 표준편차.
        seed: 난수 시드.

    Returns:
        ``(X, y)``: ``(n, 2)`` float32 입력과 ``(n,)`` int64 레이블 (0 또는 1).

    Examples:
        >>> from actfn.experiments import make_circles
        >>> X, y = make_circles(4, noise=0.0)
        >>> X.norm(dim=1)
        tensor([1.0000, 1.0000, 0.5000, 0.5000])
        >>> y.tolist()
        [0, 0, 1, 1]
    """
    n = _validation.check_int(n, "n", minimum=2)
    factor = _validation.check_number(factor, "factor", above=0, below=1)
    noise = _validation.check_number(noise, "noise", at_least=0)
    gen = _generator(seed)
    xs, ys = [], []
    for k, (size, radius) in enumerate(zip(_class_sizes(n, 2), (1.0, factor), strict=True)):
        t = torch.arange(size, dtype=torch.float64) * (2 * math.pi / size)
        points = radius * torch.stack([torch.cos(t), torch.sin(t)], dim=1)
        xs.append(points + noise * torch.randn(size, 2, generator=gen, dtype=torch.float64))
        ys.append(torch.full((size,), k, dtype=torch.long))
    return torch.cat(xs).to(torch.float32), torch.cat(ys)


# --------------------------------------------------------------------------------------
# 모델
# --------------------------------------------------------------------------------------


def _callable_name(fn: Callable[..., object]) -> str:
    if isinstance(fn, functools.partial):
        args = [repr(a) for a in fn.args] + [f"{k}={v!r}" for k, v in fn.keywords.items()]
        return f"{_callable_name(fn.func)}({', '.join(args)})"
    return getattr(fn, "__name__", type(fn).__name__)


class ActivationLayer(nn.Module):
    """텐서를 받아 텐서를 돌려주는 함수를 ``nn.Module``\\ 로 감쌉니다.

    ``nn.Sequential``\\ 에 넣을 수 있고, ``print(model)``\\ 에는 함수 이름이 보입니다.

    Args:
        fn: 활성화 함수, 예: ``actfn.relu``,
            ``functools.partial(actfn.leaky_relu, negative_slope=0.1)``.
        name: ``print``\\ 에 보일 이름. 기본값은 함수 이름(``partial``\\ 이면 인자까지).

    Examples:
        >>> import functools, torch, actfn
        >>> from actfn.experiments import ActivationLayer
        >>> ActivationLayer(functools.partial(actfn.leaky_relu, negative_slope=0.1))
        ActivationLayer(leaky_relu(negative_slope=0.1))
        >>> ActivationLayer(actfn.relu)(torch.tensor([-1.0, 2.0]))
        tensor([0., 2.])
    """

    def __init__(self, fn: Callable[[torch.Tensor], torch.Tensor], name: str | None = None):
        super().__init__()
        _validation.check_callable(fn, "fn", "호출할 수 있는 함수여야")
        self.fn = fn
        self.name = name if name is not None else _callable_name(fn)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """``fn(x)``\\ 를 돌려줍니다."""
        return self.fn(x)

    def extra_repr(self) -> str:
        """``print``\\ 에 보일 이름."""
        return self.name


def _unwrap(activation: ActivationLike) -> tuple[object, dict[str, object]]:
    """함수/모듈과, ``partial``\\ 이나 모듈에 담긴 키워드 인자."""
    if isinstance(activation, ActivationLayer):
        return _unwrap(activation.fn)
    if isinstance(activation, functools.partial):
        return activation.func, dict(activation.keywords)
    return activation, {}


def infer_nonlinearity(activation: ActivationLike) -> tuple[str, float | None] | None:
    """활성화 함수를 ``nn.init.calculate_gain``\\ 이 아는 이름(과 인자)으로 바꿉니다.

    Args:
        activation: :func:`make_mlp`\\ 가 받는 활성화 함수.

    Returns:
        ``(이름, 인자)`` (리키 렐루만 인자가 음수 쪽 기울기이고 나머지는 ``None``), 모르는 함수면
        ``None``.

    Examples:
        >>> import functools, torch.nn as nn, actfn
        >>> from actfn.experiments import infer_nonlinearity
        >>> infer_nonlinearity(actfn.tanh)
        ('tanh', None)
        >>> infer_nonlinearity(functools.partial(actfn.leaky_relu, negative_slope=0.2))
        ('leaky_relu', 0.2)
        >>> infer_nonlinearity(nn.LeakyReLU())
        ('leaky_relu', 0.01)
        >>> infer_nonlinearity(nn.GELU()) is None
        True
    """
    fn, keywords = _unwrap(activation)
    modules: dict[type[nn.Module], str] = {
        nn.ReLU: "relu",
        nn.Tanh: "tanh",
        nn.Sigmoid: "sigmoid",
        nn.Identity: "linear",
    }
    for cls, name in modules.items():
        if type(fn) is cls:
            return name, None
    if type(fn) is nn.LeakyReLU:
        return "leaky_relu", float(fn.negative_slope)
    functions: dict[str, tuple[object, ...]] = {
        "relu": (_functions.relu, torch.relu, F.relu),
        "tanh": (_functions.tanh, torch.tanh, F.tanh),
        "sigmoid": (_functions.sigmoid, torch.sigmoid, F.sigmoid),
    }
    for name, candidates in functions.items():
        if any(fn is c for c in candidates):
            return name, None
    if fn is _functions.leaky_relu or fn is F.leaky_relu:
        return "leaky_relu", float(keywords.get("negative_slope", 0.01))  # type: ignore[arg-type]
    return None


def make_mlp(
    activation: ActivationLike,
    *,
    depth: int,
    width: int,
    in_features: int = 2,
    out_features: int = 2,
    init: Init = "default",
    nonlinearity: str | None = None,
    gain: float | None = None,
    bias: float | None = None,
    seed: int = 0,
) -> nn.Sequential:
    """은닉층 ``depth``\\ 개마다 같은 활성화 함수를 쓰는 다층 퍼셉트론을 만듭니다.

    구조는 ``Linear(in, width) → 활성화 → (Linear(width, width) → 활성화) × (depth − 1) →
    Linear(width, out)``\\ 입니다. 출력층에는 활성화 함수가 없습니다: 출력은 로짓이고, 손실 함수가
    시그모이드나 소프트맥스를 맡습니다(:func:`train` 참고).

    Args:
        activation: 텐서 → 텐서 함수(``actfn.relu``, ``functools.partial(actfn.leaky_relu,
            negative_slope=0.01)`` 등; :class:`ActivationLayer`\\ 로 감쌈) 또는 ``nn.Module``
            (``nn.GELU()`` 등; 층마다 복사본을 씀).
        depth: 은닉층의 수, 1 이상.
        width: 은닉층마다의 뉴런 수, 1 이상.
        in_features: 입력 특성의 수.
        out_features: 출력(로짓)의 수. 1이면 이진 분류용 로짓 하나입니다.
        init: 가중치 초기화. ``"default"``\\ 는 ``nn.Linear``\\ 의 기본값
            (:math:`U(-1/\\sqrt{n_\\text{in}}, 1/\\sqrt{n_\\text{in}})`), ``"matched"``\\ 는 활성화
            함수에 맞춘 정규 분포 :math:`N(0, (g/\\sqrt{n_\\text{in}})^2)`\\ 입니다. ``g``\\ 는
            ``nn.init.calculate_gain(nonlinearity)`` (렐루면 He 초기화, ``nn.init.kaiming_normal_``\\ 과
            같음)이고 편향은 0, 출력층은 ``g = 1``\\ 입니다.
        nonlinearity: ``init="matched"``\\ 에서 쓸 ``calculate_gain``\\ 의 이름. 기본값은
            :func:`infer_nonlinearity`\\ 가 찾은 이름입니다. 모르는 활성화 함수에는 직접 주어야 합니다.
        gain: ``init="matched"``\\ 에서 ``calculate_gain`` 대신 쓸 이득 :math:`g` (0보다 큼). 이득을
            바꿔 가며 층당 기울기 배율을 잴 때 씁니다. ``nonlinearity``\\ 와 함께 줄 수 없습니다.
        bias: 주면 은닉층의 편향을 모두 이 값으로 채웁니다(죽은 뉴런 실험용). 출력층은 그대로 둡니다.
        seed: 초기화 난수 시드. 전역 난수 상태는 바뀌지 않습니다.

    Returns:
        ``nn.Sequential``.

    Examples:
        >>> import actfn
        >>> from actfn.experiments import make_mlp
        >>> model = make_mlp(actfn.relu, depth=2, width=4, seed=0)
        >>> print(model)
        Sequential(
          (0): Linear(in_features=2, out_features=4, bias=True)
          (1): ActivationLayer(relu)
          (2): Linear(in_features=4, out_features=4, bias=True)
          (3): ActivationLayer(relu)
          (4): Linear(in_features=4, out_features=2, bias=True)
        )
        >>> model[0].bias
        Parameter containing:
        tensor([-0.0628,  0.1871, -0.2137, -0.1390], requires_grad=True)
    """
    depth = _validation.check_positive_int(depth, "depth")
    width = _validation.check_positive_int(width, "width")
    in_features = _validation.check_positive_int(in_features, "in_features")
    out_features = _validation.check_positive_int(out_features, "out_features")
    _validation.check_choice(init, "init", ("default", "matched"))
    if bias is not None:
        bias = _validation.check_number(bias, "bias")
    _validation.check_callable(
        activation, "activation", "텐서를 받아 텐서를 돌려주는 함수나 nn.Module이어야"
    )
    if isinstance(activation, nn.Module):
        make_activation: Callable[[], nn.Module] = functools.partial(copy.deepcopy, activation)
    else:
        make_activation = functools.partial(ActivationLayer, activation)
    if gain is not None:
        if init != "matched":
            raise ValueError("gain은 init='matched'일 때만 쓸 수 있습니다.")
        if nonlinearity is not None:
            raise ValueError("gain은 nonlinearity와 함께 줄 수 없습니다. 둘 중 하나만 주세요.")
        gain = _validation.check_number(gain, "gain", above=0)
    elif init == "matched":
        if nonlinearity is None:
            found = infer_nonlinearity(activation)
            if found is None:
                raise ValueError(
                    f"init='matched': {_callable_name(activation)}에 맞는 이득(gain)을 모릅니다. "
                    "nonlinearity='relu'처럼 nn.init.calculate_gain의 이름을 직접 주세요."
                )
            nonlinearity, param = found
        else:
            param = None
        gain = nn.init.calculate_gain(nonlinearity, param)  # type: ignore[arg-type]
    else:
        gain = 1.0
    seed = _validation.check_int(seed, "seed", minimum=0)

    sizes = [in_features] + [width] * depth + [out_features]
    layers: list[nn.Module] = []
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        for i, (n_in, n_out) in enumerate(itertools.pairwise(sizes)):
            linear = nn.Linear(n_in, n_out)
            hidden = i < depth
            with torch.no_grad():
                if init == "matched":
                    std = (gain if hidden else 1.0) / math.sqrt(n_in)
                    linear.weight.normal_(0.0, std)
                    linear.bias.zero_()
                if hidden and bias is not None:
                    linear.bias.fill_(bias)
            layers.append(linear)
            if hidden:
                layers.append(make_activation())
    return nn.Sequential(*layers)


def linear_layers(model: nn.Module) -> list[nn.Linear]:
    """모델의 ``nn.Linear`` 층들을 입력 쪽부터 차례로 돌려줍니다."""
    return [m for m in model.modules() if isinstance(m, nn.Linear)]


def activation_layers(model: nn.Sequential) -> list[nn.Module]:
    """``nn.Sequential``\\ 에서 ``nn.Linear`` 바로 뒤에 오는 활성화 층들을 차례로 돌려줍니다."""
    _check_model(model)
    children = list(model)
    return [
        after
        for before, after in itertools.pairwise(children)
        if isinstance(before, nn.Linear) and not isinstance(after, nn.Linear)
    ]


# --------------------------------------------------------------------------------------
# 학습
# --------------------------------------------------------------------------------------


@contextlib.contextmanager
def single_thread() -> Iterator[None]:
    """안에서는 torch가 스레드 하나로 계산하고, 나오면 원래 스레드 수로 되돌립니다.

    스레드 수가 바뀌면 병렬 합계의 덧셈 순서가 바뀌어 결과의 마지막 자리가 달라질 수 있습니다.
    :func:`train`\\ 과 탐침은 모두 이 안에서 계산하므로 컴퓨터의 코어 수와 상관없이 같은 값을 냅니다.

    Examples:
        >>> import torch
        >>> from actfn.experiments import single_thread
        >>> before = torch.get_num_threads()
        >>> with single_thread():
        ...     torch.get_num_threads()
        1
        >>> torch.get_num_threads() == before
        True
    """
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)


@dataclass
class History:
    """학습 기록. 각 목록의 ``i``\\ 번째 값은 가중치를 ``i``\\ 번 업데이트한 모델의 값입니다.

    Attributes:
        loss: 단계별 학습 손실 (길이 ``steps + 1``, 0번은 학습 전).
        accuracy: 단계별 학습 데이터 정확도 (0~1).
        dead_fraction: :func:`train`\\ 에 ``track_dead=True``\\ 를 주었을 때 단계별, 은닉층별 죽은
            뉴런의 비율(:func:`dead_unit_fraction`). 아니면 빈 목록.
        dead_units: ``track_dead=True``\\ 일 때 단계별, 은닉층별로 죽어 있는 뉴런의 번호(0부터).
            비율만으로는 보이지 않는 뉴런 하나하나의 삶과 죽음을 :func:`dead_unit_changes`\\ 가 읽습니다.
    """

    loss: list[float] = field(default_factory=list)
    accuracy: list[float] = field(default_factory=list)
    dead_fraction: list[list[float]] = field(default_factory=list)
    dead_units: list[list[tuple[int, ...]]] = field(default_factory=list)

    @property
    def final_loss(self) -> float:
        """마지막 손실."""
        return self.loss[-1]

    @property
    def final_accuracy(self) -> float:
        """마지막 정확도."""
        return self.accuracy[-1]

    def dead_overall(self) -> list[float]:
        """단계별로 모든 은닉층을 합친 죽은 뉴런의 비율 (층마다 뉴런 수가 같다고 보고 평균)."""
        return [sum(layers) / len(layers) for layers in self.dead_fraction]


def _loss_and_accuracy(logits: torch.Tensor, y: torch.Tensor) -> tuple[torch.Tensor, float]:
    """출력이 하나면 ``BCEWithLogitsLoss``, 여럿이면 ``CrossEntropyLoss`` (둘 다 로짓을 받음)."""
    if logits.shape[1] == 1:
        z = logits.squeeze(1)
        loss = F.binary_cross_entropy_with_logits(z, y.to(z.dtype))
        correct = (z > 0).long() == y
    else:
        loss = F.cross_entropy(logits, y)
        correct = logits.argmax(dim=1) == y
    return loss, correct.double().mean().item()


def _dead_flags(pre_activations: list[torch.Tensor]) -> torch.Tensor:
    """층을 이어 붙인 뉴런마다 모든 행에서 활성화 전 값이 0 이하인지 (``vmap`` 안에서도 씀)."""
    return (torch.cat(pre_activations, dim=1) <= 0).all(dim=0)


def _dead(pre_activations: list[torch.Tensor]) -> list[float]:
    """층마다 (모든 행에서 값이 0 이하인 열의 수) / (열의 수)."""
    return _fractions(_dead_flags(pre_activations), [p.shape[1] for p in pre_activations])


def _fractions(flags: torch.Tensor, widths: list[int]) -> list[float]:
    """이어 붙인 층들의 뉴런별 참/거짓을 층마다의 비율로 나눕니다."""
    return [
        len(units) / width for units, width in zip(_per_layer(flags, widths), widths, strict=True)
    ]


def _per_layer(flags: torch.Tensor, widths: list[int]) -> list[tuple[int, ...]]:
    """이어 붙인 층들의 뉴런별 참/거짓을 층마다 참인 뉴런의 번호로 나눕니다."""
    dead = flags.tolist()
    layers, start = [], 0
    for width in widths:
        layers.append(tuple(i for i, flag in enumerate(dead[start : start + width]) if flag))
        start += width
    return layers


@contextlib.contextmanager
def _recording_pre_activations(model: nn.Sequential) -> Iterator[list[torch.Tensor]]:
    """순전파 동안 활성화 층들의 입력(활성화 전 값)을 모읍니다."""
    store: list[torch.Tensor] = []

    def hook(_module: nn.Module, args: tuple[torch.Tensor, ...]) -> None:
        store.append(args[0].detach())

    handles = [layer.register_forward_pre_hook(hook) for layer in activation_layers(model)]
    try:
        yield store
    finally:
        for handle in handles:
            handle.remove()


def _optimizer(
    parameters: Iterable[torch.Tensor], optimizer: str, lr: object
) -> torch.optim.Optimizer:
    """``torch.optim.Adam``/``SGD`` (기울기를 받는 매개변수만)."""
    lr = _validation.check_number(lr, "lr", above=0)
    optimizers = {"adam": torch.optim.Adam, "sgd": torch.optim.SGD}
    optimizer = _validation.check_choice(optimizer, "optimizer", tuple(optimizers))
    return optimizers[optimizer]([p for p in parameters if p.requires_grad], lr=lr)


def train(
    model: nn.Sequential,
    X: torch.Tensor,
    y: torch.Tensor,
    *,
    steps: int = 300,
    lr: float = 0.01,
    optimizer: Literal["adam", "sgd"] = "adam",
    track_dead: bool = False,
) -> History:
    """전체 배치로 ``steps``\\ 번 학습하고 단계별 손실과 정확도를 기록합니다.

    손실은 출력이 하나면 ``nn.BCEWithLogitsLoss``, 여럿이면 ``nn.CrossEntropyLoss``\\ 입니다. 둘 다
    로짓을 받으므로 모델의 출력층에 시그모이드나 소프트맥스를 넣지 않습니다. 모델은 제자리에서
    학습됩니다. 난수를 쓰지 않으므로(전체 배치) 같은 모델과 데이터는 언제나 같은 기록을 냅니다.

    최적화는 ``torch.optim.Adam``/``torch.optim.SGD``\\ 가 합니다.

    Args:
        model: 학습할 ``nn.Sequential`` (:func:`make_mlp`).
        X: 입력 ``(N, in_features)``.
        y: 정수 레이블 ``(N,)``.
        steps: 업데이트 횟수.
        lr: 학습률.
        optimizer: ``"adam"`` (Adam, 기본 하이퍼파라미터 :math:`\\beta = (0.9, 0.999)`,
            :math:`\\epsilon = 10^{-8}`) 또는 ``"sgd"`` (모멘텀 없는 경사 하강).
        track_dead: ``True``\\ 면 단계마다 은닉층별 죽은 뉴런의 비율과 번호도 기록합니다.

    Returns:
        :class:`History` (목록마다 길이 ``steps + 1``).

    Examples:
        >>> import actfn
        >>> from actfn.experiments import make_mlp, make_moons, train
        >>> X, y = make_moons(200, seed=0)
        >>> history = train(make_mlp(actfn.relu, depth=2, width=16, seed=0), X, y, steps=100)
        >>> len(history.loss)
        101
        >>> round(history.loss[0], 4), round(history.final_loss, 4), history.final_accuracy
        (0.6914, 0.0073, 1.0)
    """
    _check_data(X, y)
    steps = _validation.check_int(steps, "steps", minimum=0)
    _check_model(model)
    update = _optimizer(model.parameters(), optimizer, lr)
    history = History()
    recording = _recording_pre_activations(model) if track_dead else contextlib.nullcontext([])
    with single_thread(), recording as pre:
        model.train()
        for step in range(steps + 1):
            pre.clear()
            logits = model(X)
            loss, accuracy = _loss_and_accuracy(logits, y)
            history.loss.append(loss.item())
            history.accuracy.append(accuracy)
            if track_dead:
                flags = _dead_flags(pre)
                widths = [p.shape[1] for p in pre]
                history.dead_fraction.append(_fractions(flags, widths))
                history.dead_units.append(_per_layer(flags, widths))
            if step == steps:
                break
            update.zero_grad(set_to_none=True)
            loss.backward()
            update.step()
    return history


def train_many(
    models: Iterable[nn.Sequential],
    X: torch.Tensor,
    y: torch.Tensor,
    *,
    steps: int = 300,
    lr: float = 0.01,
    optimizer: Literal["adam", "sgd"] = "adam",
    track_dead: bool = False,
) -> list[History]:
    """구조가 같은 모델 여러 개(예: 시드만 다른 모델들)를 한꺼번에 학습시킵니다.

    결과는 ``[train(m, X, y, ...) for m in models]``\\ 와 같고(묶어서 하는 행렬곱의 덧셈 순서에
    따라 부동소수점 마지막 자리가 다를 수는 있습니다), 모델들도 똑같이 제자리에서 학습됩니다.
    다만 모델마다 따로 순전파와 역전파를 하지 않고, 모델들의 매개변수를 모델 축으로 쌓아(``torch.func.stack_module_state``) ``torch.func.vmap``\\ 으로 한 번에 계산하므로
    모델이 여럿이면 훨씬 빠릅니다. 역전파는 모델별 손실의 합으로 합니다. 한 모델의 매개변수는 제
    손실에만 영향을 주므로 합의 기울기는 모델마다 따로 구한 기울기와 같고, Adam과 SGD는 원소마다
    따로 계산하므로 업데이트도 따로 학습한 것과 같습니다.

    Args:
        models: 학습할 모델들. 모두 :func:`make_mlp`\\ 가 만든 것 같은 ``nn.Sequential``\\ 이고,
            층의 구성과 활성화 함수(``print(model)``\\ 로 보이는 구조)가 같아야 합니다.
        X: 입력 ``(N, in_features)``.
        y: 정수 레이블 ``(N,)``.
        steps: 업데이트 횟수.
        lr: 학습률.
        optimizer: ``"adam"`` 또는 ``"sgd"`` (:func:`train`\\ 과 같음).
        track_dead: ``True``\\ 면 단계마다 은닉층별 죽은 뉴런의 비율과 번호도 기록합니다.

    Returns:
        모델마다 :class:`History` 하나, ``models``\\ 의 순서대로.

    Examples:
        >>> import torch.nn as nn
        >>> from actfn.experiments import make_mlp, make_moons, train, train_many
        >>> X, y = make_moons(200, seed=0)
        >>> together = train_many(
        ...     [make_mlp(nn.ReLU(), depth=2, width=16, seed=s) for s in range(3)], X, y, steps=50
        ... )
        >>> apart = [train(make_mlp(nn.ReLU(), depth=2, width=16, seed=s), X, y, steps=50)
        ...          for s in range(3)]
        >>> [round(h.final_loss, 4) for h in together] == [round(h.final_loss, 4) for h in apart]
        True
    """
    if (
        isinstance(models, nn.Module)
        or not isinstance(models, Iterable)
        or not (models := list(models))
    ):
        raise TypeError(
            "models는 학습할 nn.Sequential 모델들의 목록이어야 합니다(하나 이상). "
            "모델 하나는 train으로 학습시킵니다."
        )
    for i, model in enumerate(models):
        _check_model(model, f"models[{i}]")
    first = _structure(models[0])
    for i, model in enumerate(models[1:], start=1):
        if _structure(model) != first:
            raise ValueError(
                f"models[{i}]의 층의 구성과 활성화 함수가 models[0]과 같아야 합니다.\n"
                f"models[0]: {models[0]}\nmodels[{i}]: {model}"
            )
    _check_data(X, y)
    steps = _validation.check_int(steps, "steps", minimum=0)
    params, buffers = torch.func.stack_module_state(models)  # type: ignore[arg-type]
    update = _optimizer(params.values(), optimizer, lr)
    template = copy.deepcopy(models[0]).to("meta")
    histories = [History() for _ in models]
    widths: list[int] = []  # 기록한 활성화 층마다 뉴런 수 (vmap 안에서도 모양은 정수)

    with single_thread(), _recording_pre_activations(template) as pre:
        template.train()

        def forward(p: dict[str, torch.Tensor], b: dict[str, torch.Tensor]) -> tuple:
            pre.clear()
            logits = torch.func.functional_call(template, (p, b), (X,))
            if not track_dead:
                return logits, logits.new_zeros(0)
            widths[:] = [t.shape[1] for t in pre]
            return logits, _dead_flags(pre)

        for step in range(steps + 1):
            logits, dead = torch.func.vmap(forward)(params, buffers)
            pre.clear()  # vmap 안에서만 뜻이 있는 텐서들
            losses = []
            for k, history in enumerate(histories):
                loss, accuracy = _loss_and_accuracy(logits[k], y)
                losses.append(loss)
                history.loss.append(loss.item())
                history.accuracy.append(accuracy)
                if track_dead:
                    history.dead_fraction.append(_fractions(dead[k], widths))
                    history.dead_units.append(_per_layer(dead[k], widths))
            if step == steps:
                break
            update.zero_grad(set_to_none=True)
            torch.stack(losses).sum().backward()
            update.step()

    with torch.no_grad():
        for k, model in enumerate(models):
            for name, tensor in itertools.chain(model.named_parameters(), model.named_buffers()):
                tensor.copy_((params if name in params else buffers)[name][k])
    return histories


def _structure(model: nn.Module) -> tuple[str, list[tuple[str, torch.Size]]]:
    """모델의 구조: ``print``\\ 에 보이는 층 구성과 매개변수의 이름·모양."""
    shapes = [(name, p.shape) for name, p in model.named_parameters()]
    return repr(model), shapes


def evaluate(model: nn.Module, X: torch.Tensor, y: torch.Tensor) -> tuple[float, float]:
    """모델을 바꾸지 않고 손실과 정확도를 잽니다(예: 학습에 쓰지 않은 테스트 데이터로).

    손실은 :func:`train`\\ 과 같습니다.

    Args:
        model: 로짓을 내는 모델.
        X: 입력 ``(N, in_features)``.
        y: 정수 레이블 ``(N,)``.

    Returns:
        ``(손실, 정확도)``.

    Examples:
        >>> import torch, actfn
        >>> from actfn.experiments import evaluate, make_mlp
        >>> X, y = torch.zeros(4, 2), torch.tensor([0, 1, 0, 1])
        >>> evaluate(make_mlp(actfn.relu, depth=1, width=3), X, y)[1]
        0.5
    """
    _check_data(X, y)
    with single_thread(), torch.no_grad():
        loss, accuracy = _loss_and_accuracy(model(X), y)
    return loss.item(), accuracy


# --------------------------------------------------------------------------------------
# 탐침
# --------------------------------------------------------------------------------------


def gradient_norms(model: nn.Module, X: torch.Tensor, y: torch.Tensor) -> list[float]:
    """배치 하나의 손실에 대한 층별 가중치 기울기의 크기(프로베니우스 노름)를 잽니다.

    손실은 :func:`train`\\ 과 같습니다. 모델의 ``.grad``\\ 는 건드리지 않습니다.

    Args:
        model: ``nn.Linear`` 층이 있는 모델.
        X: 입력 ``(N, in_features)``.
        y: 정수 레이블 ``(N,)``.

    Returns:
        ``nn.Linear`` 층마다 :math:`\\lVert \\partial L / \\partial W \\rVert_F`, 입력 쪽 층부터.

    Examples:
        >>> import torch, actfn
        >>> from actfn.experiments import gradient_norms, make_mlp, make_spirals
        >>> X, y = make_spirals(200, seed=0)
        >>> norms = gradient_norms(make_mlp(actfn.sigmoid, depth=4, width=16, seed=0), X, y)
        >>> [f"{g:.1e}" for g in norms]
        ['2.2e-05', '7.5e-04', '4.9e-03', '3.8e-02', '2.8e-01']
    """
    _check_data(X, y)
    weights = [layer.weight for layer in linear_layers(model)]
    if not weights:
        raise ValueError("model에 nn.Linear 층이 없습니다.")
    with single_thread():
        loss, _ = _loss_and_accuracy(model(X), y)
        grads = torch.autograd.grad(loss, weights)
    return [torch.linalg.vector_norm(g).item() for g in grads]


def pre_activations(model: nn.Sequential, X: torch.Tensor) -> list[torch.Tensor]:
    """은닉층마다 활성화 함수에 들어가는 값(활성화 전 값)을 모읍니다.

    Args:
        model: :func:`make_mlp`\\ 가 만든 것 같은 ``nn.Sequential``.
        X: 입력 ``(N, in_features)``.

    Returns:
        활성화 층마다 ``(N, 뉴런 수)`` 텐서, 입력 쪽 층부터.

    Examples:
        >>> import torch, actfn
        >>> from actfn.experiments import make_mlp, pre_activations
        >>> model = make_mlp(actfn.tanh, depth=3, width=5)
        >>> [z.shape for z in pre_activations(model, torch.zeros(7, 2))]
        [torch.Size([7, 5]), torch.Size([7, 5]), torch.Size([7, 5])]
    """
    _check_data(X)
    if not activation_layers(model):
        raise ValueError("model에 Linear 뒤에 오는 활성화 층이 없습니다.")
    with single_thread(), torch.no_grad(), _recording_pre_activations(model) as pre:
        model(X)
        return list(pre)


def dead_unit_fraction(model: nn.Sequential, X: torch.Tensor) -> list[float]:
    """은닉층마다 죽은 뉴런의 비율: 배치의 모든 입력에서 활성화 전 값이 0 이하인 뉴런.

    렐루라면 이런 뉴런은 이 배치에서 출력도 기울기도 0이라 학습으로 되살아나지 못합니다. 리키 렐루는
    같은 조건에서도 기울기가 ``negative_slope``\\ 배로 흐르므로, 리키 렐루에서 잰 값은 "렐루였다면
    죽었을 뉴런"의 비율입니다.

    Args:
        model: :func:`make_mlp`\\ 가 만든 것 같은 ``nn.Sequential``.
        X: 입력 ``(N, in_features)``.

    Returns:
        활성화 층마다 0~1 사이의 비율, 입력 쪽 층부터.

    Examples:
        >>> import torch, actfn
        >>> from actfn.experiments import dead_unit_fraction, make_mlp
        >>> model = make_mlp(actfn.relu, depth=2, width=4, bias=-10.0, seed=0)
        >>> dead_unit_fraction(model, torch.rand(8, 2))
        [1.0, 1.0]
    """
    return _dead(pre_activations(model, X))


@dataclass(frozen=True)
class DeadUnitChanges:
    """은닉층 하나에서 두 단계 사이에 뉴런들이 어떻게 바뀌었는지 (모두 뉴런 수).

    Attributes:
        dead_before: 앞 단계에서 죽어 있던 뉴런.
        dead_after: 뒤 단계에서 죽어 있는 뉴런.
        revived: 앞 단계에서 죽어 있다가 뒤 단계에서 살아 있는 뉴런 (되살아남).
        died: 앞 단계에서 살아 있다가 뒤 단계에서 죽어 있는 뉴런 (새로 죽음).
        stayed_dead: 두 단계 모두 죽어 있는 뉴런.
    """

    dead_before: int
    dead_after: int
    revived: int
    died: int
    stayed_dead: int


def dead_unit_changes(history: History, *, start: int = 0, end: int = -1) -> list[DeadUnitChanges]:
    """기록된 학습에서 은닉층마다 뉴런이 되살아나고 새로 죽은 수를 셉니다.

    죽은 뉴런의 비율이 그대로여도 같은 뉴런이 죽어 있다는 뜻은 아닙니다. 깊은 층의 뉴런은 앞 층이
    바뀌면 입력이 바뀌므로 되살아날 수 있고, 그동안 다른 뉴런이 죽으면 비율은 평평해 보입니다. 이
    함수는 ``start``\\ 단계와 ``end``\\ 단계에 죽어 있던 뉴런의 번호를 층마다 비교합니다.

    Args:
        history: :func:`train`\\ 이나 :func:`train_many`\\ 에 ``track_dead=True``\\ 를 주어 얻은 기록.
        start: 앞 단계 (기본값 0, 학습 전).
        end: 뒤 단계 (기본값 −1, 마지막). 음수는 파이썬의 목록 번호처럼 끝에서부터 셉니다.

    Returns:
        은닉층마다 :class:`DeadUnitChanges`\\ 하나, 입력 쪽 층부터.

    Examples:
        >>> from actfn.experiments import History, dead_unit_changes
        >>> history = History(dead_units=[[(0, 1), (2,)], [(1,), (0, 2)]])
        >>> [(c.revived, c.died, c.stayed_dead) for c in dead_unit_changes(history)]
        [(1, 0, 1), (0, 1, 1)]
    """
    _validation.check_instance(history, "history", History, "History여야")
    if not history.dead_units:
        raise ValueError(
            "history에 뉴런별 기록이 없습니다. train(..., track_dead=True)로 학습하세요."
        )
    steps = len(history.dead_units)
    for name, value in (("start", start), ("end", end)):
        _validation.check_int(
            value, name, minimum=-steps, maximum=steps - 1, reason=f"기록된 단계는 {steps}개"
        )
    changes = []
    for before, after in zip(history.dead_units[start], history.dead_units[end], strict=True):
        a, b = set(before), set(after)
        changes.append(
            DeadUnitChanges(
                dead_before=len(a),
                dead_after=len(b),
                revived=len(a - b),
                died=len(b - a),
                stayed_dead=len(a & b),
            )
        )
    return changes


@dataclass(frozen=True)
class DecisionGrid:
    """결정 경계를 그릴 격자. ``xx``, ``yy``, ``label``\\ 은 모두 ``(steps, steps)`` 모양입니다.

    Attributes:
        xx: 격자점의 첫째 좌표.
        yy: 격자점의 둘째 좌표.
        label: 격자점마다 모델이 고른 클래스 (int64).
    """

    xx: torch.Tensor
    yy: torch.Tensor
    label: torch.Tensor


def decision_grid(
    model: nn.Module, X: torch.Tensor, *, steps: int = 150, margin: float = 0.15
) -> DecisionGrid:
    """2차원 입력 공간에 격자를 깔고 점마다 모델이 고르는 클래스를 계산합니다.

    Args:
        model: 2차원 입력을 받아 로짓을 내는 모델 (출력 하나면 로짓 > 0을 클래스 1로 봄).
        X: 범위를 정할 데이터 ``(N, 2)``.
        steps: 축마다 격자점의 수.
        margin: 데이터 범위 바깥으로 넓힐 여백(범위에 대한 비율).

    Returns:
        :class:`DecisionGrid`.

    Examples:
        >>> import actfn
        >>> from actfn.experiments import decision_grid, make_mlp, make_moons
        >>> X, _ = make_moons(100)
        >>> grid = decision_grid(make_mlp(actfn.tanh, depth=1, width=8), X, steps=50)
        >>> grid.xx.shape, grid.label.dtype
        (torch.Size([50, 50]), torch.int64)
    """
    _check_data(X)
    if X.shape[1] != 2:
        raise ValueError("decision_grid는 2차원 입력(X.shape[1] == 2)에만 씁니다.")
    steps = _validation.check_int(steps, "steps", minimum=2)
    margin = _validation.check_number(margin, "margin", at_least=0)
    lo, hi = X.amin(dim=0), X.amax(dim=0)
    pad = margin * (hi - lo)
    lo, hi = lo - pad, hi + pad
    axes = [torch.linspace(lo[i].item(), hi[i].item(), steps) for i in range(2)]
    xx, yy = torch.meshgrid(*axes, indexing="xy")
    points = torch.stack([xx.reshape(-1), yy.reshape(-1)], dim=1).to(X.dtype)
    with single_thread(), torch.no_grad():
        logits = model(points)
    label = (logits.squeeze(1) > 0).long() if logits.shape[1] == 1 else logits.argmax(dim=1)
    return DecisionGrid(xx=xx, yy=yy, label=label.reshape(steps, steps))
