#!/usr/bin/env python3
# check-potfiles.py — po/POTFILES.in lists every file with translatable text, and only files
# that exist. Output is TAP.
# SPDX-License-Identifier: GPL-3.0-or-later

import pathlib
import re
import sys

SOURCE_MARKERS = {
    '.c': re.compile(r'\b(N?_|C_|NC_|g_dgettext)\s*\('),
    '.ui': re.compile(r'translatable="yes"'),
}
SCHEMA_MARKER = re.compile(r'<(summary|description)>')
# Desktop and metainfo templates are translatable throughout.
TEMPLATE_SUFFIXES = ('.desktop.in.in', '.metainfo.xml.in.in')


def translatable(path):
    if path.name.endswith(TEMPLATE_SUFFIXES):
        return True
    if path.name.endswith('.gschema.xml'):
        return bool(SCHEMA_MARKER.search(path.read_text(encoding='utf-8')))
    pattern = SOURCE_MARKERS.get(path.suffix)
    return pattern is not None and bool(pattern.search(path.read_text(encoding='utf-8')))


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
    skipped = set(listed(root / 'po' / 'POTFILES.skip'))

    candidates = []
    for folder in ('src', 'data'):
        for path in sorted((root / folder).rglob('*')):
            if path.is_file() and translatable(path):
                candidates.append(str(path.relative_to(root)))

    missing = [c for c in candidates if c not in potfiles and c not in skipped]
    gone = [p for p in potfiles if not (root / p).is_file()]
    unsorted = potfiles != sorted(potfiles)

    checks = [
        (not missing, 'every file with translatable text is in po/POTFILES.in', missing),
        (not gone, 'every file in po/POTFILES.in exists', gone),
        (not unsorted, 'po/POTFILES.in is sorted', []),
    ]
    print(f'1..{len(checks)}')
    for number, (passed, name, detail) in enumerate(checks, start=1):
        print(f'{"ok" if passed else "not ok"} {number} - {name}')
        for line in detail:
            print(f'# {line}')
    return 0 if all(passed for passed, _, _ in checks) else 1


if __name__ == '__main__':
    sys.exit(main())
