"""Dates in Europe/Paris, across the clock changes, and the build date."""

from __future__ import annotations

import datetime as dt

import pytest

from passerelles.labels import date_fr, when_fr
from passerelles.models import Evenement
from passerelles.timeutil import PARIS, build_date, parse_when, sort_key


def test_naive_datetime_is_paris_time_with_the_right_offset_each_season():
    winter, _ = parse_when("2027-01-15T14:00")
    summer, _ = parse_when("2027-07-15T14:00")
    assert winter.utcoffset() == dt.timedelta(hours=1)
    assert summer.utcoffset() == dt.timedelta(hours=2)


def test_spring_forward_gap_is_reported():
    _, problem = parse_when("2027-03-28T02:30")
    assert problem == (
        "l'heure 02:30 n'existe pas le 28/03/2027 à Paris (passage à l'heure d'été) ; choisissez une autre heure"
    )
    assert parse_when("2027-03-28T03:30")[1] is None


def test_autumn_repeated_hour_takes_the_first_occurrence():
    when, problem = parse_when("2027-10-31T02:30")
    assert problem is None
    assert when.astimezone(dt.UTC) == dt.datetime(2027, 10, 31, 0, 30, tzinfo=dt.UTC)


def test_explicit_offset_is_kept():
    when, _ = parse_when("2027-03-12T14:00+00:00")
    assert when.astimezone(PARIS).hour == 15


def test_event_spanning_the_clock_change_keeps_its_real_duration():
    start, _ = parse_when("2027-03-27T20:00")
    end, _ = parse_when("2027-03-28T08:00")
    assert sort_key(end) - sort_key(start) == dt.timedelta(hours=11)
    assert when_fr(start, end) == "du samedi 27 mars 2027 à 20 h au dimanche 28 mars 2027 à 8 h"


def test_event_past_only_after_its_last_paris_day():
    late, _ = parse_when("2027-03-12T23:30")  # 22:30 UTC: still the 12th in Paris
    event = Evenement(
        collection="evenements",
        slug="e",
        source="e.md",
        titre="E",
        resume="r",
        type="salon",
        debut=late,
        organisateur="o",
    )
    assert event.last_day == dt.date(2027, 3, 12)
    assert not event.is_past(dt.date(2027, 3, 12))
    assert event.is_past(dt.date(2027, 3, 13))


def test_build_date_sources():
    assert build_date("2026-11-23", {}) == dt.date(2026, 11, 23)
    # 2026-11-22 23:30 UTC is already the 23rd in Paris
    assert build_date(None, {"SOURCE_DATE_EPOCH": "1795390200"}) == dt.date(2026, 11, 23)
    with pytest.raises(ValueError, match="écrivez-la AAAA-MM-JJ"):
        build_date("23/11/2026", {})


def test_french_dates():
    assert date_fr(dt.date(2022, 10, 1)) == "1er octobre 2022"
    assert date_fr(dt.date(2020, 11, 23), weekday=True) == "lundi 23 novembre 2020"
    assert when_fr(dt.date(2022, 1, 1), None, "annee") == "en 2022"
    assert when_fr(dt.date(2022, 9, 1), dt.date(2023, 6, 30), "mois") == "de septembre 2022 à juin 2023"
    assert when_fr(dt.date(2027, 4, 1), dt.date(2027, 4, 2)) == "du jeudi 1er avril 2027 au vendredi 2 avril 2027"
