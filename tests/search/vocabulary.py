"""Hand-made Korean test vocabulary: the book's key nouns, particles, verbs built on nouns.

Shared by tests/test_search_stemmer.py (each noun + particle stems to the noun) and
tests/test_search_parity.py (the browser agrees on all of these words too).
"""

from __future__ import annotations

# The book's key nouns (DESIGN.md's terminology table and the words around them), and nouns whose
# last syllable is also a particle or ending (이, 가, 과, 도, 의, 나, 로, 한, 할, 해, 인, 일).
_NOUNS = """
    활성화 함수 렐루 리키 시그모이드 하이퍼볼릭 탄젠트 소프트맥스 기울기 소실 뉴런 도함수 미분 포화
    중심 비선형성 은닉층 출력층 입력층 가중치 편향 로짓 이진 분류 다중 클래스 교차 엔트로피 손실
    학습률 초기화 온도 파이토치 텐서 신경망 딥러닝 확률 출력 입력 문제 모델 데이터 배치 차원 그래프
    평균 분포 역전파 하강법 범위 비활성화 값 층 합 식 점
    차이 결과 효과 정도 속도 정의 하나 이하 경로 평가 추가 이해 제한 역할 포함 상한 깊이 길이 사이
    원인 확인 동일 스케일 정확도 우도 용도 회로 텐서플로
"""
NOUNS = _NOUNS.split()

# (after a final consonant, after a vowel); after ㄹ the 으로 forms take 로.
PARTICLES = [
    ("이", "가"),
    ("을", "를"),
    ("은", "는"),
    ("과", "와"),
    ("으로", "로"),
    ("으로는", "로는"),
    ("으로서", "로서"),
    ("이나", "나"),
    ("이라는", "라는"),
    ("이라고", "라고"),
    ("이다", "이다"),
    ("입니다", "입니다"),
    ("이며", "이며"),
    ("인", "인"),
    ("의", "의"),
    ("에", "에"),
    ("에서", "에서"),
    ("에서는", "에서는"),
    ("에는", "에는"),
    ("에게", "에게"),
    ("도", "도"),
    ("만", "만"),
    ("까지", "까지"),
    ("부터", "부터"),
    ("보다", "보다"),
    ("처럼", "처럼"),
    ("마다", "마다"),
    ("들", "들"),
    ("들의", "들의"),
    ("들은", "들은"),
]

_PREDICATE_NOUNS = "계산 적용 사용 변환 포화 초기화 학습 미분 정의 제한 출력 압축 통과"
_PREDICATE_ENDINGS = """
    하다 합니다 하여 하여서 해서 하는 한 할 하면 했다 하고 하며 하기 하지만 하려면
    된다 됩니다 되는 된 될 되어 되면 되므로 되지 시키는 시킨 시켜
"""
PREDICATE_NOUNS = _PREDICATE_NOUNS.split()
PREDICATE_ENDINGS = _PREDICATE_ENDINGS.split()


def final_kind(syllable: str) -> str:
    jong = (ord(syllable) - 0xAC00) % 28
    return "vowel" if jong == 0 else "rieul" if jong == 8 else "consonant"


def attach(noun: str, particles: tuple[str, str]) -> str:
    consonant_form, vowel_form = particles
    final = final_kind(noun[-1])
    if final == "vowel" or (final == "rieul" and consonant_form.startswith("으로")):
        return noun + vowel_form
    return noun + consonant_form


def inflected_words() -> list[str]:
    """Every noun with every particle, and every predicate noun with every ending."""
    words = [attach(noun, particles) for noun in NOUNS for particles in PARTICLES]
    return words + [noun + ending for noun in PREDICATE_NOUNS for ending in PREDICATE_ENDINGS]
