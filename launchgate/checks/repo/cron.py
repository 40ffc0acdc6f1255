"""Cron schedules: how long a schedule can go without running (the longest gap in a day)."""

from __future__ import annotations

from collections.abc import Iterable

MINUTES_PER_DAY = 24 * 60


class CronError(ValueError):
    """A cron expression launchgate cannot read."""


def _field(text: str, low: int, high: int) -> set[int]:
    """The values one cron field selects (``*``, ``*/n``, ``a-b``, ``a-b/n``, lists)."""
    values: set[int] = set()
    for part in text.split(","):
        body, _, step_text = part.partition("/")
        step = _number(step_text, 1, high) if step_text else 1
        if body == "*":
            start, end = low, high
        elif "-" in body:
            start, end = (_number(b, low, high) for b in body.split("-", 1))
        else:
            start = _number(body, low, high)
            end = high if step_text else start
        values.update(range(start, end + 1, step))
    return values


def _number(text: str, low: int, high: int) -> int:
    if not text.isdigit() or not low <= int(text) <= high:
        raise CronError(f"'{text}' is not a number from {low} to {high}")
    return int(text)


def runs_every_day(expression: str) -> bool:
    """Whether the day-of-month, month and day-of-week fields are all ``*``."""
    return all(f == "*" for f in _split(expression)[2:])


def _split(expression: str) -> list[str]:
    fields = expression.split()
    if len(fields) != 5:
        raise CronError(f"'{expression}' does not have five fields")
    return fields


def times_of_day(expression: str) -> set[int]:
    """The minutes of the day a schedule runs at."""
    minute, hour = _split(expression)[:2]
    minutes, hours = _field(minute, 0, 59), _field(hour, 0, 23)
    return {h * 60 + m for h in hours for m in minutes}


def longest_gap_minutes(expressions: Iterable[str]) -> int:
    """The longest wait between runs of the schedules together; a day or more when not daily."""
    times: set[int] = set()
    for expression in expressions:
        if runs_every_day(expression):
            times |= times_of_day(expression)
    if not times:
        return MINUTES_PER_DAY
    ordered = sorted(times)
    gaps = [b - a for a, b in zip(ordered, ordered[1:], strict=False)]
    return max([*gaps, ordered[0] + MINUTES_PER_DAY - ordered[-1]])
