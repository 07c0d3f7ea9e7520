#!/usr/bin/env python3
# check-core-layering.py — proves that libgrant-core cannot see GTK, libadwaita or WebKit.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# It compiles probe files with exactly the core's include path (the pkg-config flags of the
# core's dependencies and its own folders): a control probe that includes every core header
# and the core's libraries must compile, and probes that include a GTK, GDK, libadwaita or
# WebKit header must fail because the header is not found. It also reads the sources: nothing
# in src/core or src/practice includes those headers, and only src/ui/browser includes WebKit.
# Output is TAP, one line a check.

import argparse
import os
import pathlib
import re
import subprocess
import sys

FORBIDDEN = ['gtk/gtk.h', 'gdk/gdk.h', 'adwaita.h', 'webkit/webkit.h']
UI_HEADER = re.compile(r'#\s*include\s*[<"](gtk/|gdk/|adwaita\.h|webkit/)')
WEBKIT_HEADER = re.compile(r'#\s*include\s*[<"]webkit/')


def compile_probe(cc, flags, source):
    # The C locale keeps the compiler's "No such file" in English.
    result = subprocess.run(cc + flags + ['-fsyntax-only', '-x', 'c', '-'],
                            input=source, capture_output=True, text=True,
                            env={**os.environ, 'LC_ALL': 'C'})
    return result.returncode, result.stderr


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--cc', nargs='+', required=True)
    parser.add_argument('--pkg', nargs='+', required=True)
    parser.add_argument('--include', action='append', required=True)
    parser.add_argument('--source-root', required=True)
    args = parser.parse_args()

    root = pathlib.Path(args.source_root)
    cflags = subprocess.run(['pkg-config', '--cflags'] + args.pkg, check=True,
                            capture_output=True, text=True).stdout.split()
    flags = cflags + ['-I' + path for path in args.include]

    checks = []

    headers = sorted(p.name for p in (root / 'src' / 'core').rglob('*.h'))
    control = ''.join(f'#include "{name}"\n' for name in headers)
    control += ('#include <libsoup/soup.h>\n#include <json-glib/json-glib.h>\n'
                '#include <openssl/evp.h>\nint probe (void);\nint probe (void) { return 0; }\n')
    status, stderr = compile_probe(args.cc, flags, control)
    checks.append((status == 0,
                   f'the core headers ({len(headers)}) compile with the core include path',
                   stderr))

    for header in FORBIDDEN:
        status, stderr = compile_probe(args.cc, flags, f'#include <{header}>\n')
        refused = status != 0 and 'No such file' in stderr
        checks.append((refused, f'{header} is out of the core include path',
                       stderr if not refused else ''))

    offenders = []
    for folder in ('src/core', 'src/practice'):
        for path in sorted((root / folder).rglob('*.[ch]')):
            if UI_HEADER.search(path.read_text(encoding='utf-8')):
                offenders.append(str(path.relative_to(root)))
    checks.append((not offenders, 'no GTK, libadwaita or WebKit include in src/core or src/practice',
                   '\n'.join(offenders)))

    offenders = []
    for path in sorted((root / 'src').rglob('*.[ch]')):
        relative = path.relative_to(root)
        if relative.parts[:3] == ('src', 'ui', 'browser'):
            continue
        if WEBKIT_HEADER.search(path.read_text(encoding='utf-8')):
            offenders.append(str(relative))
    checks.append((not offenders, 'WebKit is included only in src/ui/browser',
                   '\n'.join(offenders)))

    print(f'1..{len(checks)}')
    failed = 0
    for number, (passed, name, detail) in enumerate(checks, start=1):
        print(f'{"ok" if passed else "not ok"} {number} - {name}')
        if not passed:
            failed += 1
            for line in detail.strip().splitlines()[:20]:
                print(f'# {line}')
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
