#!/usr/bin/env bash
# Installs what is missing, builds Timecard and launches it from the build
# tree. With no account configured it offers a local account served by the
# embedded timecard-service, so it works offline on a fresh machine.
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"

bash build-aux/install-deps.sh
if [[ ! -f _build/build.ninja ]]; then
  meson setup _build
fi
meson compile -C _build
exec meson devenv -C _build "$top/_build/src/timecard" "$@"
