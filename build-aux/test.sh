#!/usr/bin/env bash
# Installs what is missing, builds Timecard with warnings as errors and runs
# the whole test suite headless: Xvfb for the display, a private session
# bus, libsecret's file backend and memory GSettings (set per test in
# tests/meson.build).
#
#   build-aux/test.sh              the test suite
#   build-aux/test.sh --sanitize   the same under AddressSanitizer and UBSan
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"

builddir=_build-test
options=(-Dwerror=true)
multiplier=1
if [[ "${1:-}" == "--sanitize" ]]; then
  builddir=_build-sanitize
  options+=(-Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug)
  # Sanitized code runs a few times slower; the limits only catch hangs.
  multiplier=3
  export TC_TEST_TIMEOUT_MULTIPLIER=$multiplier
fi

bash build-aux/install-deps.sh
if [[ -f "$builddir/build.ninja" ]]; then
  meson setup --reconfigure "$builddir" "${options[@]}"
else
  meson setup "$builddir" "${options[@]}"
fi
meson compile -C "$builddir"

status=0
xvfb-run -a -s "-screen 0 1280x1024x24" \
  dbus-run-session -- \
  meson test -C "$builddir" --print-errorlogs --num-processes 2 \
    --timeout-multiplier "$multiplier" || status=$?

python3 build-aux/test-summary.py "$builddir/meson-logs/testlog.json"
exit $status
