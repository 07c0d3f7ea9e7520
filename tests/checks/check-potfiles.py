#!/usr/bin/env python3
# check-potfiles.py — po/POTFILES.in lists every file with translatable text, only files that
# exist and have some, and po/POTFILES.skip only files that exist. Output is TAP.
# SPDX-License-Identifier: GPL-3.0-or-later

import pathlib
import re
import sys

# The gettext calls of glib/gi18n.h and glib/gi18n-lib.h, and gettext's own. A call that
# xgettext finds must make the file a candidate, whatever its style: `_("…")`, `_ ("…")`,
# `C_("context", "…")`, `g_dngettext (GETTEXT_PACKAGE, "…", "…", n)`.
C_MARKER = re.compile(r'(?<![A-Za-z0-9])(_|N_|C_|NC_|Q_|P_|g_dgettext|g_dcgettext|g_dngettext|'
                      r'g_dpgettext|g_dpgettext2|gettext|dgettext|dcgettext|ngettext|dngettext|'
                      r'pgettext)\s*\(')
UI_MARKER = re.compile(r'translatable\s*=\s*["\'](yes|true|1)["\']', re.IGNORECASE)
SCHEMA_MARKER = re.compile(r'<(summary|description)\b')
# Desktop and metainfo templates are translatable throughout, whatever they are called.
TEMPLATE_PATTERNS = (re.compile(r'\.desktop(\.in)+$'),
                     re.compile(r'\.(metainfo|appdata)\.xml(\.in)+$'))
# What the check never opens: binaries and built or vendored trees.
SKIPPED_SUFFIXES = {'.png', '.svg', '.jpg', '.ico', '.gz', '.der', '.pem', '.bin'}


def marker_for(path):
    name = path.name
    if any(pattern.search(name) for pattern in TEMPLATE_PATTERNS):
        return 'template'
    if name.endswith(('.gschema.xml', '.gschema.xml.in')):
        return SCHEMA_MARKER
    # GtkBuilder files, and XML templates of them (.ui.in, .xml.in).
    if name.endswith(('.ui', '.ui.in', '.xml', '.xml.in')):
        return UI_MARKER
    if path.suffix in ('.c', '.h'):
        return C_MARKER
    return None


def strip_c_comments(text):
    # A marker in a comment ("the _() above") is not a string for translation; strings stay.
    pattern = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)
    return pattern.sub(lambda m: m.group(0) if m.group(0)[0] in '"\'' else ' ', text)


def translatable(path):
    marker = marker_for(path)
    if marker is None or path.suffix in SKIPPED_SUFFIXES:
        return False
    if marker == 'template':
        return True
    text = path.read_text(encoding='utf-8', errors='replace')
    if marker is C_MARKER:
        text = strip_c_comments(text)
    return bool(marker.search(text))


def listed(path):
    entries = []
    if path.exists():
        for line in path.read_text(encoding='utf-8').splitlines():
            line = line.strip()
            if line and not line.startswith('#'):
                entries.append(line)
    return entries


def main():
    root = pathlib.Path(sys.argv[1])
    potfiles = listed(root / 'po' / 'POTFILES.in')
    skipped = listed(root / 'po' / 'POTFILES.skip')

    candidates = []
    for folder in ('src', 'data'):
        for path in sorted((root / folder).rglob('*')):
            if path.is_file() and translatable(path):
                candidates.append(str(path.relative_to(root)))

    missing = [c for c in candidates if c not in potfiles and c not in skipped]
    gone = [p for p in potfiles if not (root / p).is_file()]
    empty = [p for p in potfiles if (root / p).is_file() and p not in candidates]
    gone_skipped = [p for p in skipped if not (root / p).is_file()]
    duplicates = sorted({p for p in potfiles if potfiles.count(p) > 1})
    unsorted = potfiles != sorted(potfiles)

    checks = [
        (not missing, 'every file with translatable text is in po/POTFILES.in', missing),
        (not gone, 'every file in po/POTFILES.in exists', gone),
        (not empty, 'every file in po/POTFILES.in has translatable text', empty),
        (not gone_skipped, 'every file in po/POTFILES.skip exists', gone_skipped),
        (not duplicates, 'no file is listed twice in po/POTFILES.in', duplicates),
        (not unsorted, 'po/POTFILES.in is sorted', []),
        (len(candidates) > 0, 'the sources have translatable text at all', []),
    ]
    print(f'1..{len(checks)}')
    for number, (passed, name, detail) in enumerate(checks, start=1):
        print(f'{"ok" if passed else "not ok"} {number} - {name}')
        for line in detail:
            print(f'# {line}')
    return 0 if all(passed for passed, _, _ in checks) else 1


if __name__ == '__main__':
    sys.exit(main())
