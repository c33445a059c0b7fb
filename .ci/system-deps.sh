#!/usr/bin/env bash
# Debian packages the program and its tests need. Installed when running as root and missing;
# otherwise the missing ones are named so a user can ask for them.
set -euo pipefail
packages=(
  python3 python3-venv
  # Qt on the offscreen platform (measured on a minimal Debian 12 root)
  libglib2.0-0 libgl1 libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3
  # Qt on a real X screen
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
  libxcb-shape0 libxkbcommon-x11-0
  # tests read PDFs back (pdftotext) and render pages to PNG (pdftoppm)
  poppler-utils
  # the store, service and report tests run again on a throwaway PostgreSQL cluster (pg_trgm is
  # in the server package); docs/postgresql.md
  postgresql
)
command -v dpkg-query >/dev/null 2>&1 || exit 0   # not Debian: nothing to do here
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
# A Python without ensurepip cannot make the venv even when python3-venv is "installed".
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = "0" ]; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # The tests start their own throwaway cluster: Debian need not create and start one.
  mkdir -p /etc/postgresql-common/createcluster.d
  [ -e /etc/postgresql-common/createcluster.d/complaint-desk.conf ] || \
    echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.d/complaint-desk.conf
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Missing Debian packages (ask an administrator): sudo apt-get install ${missing[*]}" >&2
fi
