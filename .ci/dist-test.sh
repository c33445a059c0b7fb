#!/usr/bin/env bash
# make dist-test: run the BUILT program headless, as an office would, and fail on anything
# missing. Usage: .ci/dist-test.sh [dist/ComplaintDesk]
#
# Everything it makes (the database, the KPI JSON, the PDF and PNGs, the GUI's first paint)
# is kept in dist/dist-test/ to look at. The user's real data folder is never touched.
set -uo pipefail
cd "$(dirname "$0")/.."
FOLDER=${1:-dist/ComplaintDesk}
CLI="$FOLDER/complaint-desk"
GUI="$FOLDER/ComplaintDesk"
OUT=dist/dist-test
GUI_LIMIT_S=${GUI_LIMIT_S:-45}

[ -x "$CLI" ] && [ -x "$GUI" ] || { echo "dist-test: no built program in $FOLDER (run make dist)" >&2; exit 1; }
rm -rf "$OUT" && mkdir -p "$OUT/data"
OUT=$(cd "$OUT" && pwd)
export COMPLAINT_DESK_DATA="$OUT/data" QT_QPA_PLATFORM=offscreen COMPLAINT_DESK_LANG=th
unset COMPLAINT_DESK_DB COMPLAINT_DESK_USER
# The CLI signs in (docs/security.md): `init` takes this as the administrator's password, and
# the later commands sign in as the administrator with it.
export COMPLAINT_DESK_PASSWORD=dist-test-password-1
DB="$OUT/office.db"
failures=0

since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }'; }
fail() { echo "✗ $*" >&2; failures=$((failures + 1)); }
# run NAME CMD...: runs the command, keeps its output in $OUT/NAME.log, fails on a non-zero
# exit or on a Python traceback (the frozen program must never show one).
run() {
  local name=$1; shift
  local started=$EPOCHREALTIME
  "$@" >"$OUT/$name.log" 2>&1
  local code=$?
  local took=$(since "$started")
  if [ $code -ne 0 ] || grep -q "Traceback (most recent call last)" "$OUT/$name.log"; then
    fail "$name (exit $code, ${took} s):"; sed 's/^/    /' "$OUT/$name.log" | tail -n 20 >&2
    return 1
  fi
  printf '✓ %-10s %5.2f s\n' "$name" "$took"
}

PY=${CHECK_PYTHON:-python3}  # any Python 3.11+: reads pyproject.toml and the JSON
expected=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
if run version "$CLI" --version; then
  grep -qx "complaint-desk $expected" "$OUT/version.log" \
    || fail "version: expected $expected from pyproject.toml, got: $(cat "$OUT/version.log")"
fi
run selfcheck "$CLI" selfcheck
run init "$CLI" --db "$DB" init --office BKK1 --office-name "สำนักงานเคหะชุมชนทดสอบ"
run demo "$CLI" --db "$DB" demo --complaints 200 --seed 1 --today 2024-12-31
if run kpi "$CLI" --db "$DB" kpi --month 2567-12 --format json; then
  "$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["month"]=="2567-12" and d["received"]>0, d' \
    "$OUT/kpi.log" 2>/dev/null || fail "kpi: not the JSON of docs/kpi.md: $(head -c 300 "$OUT/kpi.log")"
fi
run check "$CLI" --db "$DB" check
run export "$CLI" --db "$DB" --user admin export csv --out "$OUT/cases.csv"

# The monthly PDF report, once the report command is in the build.
if "$CLI" report --help >/dev/null 2>&1; then
  if run report "$CLI" --db "$DB" --user bkk1.supervisor report monthly --month 2567-12 \
        --out "$OUT/monthly.pdf"; then
    head -c 4 "$OUT/monthly.pdf" | grep -q "%PDF" || fail "report: $OUT/monthly.pdf is not a PDF"
    if command -v pdftoppm >/dev/null; then
      pdftoppm -png -r 80 -f 1 -l 1 "$OUT/monthly.pdf" "$OUT/monthly"
    fi
  fi
else
  echo "- report     skipped: this build has no 'report' command yet"
fi

# The desktop program: started offscreen, quits after its main window's first paint
# (COMPLAINT_DESK_SMOKE, complaint_desk/gui/smoke.py), picture kept in $OUT/gui.png.
started=$EPOCHREALTIME
COMPLAINT_DESK_SMOKE=1 COMPLAINT_DESK_SMOKE_SHOT="$OUT/gui.png" COMPLAINT_DESK_SMOKE_LIMIT=$GUI_LIMIT_S \
  timeout $((GUI_LIMIT_S + 15)) "$GUI" --db "$DB" --user bkk1.officer >"$OUT/gui.log" 2>&1
code=$?
took=$(since "$started")
if grep -q "^usage: complaint-desk" "$OUT/gui.log"; then
  echo "- gui        skipped: this build has no desktop program yet (complaint_desk/gui/app.py)"
elif [ $code -eq 0 ] && grep -q "smoke: main window painted" "$OUT/gui.log" \
     && ! grep -q "Traceback" "$OUT/gui.log"; then
  printf '✓ %-10s %5.2f s  (%s)\n' gui "$took" "$(grep -o 'painted after.*' "$OUT/gui.log")"
else
  fail "gui (exit $code after ${took} s):"; sed 's/^/    /' "$OUT/gui.log" | tail -n 20 >&2
fi

echo "folder size: $(du -sh "$FOLDER" | cut -f1)   results: $OUT"
if [ $failures -ne 0 ]; then
  echo "dist-test: $failures step(s) failed" >&2
  exit 1
fi
echo "dist-test: the built program works"
