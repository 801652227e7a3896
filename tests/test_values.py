"""The values people type: figures and ledger file names (values.py); dates and states are in
test_dates_and_labels.py."""

from __future__ import annotations

import pytest

from linzi_kpi.values import (
    NUMBER_FORM,
    check_ledger_name,
    format_number,
    implausible,
    parse_number,
)


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
    ("-5", -5.0),  # negative is a number; the ledger refuses it but for a rate
    ("−5", -5.0),  # the minus sign kpi prints (−1.2% for a rate that fell)
    ("9" * 15, 999999999999999.0),  # the largest kept (10^15 and beyond: test_figure_cap.py)
])
def test_parse_number_accepts(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", [
    "NaN", "nan", "inf", "-inf", "Infinity", "1e309", "1e3", "1,20", "1,2000",
    "12,00", "0x10", "1_000", "600.", ".5", "", " ", "600个", "1 200",
    # words that name numbers are no digit form: 万 and 亿 multiply, 五 is a word
    "五", "12万", "1.2亿",
])
def test_parse_number_refuses(text: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_number(text)
    assert str(caught.value) == f"value {text!r} is not a number: write {NUMBER_FORM}"


@pytest.mark.parametrize(("text", "char", "name"), [
    # footnote marks and other digit forms were folded into digits: 1200¹ read as 12001
    ("1200¹", "¹", "SUPERSCRIPT ONE"),
    ("⑫", "⑫", "CIRCLED NUMBER TWELVE"),
    ("₁₂", "₁", "SUBSCRIPT ONE"),
    ("٣", "٣", "ARABIC-INDIC DIGIT THREE"),
    ("Ⅻ", "Ⅻ", "ROMAN NUMERAL TWELVE"),
    ("½", "½", "VULGAR FRACTION ONE HALF"),
])
def test_parse_number_refuses_other_digit_forms_naming_the_character(
        text: str, char: str, name: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_number(text, "个")
    assert str(caught.value) == (f"value {text!r} holds {char!r} ({name}), which is not a digit "
                                 f"kpi reads: write {NUMBER_FORM}")


def test_number_form_says_the_unit_may_follow() -> None:
    assert NUMBER_FORM == ("plain digits in the target's unit, e.g. 1200, 1,200 or 50.7 (the "
                           "target's own unit may follow, as in 95%; no 万 or 亿)")


@pytest.mark.parametrize(("text", "unit", "value"), [
    ("95%", "%", 95.0),  # was refused
    ("95 %", "%", 95.0),
    ("９５％", "%", 95.0),  # full-width digits and sign
    ("50.7%", "%", 50.7),
    ("1200个", "个", 1200.0),
    ("1,200个", "个", 1200.0),
    ("56万亩", "万亩", 56.0),  # the unit's own 万 is the unit, not a multiplier
    ("1200", "个", 1200.0),
])
def test_parse_number_accepts_the_targets_own_unit(text: str, unit: str, value: float) -> None:
    assert parse_number(text, unit) == value


@pytest.mark.parametrize(("text", "unit"), [
    ("95%", "个"),  # another target's unit
    ("1200个", "家"),
    ("1200个", ""),
    ("%", "%"),  # the unit alone
    ("95%%", "%"),
])
def test_parse_number_refuses_another_unit(text: str, unit: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_number(text, unit)
    assert str(caught.value) == f"value {text!r} is not a number: write {NUMBER_FORM}"


@pytest.mark.parametrize(("value", "target", "unit", "whole", "found"), [
    (0.95, 95, "%", False, ("value 0.95 looks like a fraction: did you mean 95?",
                            "write a percentage as the percent figure, e.g. 95 for 95 %")),
    (1.2, 50.7, "%", False, ("value 1.2 looks like a fraction: did you mean 120?",
                             "write a percentage as the percent figure, e.g. 95 for 95 %")),
    (9500, 95, "%", False, ("value 9500 is more than 100 %",
                            "a share cannot exceed 100 %: check the figure (a cell formatted as "
                            "0\"%\" or a figure multiplied by 100?)")),
    (3.5, 1200, "个", True, ("value 3.5 is not a whole number", "个 counts whole things")),
])
def test_implausible_figures(value, target, unit, whole, found) -> None:
    assert implausible(value, target, unit, whole) == found


@pytest.mark.parametrize(("value", "target", "unit", "whole"), [
    (95, 95, "%", False),
    (100, 95, "%", False),
    (0, 95, "%", False),  # nothing yet is a figure, not a fraction
    (1.5, 95, "%", False),  # the edge: 1.5 % may be meant
    (0.5, 5, "%", False),  # a small % target: a small figure is plausible
    (116.1, 116.1, "%", False),  # a target above 100 % allows figures above it
    (150, 116.1, "%", False),
    (3.5, 56, "万亩", False),  # not a count
    (1200, 1200, "个", True),
])
def test_plausible_figures(value, target, unit, whole) -> None:
    assert implausible(value, target, unit, whole) is None


def test_parse_number_too_large_is_refused_and_shown_cut() -> None:
    text = "1" + "0" * 400  # digits only, but beyond a float: would be inf
    with pytest.raises(ValueError) as caught:
        parse_number(text)
    assert str(caught.value) == (f"value '{text[:40]}…' is too large: kpi keeps figures below "
                                 "1,000,000,000,000,000 (10^15); check the figure and its unit")


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
