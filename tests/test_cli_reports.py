"""`report` and `aar` from the command line: files written, bad input one line and status 2."""

from __future__ import annotations

import json

from pypdf import PdfReader

from complaint_desk.cli import main


def test_every_report_kind_writes_a_pdf(report_db, tmp_path, capsys):
    db = ["--db", str(report_db.path)]
    with report_db.engine.connect() as connection:
        (reference,) = connection.exec_driver_sql(
            "SELECT reference FROM complaints WHERE complainant_anonymous = 0 LIMIT 1").one()
    runs = {
        "monthly": ["report", "monthly", "--month", "2567-08", "--office", "bkk1"],
        "aar": ["report", "aar", "--year", "2567"],
        "letter": ["report", "letter", "--ref", reference, "--thai-digits"],
        "case": ["report", "case", "--ref", reference],
    }
    for name, args in runs.items():
        out = tmp_path / f"{name}.pdf"
        assert main([*args, *db, "--user", "bkk1.supervisor", "--out", str(out)]) == 0, name
        assert len(PdfReader(str(out)).pages) >= 1


def test_a_bad_month_is_one_thai_line_and_no_file(report_db, tmp_path, capsys):
    out = tmp_path / "x.pdf"
    code = main(["report", "monthly", "--db", str(report_db.path), "--month", "2567-13",
                 "--out", str(out), "--lang", "th"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "เดือนไม่ถูกต้อง" in err
    assert not out.exists()


def test_the_aar_is_edited_and_finalised_from_the_command_line(db, signed_in_cli, tmp_path, capsys):
    base = ["--db", str(db.path), "--user", "t.supervisor", "--year", "2567"]
    assert main(["aar", "set", *base, "--section", "signer_name", "--text", "นางทดสอบ"]) == 0
    assert main(["aar", "set", *base, "--section", "participants",
                 "--text", "นายหนึ่ง | ผู้อำนวยการกอง\\nนางสอง"]) == 0
    assert main(["aar", "set", *base, "--section", "reasons", "--text", "law,policy"]) == 0
    assert main(["aar", "set", *base, "--section", "nonsense", "--text", "x"]) == 2
    assert "ไม่รู้จักหัวข้อของแบบฟอร์ม AAR: nonsense" in capsys.readouterr().err
    assert main(["aar", "finalise", *base]) == 0
    assert main(["aar", "set", *base, "--section", "objectives", "--text", "x"]) == 2
    capsys.readouterr()
    assert main(["aar", "show", "--db", str(db.path), "--year", "2567"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["status"] == "final" and shown["reasons"] == ["law", "policy"]
    assert shown["participants"] == [["นายหนึ่ง", "ผู้อำนวยการกอง"], ["นางสอง", ""]]
