#!/usr/bin/env bash
# Installs what is missing, builds Timecard with warnings as errors and runs
# the whole test suite headless: Xvfb for the display, a private session
# bus, libsecret's file backend and memory GSettings (set per test in
# tests/meson.build).
#
#   build-aux/test.sh              the test suite
#   build-aux/test.sh --sanitize   the same under AddressSanitizer and UBSan
#
# The suite runs in a fresh TMPDIR and fails when a test left anything
# there. The normal run then runs the suite 'valgrind' (chosen core and
# service programs) under memcheck: meson test --setup valgrind.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"

builddir=_build-test
options=(-Dwerror=true)
multiplier=1
sanitize=
if [[ "${1:-}" == "--sanitize" ]]; then
  sanitize=1
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

# Every test removes the temporary folders it makes, also when it fails.
suite_tmp=$(mktemp -d "${TMPDIR:-/tmp}/timecard-suite-XXXXXX")

status=0
xvfb-run -a -s "-screen 0 1280x1024x24" \
  dbus-run-session -- \
  env TMPDIR="$suite_tmp" \
  meson test -C "$builddir" --print-errorlogs --num-processes 2 \
    --timeout-multiplier "$multiplier" || status=$?

python3 build-aux/test-summary.py "$builddir/meson-logs/testlog.json"

if [[ -z "$sanitize" ]]; then
  # valgrind cannot run sanitized programs; RELIABILITY.md lists which run.
  env TMPDIR="$suite_tmp" \
    meson test -C "$builddir" --print-errorlogs --num-processes 2 \
      --setup valgrind --suite valgrind || status=$?
  python3 build-aux/test-summary.py "$builddir/meson-logs/testlog-valgrind.json" || status=$?
fi

left=$(find "$suite_tmp" -mindepth 1 -maxdepth 1 -printf '%f\n' | sort)
if [[ -n "$left" ]]; then
  echo "Tests left these in the temporary folder $suite_tmp:" >&2
  echo "$left" | sed 's/^/  /' >&2
  status=1
else
  rmdir "$suite_tmp"
fi
exit $status
