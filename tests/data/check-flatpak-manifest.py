#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the Flatpak manifest keeps the app id, runtime and sandbox we ship.

Usage: check-flatpak-manifest.py MANIFEST [--app-id ID]

The app stores its API keys through libsecret, which uses the Secret portal
inside Flatpak: the manifest must not talk to org.freedesktop.secrets, and it
needs no host filesystem access.

The runtime must be a supported GNOME runtime. GNOME releases in March and
September (47: September 2024, 48: March 2025, 49: September 2025, 50: March
2026, 51: September 2026) and the org.gnome.Platform branch is the major
number; a branch is supported until the second release after it, so on
2026-11-28 51 is current, 50 is still supported and 49 and older are end of
life. Raise MIN_RUNTIME_VERSION each March and September.
"""

import argparse
import json
import sys

RUNTIME = "org.gnome.Platform"
SDK = "org.gnome.Sdk"
COMMAND = "timecard"
REQUIRED_FINISH_ARGS = [
    "--share=network",
    "--share=ipc",
    "--socket=wayland",
    "--socket=fallback-x11",
    "--device=dri",
]
FORBIDDEN_TALK_NAMES = ["org.freedesktop.secrets"]
MIN_RUNTIME_VERSION = 50


def check(manifest, app_id):
    errors = []

    def expect(key, wanted):
        got = manifest.get(key)
        if got != wanted:
            errors.append(f"{key} is {got!r}, expected {wanted!r}")

    expect("app-id", app_id)
    expect("runtime", RUNTIME)
    expect("sdk", SDK)
    expect("command", COMMAND)
    version = manifest.get("runtime-version")
    if not version:
        errors.append("runtime-version is missing")
    elif not isinstance(version, str) or not version.isdigit():
        errors.append(f"runtime-version is {version!r}, expected a GNOME major "
                      "version such as \"51\" (no branches like master)")
    elif int(version) < MIN_RUNTIME_VERSION:
        errors.append(f"runtime-version {version} is end of life, expected "
                      f"{MIN_RUNTIME_VERSION} or newer")

    finish_args = manifest.get("finish-args", [])
    if not isinstance(finish_args, list):
        errors.append("finish-args is not a list")
        finish_args = []
    for arg in REQUIRED_FINISH_ARGS:
        if arg not in finish_args:
            errors.append(f"finish-args lacks {arg}")
    for arg in finish_args:
        if not isinstance(arg, str):
            errors.append(f"finish-args holds a non-string {arg!r}")
            continue
        for name in FORBIDDEN_TALK_NAMES:
            if arg == f"--talk-name={name}" or arg.startswith(f"--talk-name={name}."):
                errors.append(f"finish-args has {arg}: libsecret uses the "
                              "Secret portal inside Flatpak")
        if arg.startswith("--filesystem="):
            errors.append(f"finish-args has {arg}: the app needs no host "
                          "files (use portals)")

    modules = manifest.get("modules", [])
    app_modules = [m for m in modules
                   if isinstance(m, dict) and m.get("name") == COMMAND]
    if not app_modules:
        errors.append(f"no module named {COMMAND!r}")
    elif app_modules[-1].get("buildsystem") != "meson":
        errors.append(f"module {COMMAND!r} does not use the meson buildsystem")

    return errors


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("manifest", help="path to the Flatpak JSON manifest")
    parser.add_argument("--app-id", default="io.github.timecard.Timecard",
                        help="the expected app-id (default: %(default)s)")
    args = parser.parse_args()

    try:
        with open(args.manifest, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, json.JSONDecodeError) as e:
        print(f"{args.manifest}: cannot load: {e}", file=sys.stderr)
        return 1
    if not isinstance(manifest, dict):
        print(f"{args.manifest}: top level is not a JSON object", file=sys.stderr)
        return 1

    errors = check(manifest, args.app_id)
    for error in errors:
        print(f"{args.manifest}: {error}", file=sys.stderr)
    if errors:
        return 1
    print(f"{args.manifest}: OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
