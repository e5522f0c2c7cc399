#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that po/POTFILES.in is sorted, exists and is complete.

Usage: check-potfiles.py SOURCE_ROOT

Every file under src/ with a gettext call or a translatable="yes" property,
and every file under data/ that carries translatable text (desktop entries,
metainfo, GSettings schemas, UI files), must be listed in po/POTFILES.in,
or its strings never reach translators. Paths are relative to SOURCE_ROOT;
lines starting with '#' are comments.
"""

import os
import re
import sys

# _("…"), N_("…"), C_("ctx", "…"), NC_(…), Q_(…), ngettext (…),
# g_dngettext (…), g_dpgettext2 (…) — not foo_( or g_ngettext_wrapper (.
C_MARKER = re.compile(
    r"(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|Q_|ngettext|g_dngettext|g_dpgettext2)\s*\(")
UI_MARKER = re.compile(r"""translatable\s*=\s*["'](?:yes|true|1)["']""")
DESKTOP_MARKER = re.compile(
    r"^(?:Name|GenericName|Comment|Keywords|X-GNOME-FullName)=", re.MULTILINE)
# Metainfo and GSettings: elements whose text the ITS rules extract.
XML_MARKER = re.compile(r"<(?:name|summary|description|caption|p|li)[\s>]")

SOURCE_SUFFIXES = (".c", ".h")
SKIP_DIRS = {".git", "__pycache__"}


def is_translatable(path):
    name = os.path.basename(path)
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
    except OSError as e:
        print(f"{path}: cannot read: {e}", file=sys.stderr)
        return False
    if name.endswith(SOURCE_SUFFIXES):
        return bool(C_MARKER.search(text))
    if name.endswith(".ui"):
        return bool(UI_MARKER.search(text))
    if name.endswith(".desktop.in"):
        return bool(DESKTOP_MARKER.search(text))
    if name.endswith((".xml.in", ".gschema.xml")):
        return bool(XML_MARKER.search(text))
    return False


def candidates(root, subdir, wanted):
    top = os.path.join(root, subdir)
    for dirpath, dirnames, filenames in os.walk(top):
        dirnames[:] = sorted(d for d in dirnames
                             if d not in SKIP_DIRS and not d.startswith("."))
        for filename in sorted(filenames):
            if wanted(filename):
                path = os.path.join(dirpath, filename)
                yield os.path.relpath(path, root).replace(os.sep, "/")


def wanted_in_src(filename):
    return filename.endswith(SOURCE_SUFFIXES + (".ui",))


def wanted_in_data(filename):
    return filename.endswith((".desktop.in", ".xml.in", ".gschema.xml", ".ui"))


def read_potfiles(path):
    entries = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            entries.append((number, line))
    return entries


def main():
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    root = sys.argv[1]
    potfiles_path = os.path.join(root, "po", "POTFILES.in")
    try:
        entries = read_potfiles(potfiles_path)
    except OSError as e:
        print(f"{potfiles_path}: cannot read: {e}", file=sys.stderr)
        return 1

    errors = []
    listed = [entry for _, entry in entries]

    for number, entry in entries:
        if not os.path.isfile(os.path.join(root, entry)):
            errors.append(f"po/POTFILES.in:{number}: {entry} does not exist")

    seen = set()
    for number, entry in entries:
        if entry in seen:
            errors.append(f"po/POTFILES.in:{number}: {entry} is listed twice")
        seen.add(entry)

    if listed != sorted(listed):
        errors.append("po/POTFILES.in is not sorted; expected this order:")
        errors.extend(f"  {entry}" for entry in sorted(set(listed)))

    found = list(candidates(root, "src", wanted_in_src))
    found += candidates(root, "data", wanted_in_data)
    missing = [path for path in found
               if path not in seen and is_translatable(os.path.join(root, path))]
    if missing:
        errors.append("files with translatable strings missing from "
                      "po/POTFILES.in:")
        errors.extend(f"  {path}" for path in missing)

    for error in errors:
        print(error, file=sys.stderr)
    if errors:
        return 1
    print(f"po/POTFILES.in: OK ({len(listed)} files)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
