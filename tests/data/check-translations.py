#!/usr/bin/env python3
"""Fails unless every language in po/LINGUAS is complete for the current
strings: the template is extracted afresh from po/POTFILES.in (with the
arguments of meson's 'glib' gettext preset), each .po is merged with it
in a temporary directory, and any untranslated or fuzzy message, or a
msgfmt --check error, fails the test with the language and the count.

Usage: check-translations.py SOURCE_ROOT
"""
import os
import subprocess
import sys
import tempfile

XGETTEXT_ARGS = [
    "--from-code=UTF-8", "--add-comments", "--package-name=timecard",
    "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
    "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3",
    "--keyword=g_dpgettext2:2c,3", "--keyword=ngettext:1,2",
    "--flag=N_:1:pass-c-format", "--flag=C_:2:pass-c-format",
    "--flag=NC_:2:pass-c-format", "--flag=g_dngettext:2:pass-c-format",
    "--flag=g_strdup_printf:1:c-format", "--flag=g_string_printf:2:c-format",
    "--flag=g_string_append_printf:2:c-format", "--flag=g_error_new:3:c-format",
    "--flag=g_set_error:4:c-format",
]


def run(args):
    return subprocess.run(args, capture_output=True, text=True)


def main(root):
    po_dir = os.path.join(root, "po")
    with open(os.path.join(po_dir, "LINGUAS"), encoding="utf-8") as f:
        languages = [w for line in f for w in line.split("#")[0].split()]
    if not languages:
        print("po/LINGUAS lists no language: nothing to check")
        return 0

    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "timecard.pot")
        result = run(["xgettext", "--directory", root,
                      "--files-from", os.path.join(po_dir, "POTFILES.in"),
                      "--output", pot] + XGETTEXT_ARGS)
        if result.returncode != 0:
            print(result.stderr)
            return 1

        for lang in languages:
            po = os.path.join(po_dir, lang + ".po")
            merged = os.path.join(tmp, lang + ".po")
            if not os.path.exists(po):
                failures.append(f"{lang}: po/{lang}.po is missing")
                continue
            result = run(["msgmerge", "--quiet", "--no-fuzzy-matching",
                          "--output-file", merged, po, pot])
            if result.returncode != 0:
                failures.append(f"{lang}: msgmerge failed: {result.stderr.strip()}")
                continue
            result = run(["msgfmt", "--check", "--statistics", "-o", os.devnull, merged])
            stats = result.stderr.strip().splitlines()
            summary = stats[-1] if stats else ""
            print(f"{lang}: {summary}")
            if result.returncode != 0 or "untranslated" in summary or "fuzzy" in summary:
                failures.append(f"{lang}: {' '.join(stats)}")

    for failure in failures:
        print("FAIL", failure)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
