"""Public answers are remembered only while the projection stands still, and never served
to a reader waiting for a position they do not reflect."""

from __future__ import annotations

from collections.abc import Callable
from itertools import count

from projections.answers import RememberedAnswers


def asked() -> tuple[list[int], Callable[[], int]]:
    calls: list[int] = []
    numbers = count(1)

    def compute() -> int:
        calls.append(1)
        return next(numbers)

    return calls, compute


def test_without_an_in_process_projector_every_question_goes_to_the_database() -> None:
    answers, (calls, compute) = RememberedAnswers(), asked()
    assert [answers.answer("QN-0001", None, compute) for _ in range(3)] == [1, 2, 3]
    assert len(calls) == 3


def test_an_answer_is_served_again_until_the_projection_moves() -> None:
    answers, (calls, compute) = RememberedAnswers(), asked()
    answers.projected_to(10)
    assert answers.answer("QN-0001", None, compute) == 1
    assert answers.answer("QN-0001", 10, compute) == 1
    answers.projected_to(10)
    assert answers.answer("QN-0001", None, compute) == 1
    answers.projected_to(11)
    assert answers.answer("QN-0001", None, compute) == 2
    assert len(calls) == 2


def test_a_reader_waiting_for_a_later_position_is_not_served_an_older_answer() -> None:
    answers, (calls, compute) = RememberedAnswers(), asked()
    answers.projected_to(10)
    answers.answer("QN-0001", None, compute)
    assert answers.answer("QN-0001", 11, compute) == 2
    assert len(calls) == 2


def test_only_the_most_recent_answers_are_kept() -> None:
    answers, (calls, compute) = RememberedAnswers(most=2), asked()
    answers.projected_to(1)
    for code in ("A", "B", "C", "A"):
        answers.answer(code, None, compute)
    assert len(calls) == 4
