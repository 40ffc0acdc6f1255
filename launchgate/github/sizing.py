"""Fit the markdown scorecard under a size limit by shedding the least important detail first."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace

from launchgate.core.scorecard import Scorecard
from launchgate.report.markdown import Detail, render_markdown

Measure = Callable[[str], int]


def utf16_units(text: str) -> int:
    """Length as GitHub counts a comment body (UTF-16 code units; an emoji counts two)."""
    return len(text.encode("utf-16-le")) // 2


def utf8_bytes(text: str) -> int:
    """Size in bytes, as the job summary's limit is counted."""
    return len(text.encode("utf-8"))


def shedding_steps(base: Detail) -> Iterator[Detail]:
    """Ever smaller forms: ignored list, warnings, blocker details, then long notes go."""
    detail = base
    yield detail
    for change in (
        {"ignored": False},
        {"warnings": False},
        {"blocker_details": False},
        {"note_chars": 200},
        {"note_chars": 60},
    ):
        detail = replace(detail, **change)
        yield detail


def fit_markdown(
    card: Scorecard, limit: int, measure: Measure, base: Detail, wrap: Callable[[str], str] = str
) -> str:
    """The fullest ``wrap(markdown)`` within ``limit``; at worst as many blockers as fit."""
    detail = base
    for detail in shedding_steps(base):
        text = wrap(render_markdown(card, detail))
        if measure(text) <= limit:
            return text

    def fits(count: int) -> bool:
        return measure(wrap(render_markdown(card, replace(detail, max_blockers=count)))) <= limit

    low, high = 0, card.blockers  # fits(low) is assumed: the table alone is a few kilobytes
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if fits(middle) else (low, middle - 1)
    return wrap(render_markdown(card, replace(detail, max_blockers=low)))
