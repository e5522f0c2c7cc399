#!/usr/bin/env bash
# Installs what is missing, builds Timecard with warnings as errors and runs
# the whole test suite headless: Xvfb for the display, a private session
# bus, libsecret's file backend and memory GSettings (set per test in
# tests/meson.build).
#
#   build-aux/test.sh              the test suite
#   build-aux/test.sh --sanitize   the same under AddressSanitizer and UBSan
#   build-aux/test.sh --fuzz       the libFuzzer targets of tests/fuzz, each for
#                                  a bounded time (clang-14, ASan and UBSan)
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
elif [[ "${1:-}" == "--fuzz" ]]; then
  builddir=_build-fuzz
  export CC=clang-14
  options+=(-Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false
            -Dbuildtype=debugoptimized)
fi

bash build-aux/install-deps.sh
if [[ -f "$builddir/build.ninja" ]]; then
  meson setup --reconfigure "$builddir" "${options[@]}"
else
  meson setup "$builddir" "${options[@]}"
fi
fuzz=
if [[ "$builddir" == _build-fuzz ]]; then
  # Only the fuzz targets and what they link: the suite needs no display.
  fuzz=1
  mapfile -t fuzzers < <(sed -n "s/^  '\(fuzz-[a-z-]*\)':.*/tests\/fuzz\/\1/p" tests/fuzz/meson.build)
  meson compile -C "$builddir" "${fuzzers[@]}"
else
  meson compile -C "$builddir"
fi

# Every test removes the temporary folders it makes, also when it fails.
suite_tmp=$(mktemp -d "${TMPDIR:-/tmp}/timecard-suite-XXXXXX")

status=0
if [[ -n "$fuzz" ]]; then
  env TMPDIR="$suite_tmp" \
    meson test -C "$builddir" --no-rebuild --print-errorlogs --num-processes 2 \
      --suite fuzz || status=$?
  grep -ho 'fuzz-[a-z-]*: [0-9]* seeds, .*' "$builddir/meson-logs/testlog.txt" || true
  python3 build-aux/test-summary.py "$builddir/meson-logs/testlog.json" || status=$?
else
  xvfb-run -a -s "-screen 0 1280x1024x24" \
    dbus-run-session -- \
    env TMPDIR="$suite_tmp" \
    meson test -C "$builddir" --print-errorlogs --num-processes 2 \
      --timeout-multiplier "$multiplier" || status=$?

  python3 build-aux/test-summary.py "$builddir/meson-logs/testlog.json"
fi

if [[ -z "$sanitize" && -z "$fuzz" ]]; then
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
