"""Every way a package can be bad is refused with its own message, and changes nothing.

Headquarters already holds one package before each refusal, so "nothing changed" is tested on
a database with content (every row of every table compared).
"""

from __future__ import annotations

import json
import struct
import zipfile

import pytest

from complaint_desk.exchange.package_format import COMPLAINTS, EVENTS, PackageRefused
from complaint_desk.i18n import error_text, set_language
from complaint_desk.services.exchange_keys import export_public_key
from complaint_desk.services.package_export import export_package
from complaint_desk.services.package_import import import_package
from complaint_desk.store.database import open_database


@pytest.fixture
def setting(sites, tmp_path):
    """(headquarters holding BKK1's first package, BKK1's second package, BKK1's key)."""
    bkk = sites.office("BKK1", cases=60)
    hq = sites.hq()
    export_package(bkk, sites.clerk(bkk, "BKK1"), tmp_path / "first.cdpkg")
    import_package(hq, sites.admin(hq), tmp_path / "first.cdpkg")
    export_package(bkk, sites.clerk(bkk, "BKK1"), tmp_path / "good.cdpkg", full=True)
    return hq, tmp_path / "good.cdpkg", sites.private_key(bkk)


def refused(sites, hq, path):
    """Import, expecting a refusal; returns its message id after checking nothing changed."""
    before = sites.dump(hq)
    with pytest.raises(PackageRefused) as caught:
        import_package(hq, sites.admin(hq), path)
    assert sites.dump(hq) == before
    return caught.value


def member_text(path, name):
    with zipfile.ZipFile(path) as archive:
        return archive.read(name)


def test_a_truncated_package_is_refused(sites, setting, tmp_path):
    hq, good, _key = setting
    cut = tmp_path / "cut.cdpkg"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    error = refused(sites, hq, cut)
    assert "not a readable zip" in error.message


def test_a_flipped_byte_is_refused_by_the_checksum(sites, setting, tmp_path):
    hq, good, _key = setting
    with zipfile.ZipFile(good) as archive:
        info = archive.getinfo(COMPLAINTS)
    data = bytearray(good.read_bytes())
    # Inside the member's compressed data: past its local header (30 bytes, name, extra).
    name_length, extra_length = struct.unpack_from("<HH", data, info.header_offset + 26)
    offset = info.header_offset + 30 + name_length + extra_length + info.compress_size // 2
    data[offset] ^= 0x40
    flipped = tmp_path / "flipped.cdpkg"
    flipped.write_bytes(bytes(data))
    error = refused(sites, hq, flipped)
    assert "checksum" in error.message and error.params["member"] == COMPLAINTS


def test_a_package_signed_with_another_key_is_refused(sites, setting, tmp_path):
    hq, good, _key = setting
    stranger = open_database(tmp_path / "stranger.db")
    sites.opened.append(stranger)
    from complaint_desk.services.offices import init_office

    init_office(stranger, code="BKK1", name="ปลอม")
    forged = sites.repack(good, tmp_path / "forged.cdpkg", key=sites.private_key(stranger))
    error = refused(sites, hq, forged)
    assert "signature" in error.message and error.params["office"] == "BKK1"


def test_a_package_from_an_office_without_a_registered_key_is_refused(sites, setting,
                                                                       tmp_path):
    hq, _good, _key = setting
    other = sites.office("KKN1", cases=5)  # made after headquarters registered its keys
    export_package(other, sites.clerk(other, "KKN1"), tmp_path / "kkn.cdpkg")
    error = refused(sites, hq, tmp_path / "kkn.cdpkg")
    assert "not registered" in error.message and error.params["office"] == "KKN1"
    export_public_key(other, tmp_path / "kkn.key")  # the message names the key to register
    assert error.params["fingerprint"] in (tmp_path / "kkn.key").read_text()


def test_a_package_in_a_newer_format_is_refused(sites, setting, tmp_path):
    hq, good, key = setting
    newer = sites.repack(good, tmp_path / "newer.cdpkg", key=key,
                         manifest=lambda m: m.update(format_version=2))
    error = refused(sites, hq, newer)
    assert "newer format" in error.message and error.params["version"] == 2


def test_a_package_missing_a_member_is_refused(sites, setting, tmp_path):
    hq, good, key = setting
    missing = sites.repack(good, tmp_path / "missing.cdpkg", key=key, members={EVENTS: None},
                           keep_manifest_members=True)
    error = refused(sites, hq, missing)
    assert "lacks the member" in error.message and error.params["member"] == EVENTS


def test_a_package_with_a_member_twice_is_refused(sites, setting, tmp_path):
    hq, good, _key = setting
    doubled = tmp_path / "doubled.cdpkg"
    doubled.write_bytes(good.read_bytes())
    with pytest.warns(UserWarning), zipfile.ZipFile(doubled, "a") as archive:
        archive.writestr(COMPLAINTS, member_text(good, COMPLAINTS))
    error = refused(sites, hq, doubled)
    assert "more than once" in error.message and error.params["member"] == COMPLAINTS


@pytest.mark.parametrize("change,expected", [
    (lambda r: r.update(channel="pigeon"), "wrong value"),
    (lambda r: r.pop("received_at"), "lacks the field"),
    (lambda r: r.update(colour="red"), "unexpected field"),
])
def test_a_line_of_the_wrong_shape_is_refused_naming_the_member_and_line(
        sites, setting, tmp_path, change, expected):
    hq, good, key = setting
    lines = member_text(good, COMPLAINTS).splitlines(keepends=True)
    record = json.loads(lines[6])
    change(record)
    lines[6] = json.dumps(record, ensure_ascii=False).encode() + b"\n"
    bad = sites.repack(good, tmp_path / "bad.cdpkg", key=key, members={COMPLAINTS: b"".join(lines)})
    error = refused(sites, hq, bad)
    assert expected in error.message
    assert (error.params["member"], error.params["line"]) == (COMPLAINTS, 7)


def test_an_event_that_does_not_follow_its_predecessor_is_refused(sites, setting, tmp_path):
    hq, good, key = setting
    lines = member_text(good, EVENTS).splitlines(keepends=True)
    del lines[3]
    bad = sites.repack(good, tmp_path / "gap.cdpkg", key=key, members={EVENTS: b"".join(lines)})
    error = refused(sites, hq, bad)
    assert "chain is broken" in error.message and error.params["line"] == 4


def test_each_refusal_has_its_own_thai_message(sites, setting, tmp_path):
    """One message id per fault, each translated."""
    hq, good, key = setting
    cut = tmp_path / "cut.cdpkg"
    cut.write_bytes(good.read_bytes()[:100])
    faults = {
        "truncated": cut,
        "version": sites.repack(good, tmp_path / "v.cdpkg", key=key,
                                manifest=lambda m: m.update(format_version=9)),
        "missing": sites.repack(good, tmp_path / "m.cdpkg", key=key, members={EVENTS: None},
                                keep_manifest_members=True),
        "signature": sites.repack(good, tmp_path / "s.cdpkg", key="11" * 32),
        "checksum": sites.repack(good, tmp_path / "c.cdpkg", key=key,
                                 members={EVENTS: b"{}\n"}, keep_manifest_members=True),
    }
    messages = {name: refused(sites, hq, path) for name, path in faults.items()}
    assert len({error.message for error in messages.values()}) == len(faults)
    set_language("th")
    for error in messages.values():
        text = error_text(error)
        assert text != error.message and any("\u0e00" <= ch <= "\u0e7f" for ch in text)
