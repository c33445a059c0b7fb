"""The command line's own help and parse errors are in the user's language, Thai first."""

import argparse
import re

import pytest

from complaint_desk import cli
from complaint_desk.i18n import set_language

THAI = re.compile("[\u0e00-\u0e7f]")


@pytest.fixture(autouse=True)
def _thai_afterwards():
    yield
    set_language("th")


def _every_parser(parser: argparse.ArgumentParser):
    yield parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                yield from _every_parser(child)


def _help_texts(parser: argparse.ArgumentParser):
    """Every help text argparse would print: options, commands and their descriptions."""
    for each in _every_parser(parser):
        if each.description:
            yield each.prog, each.description
        for action in each._actions:
            if action.help and action.help != argparse.SUPPRESS:
                yield each.prog, action.help
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:
                    if choice.help:
                        yield each.prog, choice.help


def test_every_help_text_is_translated_into_thai():
    set_language("th")
    cli._localise_argparse()
    texts = list(_help_texts(cli._parser()))
    assert len(texts) > 100  # the whole tree was walked, not only the top
    untranslated = [(prog, text) for prog, text in texts if not THAI.search(text)]
    assert untranslated == []


def test_help_is_thai_by_default_and_english_when_asked(capsys, monkeypatch):
    monkeypatch.delenv("COMPLAINT_DESK_LANG", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.delenv("LANG", raising=False)
    with pytest.raises(SystemExit) as done:
        cli.main(["record", "--help"])
    thai = capsys.readouterr().out
    assert done.value.code == 0
    assert thai.startswith("วิธีใช้: complaint-desk record")
    assert "บันทึกข้อร้องเรียนใหม่" in thai and "ตัวเลือก:" in thai

    with pytest.raises(SystemExit):
        cli.main(["record", "--help", "--lang", "en"])
    english = capsys.readouterr().out
    assert english.startswith("usage: complaint-desk record")
    assert "record a new complaint" in english and not THAI.search(english)


def test_a_parse_error_names_the_missing_option_in_thai(capsys):
    with pytest.raises(SystemExit) as done:
        cli.main(["kpi", "--lang=th"])
    err = capsys.readouterr().err
    assert done.value.code == 2
    assert "complaint-desk kpi: ผิดพลาด: ต้องระบุอาร์กิวเมนต์หนึ่งใน --month --year" in err


def test_an_unknown_choice_is_refused_in_thai(capsys):
    with pytest.raises(SystemExit) as done:
        cli.main(["kpi", "--month", "2567-08", "--format", "pdf"])
    err = capsys.readouterr().err
    assert done.value.code == 2
    assert "ตัวเลือกไม่ถูกต้อง: 'pdf'" in err and "--format" in err
