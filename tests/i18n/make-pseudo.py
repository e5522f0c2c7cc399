#!/usr/bin/env python3
"""Pseudo-translates the template for the tests: every message becomes
'[Ŝàvé ~~]', its letters swapped for accented ones, ~30% longer and
bracketed, with the format specifiers (%s, %d, %'u, %1$s), the mnemonic
(_S), markup (<b>, &amp;) and escapes left as they are. Text on screen
that is still plain ASCII words did not go through gettext
(tests/ui/test-pseudo-locale.c looks for it).

Usage: make-pseudo.py TEMPLATE.pot OUTPUT.po LOCALEDIR LANGUAGE
Writes OUTPUT.po, and compiles it with `msgfmt --check` to
LOCALEDIR/LANGUAGE/LC_MESSAGES/timecard.mo.
"""
import os
import re
import subprocess
import sys

ACCENTED = dict(zip(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçďéƒĝĥïĵķļɱñöþǫŕŝţüṽŵẋÿžÅƁÇĎÉƑĜĤÎĴĶĻṀÑØÞǪŔŠŢÛṼŴẊÝŽ"))
assert all(ord(c) > 127 for c in ACCENTED.values())

# Kept as they are: format specifiers, markup tags, entities, mnemonics,
# addresses, escapes.
KEEP = re.compile(
    r"%(?:\d+\$)?[-+ #0']*(?:\d+|\*)?(?:\.\d+)?(?:hh|h|ll|l|z|j|t|L)?[diouxXeEfFgGcsp%]"
    r"|<[^>]*>|&[A-Za-z#0-9]+;|_[A-Za-z]|https?://\S+|\\.")


def pseudo(text):
    if not text:
        return text
    out, pos = [], 0
    for m in KEEP.finditer(text):
        out.append("".join(ACCENTED.get(c, c) for c in text[pos:m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append("".join(ACCENTED.get(c, c) for c in text[pos:]))
    body = "".join(out)
    visible = len(KEEP.sub("x", text))
    return "[" + body + " " + "~" * max(1, round(visible * 0.3)) + "]"


def unquote(line):
    # The escaped form is kept: KEEP leaves "\n" and "\"" alone.
    return line[line.index('"') + 1:line.rindex('"')]


def entries(lines):
    entry, key = {}, None
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip():
            if entry:
                yield entry
            entry, key = {}, None
        elif line.startswith("#,"):
            entry["flags"] = line
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            entry[key] += unquote(line)
        else:
            key = line.split(" ", 1)[0]
            entry[key] = unquote(line)
    if entry:
        yield entry


def main(pot, po, localedir, language):
    with open(pot, encoding="utf-8") as f:
        template = list(entries(f))
    with open(po, "w", encoding="utf-8") as f:
        f.write('msgid ""\nmsgstr ""\n'
                '"Project-Id-Version: Timecard pseudo-translation\\n"\n'
                '"PO-Revision-Date: 2026-01-01 00:00+0000\\n"\n'
                '"Last-Translator: tests/i18n/make-pseudo.py\\n"\n'
                '"Language-Team: none\\n"\n'
                f'"Language: {language}\\n"\n'
                '"MIME-Version: 1.0\\n"\n'
                '"Content-Type: text/plain; charset=UTF-8\\n"\n'
                '"Content-Transfer-Encoding: 8bit\\n"\n'
                '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n')
        for e in template:
            if e.get("msgid", "") == "" and "msgctxt" not in e:
                continue
            if "flags" in e:
                f.write(e["flags"].replace("fuzzy, ", "").replace("#, fuzzy", "#,") + "\n")
            if "msgctxt" in e:
                f.write(f'msgctxt "{e["msgctxt"]}"\n')
            f.write(f'msgid "{e["msgid"]}"\n')
            if "msgid_plural" in e:
                f.write(f'msgid_plural "{e["msgid_plural"]}"\n')
                f.write(f'msgstr[0] "{pseudo(e["msgid"])}"\n')
                f.write(f'msgstr[1] "{pseudo(e["msgid_plural"])}"\n\n')
            else:
                f.write(f'msgstr "{pseudo(e["msgid"])}"\n\n')
    messages = os.path.join(localedir, language, "LC_MESSAGES")
    os.makedirs(messages, exist_ok=True)
    subprocess.run(["msgfmt", "--check", "-o", os.path.join(messages, "timecard.mo"), po],
                   check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
