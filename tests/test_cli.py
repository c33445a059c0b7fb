import csv
import subprocess
import sys

import pytest

from complaint_desk.cli import main


@pytest.fixture
def dbfile(tmp_path):
    path = tmp_path / "cli.db"
    assert main(["init", "--db", str(path), "--office", "KKN", "--office-name", "ขอนแก่น"]) == 0
    return path


def test_due_date_prints_iso_and_buddhist_era(capsys):
    assert main(["due-date", "--from", "2024-08-05", "--working-days", "15"]) == 0
    assert capsys.readouterr().out.strip() == "2024-08-27\t27 สิงหาคม 2567"


def test_bad_input_is_one_thai_line_and_status_2(dbfile, capsys):
    code = main(["kpi", "--db", str(dbfile), "--month", "2567-13", "--lang", "th"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "เดือนไม่ถูกต้อง" in err


def test_an_unknown_office_is_refused_in_english_by_locale(dbfile, capsys, monkeypatch):
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("COMPLAINT_DESK_LANG", raising=False)
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    assert main(["kpi", "--db", str(dbfile), "--month", "2567-08", "--office", "XX"]) == 2
    assert capsys.readouterr().err.strip() == "Unknown office: XX"


def test_a_whole_case_from_the_command_line(dbfile, capsys):
    db = ["--db", str(dbfile)]
    assert main(["demo", *db, "--complaints", "5", "--today", "2024-12-01"]) == 0
    capsys.readouterr()
    assert main(["record", *db, "--user", "kkn.officer", "--channel", "line", "--subject",
                 "ไฟดับ", "--description", "ไฟทางเดินดับทั้งชั้น", "--anonymous"]) == 0
    ref = capsys.readouterr().out.strip()
    steps = [
        ["acknowledge", "--user", "kkn.officer"],
        ["assess", "--user", "kkn.officer", "--category", "utilities"],
        ["assign-level", "--user", "kkn.supervisor", "--level", "1", "--unit", "กองซ่อมบำรุง"],
        ["note", "--user", "kkn.officer", "--text", "แจ้งช่างแล้ว"],
        ["respond", "--user", "kkn.officer", "--decision", "เปลี่ยนหลอดไฟ", "--reasons", "หลอดขาด"],
        ["close", "--user", "kkn.officer", "--accepted", "--satisfaction", "5"],
    ]
    for step in steps:
        assert main([step[0], *db, "--ref", ref, *step[1:]]) == 0, step
    assert capsys.readouterr().out.strip().splitlines()[-1] == f"{ref}\tclosed"
    # An illegal step now: status 2, nothing changed.
    assert main(["acknowledge", *db, "--ref", ref, "--user", "kkn.officer"]) == 2
    assert main(["check", *db]) == 0


def test_export_leaves_personal_data_out_unless_asked_and_allowed(dbfile, tmp_path, capsys):
    db = ["--db", str(dbfile)]
    main(["demo", *db, "--complaints", "20", "--today", "2024-12-01"])
    out = tmp_path / "x.csv"
    assert main(["export", "csv", *db, "--user", "kkn.clerk", "--out", str(out)]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    header = next(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert {"uuid", "reference", "office_code", "channel", "category", "level", "status",
            "received_at", "acknowledged_at", "ack_due_at", "due_at", "closed_at",
            "satisfaction", "review_count"} <= set(header)
    assert "complainant_name" not in header
    assert main(["export", "csv", *db, "--user", "kkn.clerk", "--out", str(out),
                 "--include-personal"]) == 2
    assert main(["export", "csv", *db, "--user", "kkn.supervisor", "--out", str(out),
                 "--include-personal"]) == 0
    assert "complainant_name" in out.read_text(encoding="utf-8-sig").splitlines()[0]


def test_the_console_script_runs_as_a_program(dbfile):
    done = subprocess.run([sys.executable, "-m", "complaint_desk", "check", "--db", str(dbfile)],
                          capture_output=True, text=True, env={"LANG": "C.UTF-8", "PATH": ""})
    assert done.returncode == 0 and "ไม่พบปัญหา" in done.stdout


def test_import_dry_run_reports_the_closed_before_received_line_and_imports_nothing(
        dbfile, tmp_path, capsys):
    import json
    import sqlite3

    mapping = tmp_path / "map.json"
    mapping.write_text(json.dumps({"columns": {"วันที่รับ": "received_at", "เรื่อง": "subject",
                                               "วันที่ปิด": "closed_at"},
                                   "defaults": {"channel": "walk_in", "description": "-",
                                                "complainant_anonymous": "1"}},
                                  ensure_ascii=False), encoding="utf-8")
    register = tmp_path / "old.csv"
    with open(register, "w", newline="", encoding="utf-8-sig") as handle:
        csv.writer(handle).writerows([["ทะเบียนเก่า", "", ""],
                                      ["วันที่รับ", "เรื่อง", "วันที่ปิด"],
                                      ["15/08/2567", "ไฟดับ", "20/08/2567"],
                                      ["15/08/2567", "น้ำรั่ว", "1/08/2567"]])
    args = ["import", str(register), "--mapping", str(mapping), "--db", str(dbfile),
            "--lang", "th"]
    assert main([*args, "--dry-run"]) == 1
    out = capsys.readouterr()
    assert "แถว 4" in out.err and "วันที่ปิดเรื่อง" in out.err and "ปิดเรื่องก่อนวันที่รับเรื่อง" in out.err
    assert main(args) == 1
    capsys.readouterr()
    with sqlite3.connect(dbfile) as conn:
        assert conn.execute("SELECT count(*) FROM complaints").fetchone()[0] == 0
    assert main([*args, "--good-rows-only"]) == 0
    with sqlite3.connect(dbfile) as conn:
        assert conn.execute("SELECT count(*) FROM complaints").fetchone()[0] == 1
