"""The exchange from the command line: keys, export, import, acknowledgement, offices.

The office is an SQLite file, as an office's database is; headquarters is on the test's
engine (``--db postgresql://...`` on PostgreSQL), like the other exchange tests."""

from __future__ import annotations

import json

import pytest

from complaint_desk.cli import main


@pytest.fixture
def hq_db(engine, request, tmp_path):
    """Headquarters' ``--db``: an SQLite file or an empty, migrated PostgreSQL database."""
    if engine == "sqlite":
        return str(tmp_path / "hq.db")
    cluster = request.getfixturevalue("pg_cluster")
    url = cluster.new_database()
    request.addfinalizer(lambda: cluster.drop_database(url))
    return url


def run(capsys, *argv):
    code = main([*argv, "--lang", "th"])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_an_office_and_headquarters_exchange_packages_from_the_command_line(tmp_path, capsys,
                                                                          hq_db):
    office, hq = str(tmp_path / "o.db"), hq_db
    for argv in (["init", "--db", office, "--office", "KKN1", "--office-name", "ขอนแก่น"],
                 ["demo", "--db", office, "--complaints", "80", "--today", "2024-12-20"],
                 ["init", "--db", hq, "--office", "HQ", "--office-name", "สำนักงานใหญ่", "--hq"],
                 ["package", "key", "--db", office, "--out", str(tmp_path / "kkn1.key")],
                 ["package", "trust", "--db", hq, "--office", "KKN1", "--key",
                  str(tmp_path / "kkn1.key")],
                 ["package", "key", "--db", hq, "--out", str(tmp_path / "hq.key")],
                 ["package", "trust", "--db", office, "--office", "HQ", "--key",
                  str(tmp_path / "hq.key")]):
        assert run(capsys, *argv)[0] == 0, argv
    package = str(tmp_path / "p1.cdpkg")
    code, out, _err = run(capsys, "package", "export", "--db", office, "--user", "kkn1.clerk",
                          "--out", package)
    assert code == 0 and "ข้อร้องเรียน 80 เรื่อง" in out
    code, out, _err = run(capsys, "package", "import", "--db", hq, package, package,
                          "--report", str(tmp_path / "r.json"))
    assert code == 0 and "ใหม่ 80 เรื่อง" in out and "นำเข้าแล้วก่อนหน้านี้" in out
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))[1]["already_imported"]
    code, out, _err = run(capsys, "package", "offices", "--db", hq)
    assert "KKN1\tขอนแก่น\t80\t1\t" in out
    assert run(capsys, "check", "--db", hq)[0] == 0
    ack = str(tmp_path / "a.cdack")
    assert run(capsys, "package", "acknowledge", "--db", hq, "--office", "KKN1", "--out",
               ack)[0] == 0
    code, out, _err = run(capsys, "package", "take-ack", "--db", office, "--user", "kkn1.clerk",
                          ack)
    assert code == 0 and out.startswith("สำนักงานใหญ่ตอบรับแพ็กเกจแล้ว 1")
    code, out, _err = run(capsys, "package", "export", "--db", office, "--user", "kkn1.clerk",
                          "--out", str(tmp_path / "p2.cdpkg"))
    assert "ข้อร้องเรียน 0 เรื่อง" in out


def test_a_refused_package_is_one_thai_line_and_status_2(tmp_path, capsys, hq_db):
    hq = hq_db
    assert run(capsys, "init", "--db", hq, "--office", "HQ", "--office-name", "ใหญ่", "--hq")[0] == 0
    (tmp_path / "bad.cdpkg").write_bytes(b"PK\x03\x04 not really")
    code, _out, err = run(capsys, "package", "import", "--db", hq, str(tmp_path / "bad.cdpkg"))
    assert code == 2 and err.count("\n") == 1 and "เสียหายหรือไม่ครบถ้วน" in err
