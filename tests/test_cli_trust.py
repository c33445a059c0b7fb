"""The CLI signs in as --user and is held to the same permission matrix as the GUI."""

import json

import pytest

from complaint_desk.cli import main
from tests.conftest import TEST_PASSWORD


@pytest.fixture
def dbfile(tmp_path):
    path = tmp_path / "cli.db"
    assert main(["init", "--db", str(path), "--office", "KKN", "--office-name", "ขอนแก่น"]) == 0
    return path


def test_init_refuses_to_create_an_administrator_without_a_password(tmp_path, monkeypatch,
                                                                     capsys):
    monkeypatch.delenv("COMPLAINT_DESK_PASSWORD")
    assert main(["init", "--db", str(tmp_path / "x.db"), "--office", "KKN",
                 "--office-name", "ขอนแก่น"]) == 2
    assert "password" in capsys.readouterr().err
    monkeypatch.setenv("FIRST_ADMIN", "short")
    assert main(["init", "--db", str(tmp_path / "x.db"), "--office", "KKN", "--office-name",
                 "ขอนแก่น", "--admin-password-env", "FIRST_ADMIN"]) == 2
    monkeypatch.setenv("FIRST_ADMIN", "a-long-enough-one")
    assert main(["init", "--db", str(tmp_path / "x.db"), "--office", "KKN", "--office-name",
                 "ขอนแก่น", "--admin-password-env", "FIRST_ADMIN"]) == 0


def test_a_wrong_password_is_one_thai_line_and_status_2(dbfile, monkeypatch, capsys):
    monkeypatch.setenv("COMPLAINT_DESK_PASSWORD", "wrong")
    assert main(["users", "list", "--db", str(dbfile), "--lang", "th"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "รหัสผ่าน" in err


def test_the_admin_manages_users_from_the_command_line(dbfile, monkeypatch, capsys):
    db = ["--db", str(dbfile)]
    monkeypatch.setenv("FIRST", "first-pass-99")
    assert main(["users", "add", *db, "--username", "somchai", "--name", "สมชาย", "--role",
                 "officer", "--password-env", "FIRST"]) == 0
    monkeypatch.setenv("COMPLAINT_DESK_PASSWORD", "first-pass-99")
    # a password the admin gave must be changed before anything else
    assert main(["kpi", *db, "--user", "somchai", "--month", "2567-08"]) == 2
    monkeypatch.setenv("MINE", "my-own-pass-1")
    assert main(["password", *db, "--user", "somchai", "--new-password-env", "MINE"]) == 0
    monkeypatch.setenv("COMPLAINT_DESK_PASSWORD", "my-own-pass-1")
    assert main(["kpi", *db, "--user", "somchai", "--month", "2567-08"]) == 0
    assert main(["users", "list", *db, "--user", "somchai"]) == 2  # officers do not manage
    monkeypatch.setenv("COMPLAINT_DESK_PASSWORD", TEST_PASSWORD)
    assert main(["users", "disable", *db, "somchai"]) == 0
    capsys.readouterr()
    assert main(["users", "list", *db]) == 0
    assert "somchai\tofficer\tdisabled" in capsys.readouterr().out


def test_show_masks_the_complainant_and_reveal_shows_and_records_it(dbfile, capsys):
    db = ["--db", str(dbfile)]
    main(["demo", *db, "--complaints", "1", "--today", "2024-12-01"])
    assert main(["record", *db, "--user", "kkn.officer", "--channel", "walk_in", "--subject",
                 "ท่อแตก", "--description", "น้ำรั่ว", "--name", "สมชาย ใจดี"]) == 0
    ref = capsys.readouterr().out.strip().splitlines()[-1]
    assert main(["show", *db, "--ref", ref, "--user", "kkn.handler"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["complainant_name"] == "ส***ย ใ***"
    assert "สมชาย" not in json.dumps(shown, ensure_ascii=False)
    assert main(["reveal", *db, "--ref", ref, "--user", "kkn.clerk"]) == 2
    assert main(["reveal", *db, "--ref", ref, "--user", "kkn.handler"]) == 0
    assert json.loads(capsys.readouterr().out.split("\n", 0)[0])["complainant_name"] == \
        "สมชาย ใจดี"
    assert main(["audit", *db]) == 0
    assert f"kkn.handler\tview_personal_data\t{ref}" in capsys.readouterr().out


def test_demo_data_never_goes_among_real_cases(dbfile, capsys):
    db = ["--db", str(dbfile)]
    assert main(["record", *db, "--channel", "line", "--subject", "ก", "--description", "ข",
                 "--anonymous", "--user", "admin"]) == 2  # admins do not record cases
    from complaint_desk.services import accounts
    from complaint_desk.services.users import actor_for
    from complaint_desk.store.database import open_database

    database = open_database(dbfile)
    accounts.create_account(database, actor_for(database, "admin"), username="o",
                            display_name="o", role="officer", password=None)
    accounts.reset_password(database, actor_for(database, "admin"), "o", TEST_PASSWORD)
    accounts.change_password(database, actor_for(database, "o"), TEST_PASSWORD, TEST_PASSWORD)
    database.dispose()
    assert main(["record", *db, "--channel", "line", "--subject", "ก", "--description", "ข",
                 "--anonymous", "--user", "o"]) == 0
    assert main(["demo", *db, "--complaints", "5", "--lang", "en"]) == 2
    assert "real cases" in capsys.readouterr().err


def test_backup_and_settings_from_the_command_line(dbfile, tmp_path, capsys):
    db = ["--db", str(dbfile)]
    folder = tmp_path / "usb"
    assert main(["settings", "set", *db, "backup_folder", str(folder)]) == 0
    assert main(["settings", "set", *db, "idle_lock_minutes", "0"]) == 2
    assert main(["backup", *db]) == 0
    assert len(list(folder.glob("cli-*-manual.db"))) == 1
    out = tmp_path / "one.db"
    assert main(["backup", *db, "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["restore", *db, str(out)]) == 0
    assert "cli.replaced-" in capsys.readouterr().out


def test_the_office_particulars_are_set_and_shown_from_the_command_line(dbfile, tmp_path,
                                                                        capsys):
    import io

    from PIL import Image

    db = ["--db", str(dbfile), "--lang", "th"]
    emblem = tmp_path / "emblem.png"
    out = io.BytesIO()
    Image.new("RGB", (40, 40), "navy").save(out, "PNG")
    emblem.write_bytes(out.getvalue())
    assert main(["settings", "set", *db, "office_address", "99 ถนนมิตรภาพ"]) == 0
    assert main(["settings", "set", *db, "letter_signer_name", "นายสมชาย ใจดี"]) == 0
    assert main(["settings", "set", *db, "report_logo", str(emblem)]) == 0
    capsys.readouterr()
    assert main(["settings", "set", *db, "report_logo", str(dbfile)]) == 2  # not an image
    assert "ตราสัญลักษณ์" in capsys.readouterr().err
    assert main(["settings", "show", *db]) == 0
    rows = {line.split("\t")[0]: line.split("\t")[1:] for line in
            capsys.readouterr().out.splitlines()}
    assert rows["office_address"] == ["99 ถนนมิตรภาพ", "ที่อยู่"]
    assert rows["letter_signer_name"] == ["นายสมชาย ใจดี", "หนังสือตอบรับ: ชื่อผู้ลงนาม"]
    assert rows["report_logo"][0].startswith("รูปภาพ ")
    assert rows["idle_lock_minutes"][0].isdigit()  # key and value stay the first two columns


def test_a_level_target_is_changed_and_listed_from_the_command_line(dbfile, capsys):
    db = ["--db", str(dbfile), "--lang", "th"]
    assert main(["levels", "set-target", *db, "2", "10"]) == 0
    rows = [line.split("\t") for line in capsys.readouterr().out.splitlines()]
    assert rows[1][:2] == ["2", "10"]
    assert main(["levels", "set-target", *db, "2", "400"]) == 2
    assert "วันทำการ" in capsys.readouterr().err
