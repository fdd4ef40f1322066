"""Date formats that once crashed the time stage: day-month order without a year or weekday."""

from __future__ import annotations

from communique.time import find_timexes


def test_day_month_order_without_year() -> None:
    found = find_timexes("The talks ended on 5 June and resumed on 9 July 2019.", anchor="2019-07-20")
    assert [(t.text, t.value) for t in found] == [("5 June", "2019-06-05"), ("9 July 2019", "2019-07-09")]


def test_day_of_month_form() -> None:
    found = find_timexes("The envoy arrived on the 3rd of March.", anchor="2021-03-10")
    assert [t.value for t in found] == ["2021-03-03"]
