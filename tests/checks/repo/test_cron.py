"""Cron schedules: the longest gap between runs."""

from __future__ import annotations

import pytest

from launchgate.checks.repo.cron import MINUTES_PER_DAY, CronError, longest_gap_minutes


@pytest.mark.parametrize(
    ("crons", "gap"),
    [
        (["*/5 * * * *"], 5),
        (["* * * * *"], 1),
        (["0,5,10,15,20,25,30,35,40,45,50,55 * * * *"], 5),
        (["*/10 * * * *"], 10),
        (["0 * * * *"], 60),
        (["0-59/5 * * * *"], 5),
        (["30/20 * * * *"], 40),  # :30 and :50, then 40 minutes to the next :30
        (["*/5 9-17 * * *"], 15 * 60 + 5),
        (["*/10 * * * *", "5-55/10 * * * *"], 5),
        (["*/5 * * * 1-5"], MINUTES_PER_DAY),
        (["0 0 * * *"], MINUTES_PER_DAY),
    ],
)
def test_longest_gap(crons: list[str], gap: int) -> None:
    assert longest_gap_minutes(crons) == gap


@pytest.mark.parametrize("cron", ["*/5 * * *", "61 * * * *", "a * * * *", "*/0x * * * *"])
def test_unreadable_cron(cron: str) -> None:
    with pytest.raises(CronError):
        longest_gap_minutes([cron])
