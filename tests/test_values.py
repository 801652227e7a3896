"""The values people type: figures and ledger file names (values.py); dates and states are in
test_dates_and_labels.py."""

from __future__ import annotations

import pytest

from linzi_kpi.values import NUMBER_FORM, check_ledger_name, format_number, parse_number


@pytest.mark.parametrize(("text", "value"), [
    ("1200", 1200.0),
    ("0", 0.0),
    ("50.7", 50.7),
    ("116.1", 116.1),
    ("1,200", 1200.0),
    ("1,234,567.5", 1234567.5),
    ("１２００", 1200.0),  # full-width digits
    ("１，２００", 1200.0),  # full-width comma too
    ("  600 ", 600.0),
    ("\u3000600", 600.0),  # ideographic space
    ("+5", 5.0),
    ("-5", -5.0),  # negative is a number; the ledger refuses it for a count
    ("1" + "0" * 300, 1e300),
])
def test_parse_number_accepts(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", [
    "NaN", "nan", "inf", "-inf", "Infinity", "1e309", "1e3", "12万", "1.2亿", "1,20", "1,2000",
    "12,00", "0x10", "1_000", "600.", ".5", "", " ", "五", "٣", "600个", "1 200", "−5",
])
def test_parse_number_refuses(text: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_number(text)
    assert str(caught.value) == f"value {text!r} is not a number: write {NUMBER_FORM}"


def test_parse_number_too_large_is_refused_and_shown_cut() -> None:
    text = "1" + "0" * 400  # digits only, but beyond a float: would be inf
    with pytest.raises(ValueError) as caught:
        parse_number(text)
    assert str(caught.value) == (f"value '{text[:40]}…' is too large: write {NUMBER_FORM}")


def test_parse_number_long_garbage_is_cut_in_the_message() -> None:
    text = "x" * 100
    with pytest.raises(ValueError) as caught:
        parse_number(text)
    assert str(caught.value).startswith(f"value '{'x' * 40}…' is not a number")


@pytest.mark.parametrize(("value", "text"), [
    (1200.0, "1200"), (50.7, "50.7"), (116.1, "116.1"), (0.0, "0"), (1e300, "1" + "0" * 300),
    (0.1 + 0.2, "0.30000000000000004"),  # exact, so a figure reads back as it was
])
def test_format_number(value: float, text: str) -> None:
    assert format_number(value) == text


@pytest.mark.parametrize(("value"), [1200.0, 50.7, 116.1, 0.3, 99.5, 1e-7, 123456789.123])
def test_format_number_round_trips(value: float) -> None:
    assert parse_number(format_number(value)) == value


@pytest.mark.parametrize("name", ["2023-06.csv", "区发改局.csv", "june returns.csv"])
def test_ledger_name_accepted(name: str) -> None:
    assert check_ledger_name(name) == name


@pytest.mark.parametrize("name", ["../2023-06.csv", "a/b.csv", "a\\b.csv", ".hidden.csv",
                                  "2023-06.txt", "2023-06", ".csv", "x.csv\x00", "x.CSV", ""])
def test_ledger_name_refused(name: str) -> None:
    with pytest.raises(ValueError) as caught:
        check_ledger_name(name)
    assert str(caught.value) == (f"ledger file name {name!r} must be a plain file name ending in "
                                 ".csv, e.g. 2023-06.csv")
