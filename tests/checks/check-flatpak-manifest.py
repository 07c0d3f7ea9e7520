#!/usr/bin/env python3
# check-flatpak-manifest.py — the Flatpak manifest (not built here) matches the real build:
# its app id, its meson options, and a module or the runtime for every dependency that the
# build really uses (read from meson's introspection). Output is TAP.
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import json
import pathlib
import re
import sys

# What org.gnome.Platform (46 and later) and the freedesktop runtime under it provide, by
# pkg-config name. A dependency that is neither here nor built by a module of the manifest
# would make the Flatpak build fail.
RUNTIME_PROVIDES = {
    'glib-2.0', 'gobject-2.0', 'gio-2.0', 'gio-unix-2.0', 'gmodule-2.0',
    'gtk4', 'libadwaita-1', 'webkitgtk-6.0', 'libsoup-3.0', 'json-glib-1.0', 'openssl',
    'libsecret-1', 'gtksourceview-5',
}
# Meson's own options that a manifest may set with -D.
BUILTIN_OPTIONS = {'buildtype', 'optimization', 'debug', 'b_sanitize', 'b_lto', 'werror',
                   'prefix', 'libdir'}


def meson_options(path):
    text = path.read_text(encoding='utf-8')
    options = {}
    for match in re.finditer(r"option\(\s*'([^']+)'(.*?)\)\s*$", text, re.S | re.M):
        name, body = match.group(1), match.group(2)
        choices = re.search(r"choices:\s*\[([^\]]*)\]", body)
        kind = re.search(r"type:\s*'([^']+)'", body).group(1)
        if choices:
            values = set(re.findall(r"'([^']*)'", choices.group(1)))
        elif kind == 'boolean':
            values = {'true', 'false'}
        else:
            values = None
        options[name] = values
    return options


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--manifest', required=True)
    parser.add_argument('--meson-options', required=True)
    parser.add_argument('--build-root', required=True)
    parser.add_argument('--app-id', required=True)
    args = parser.parse_args()

    checks = []
    manifest = json.loads(pathlib.Path(args.manifest).read_text(encoding='utf-8'))
    modules = manifest.get('modules', [])
    grant = next((m for m in modules if isinstance(m, dict) and m.get('name') == 'grant'), None)

    checks.append((manifest.get('id') == args.app_id,
                   f'the manifest\'s id is {args.app_id}', [f'id: {manifest.get("id")}']))
    checks.append((manifest.get('runtime') == 'org.gnome.Platform'
                   and manifest.get('sdk') == 'org.gnome.Sdk'
                   and manifest.get('command') == 'grant',
                   'the manifest runs grant on the GNOME runtime', []))
    checks.append((grant is not None and grant.get('buildsystem') == 'meson'
                   and grant is modules[-1],
                   'Grant is the last module and builds with meson', []))

    options = meson_options(pathlib.Path(args.meson_options))
    bad = []
    for opt in (grant or {}).get('config-opts', []):
        match = re.fullmatch(r'-D([A-Za-z0-9_]+)=(.*)', opt)
        if not match:
            bad.append(f'{opt}: not a -Dname=value option')
            continue
        name, value = match.groups()
        if name in BUILTIN_OPTIONS:
            continue
        if name not in options:
            bad.append(f'{opt}: meson_options.txt has no option {name}')
        elif options[name] is not None and value not in options[name]:
            bad.append(f'{opt}: {name} takes {sorted(options[name])}')
    checks.append((not bad and grant is not None and '-Dprofile=development' in grant.get('config-opts', []),
                   'the config-opts are real meson options, with the development profile', bad))

    introspection = pathlib.Path(args.build_root) / 'meson-info' / 'intro-dependencies.json'
    built = {m.get('name') for m in modules if isinstance(m, dict)}
    used = sorted({d['name'] for d in json.loads(introspection.read_text(encoding='utf-8'))})
    missing = [name for name in used if name not in RUNTIME_PROVIDES and name not in built]
    checks.append((bool(used) and not missing,
                   f'every dependency of the build ({len(used)}) comes from the runtime or a module',
                   [f'{name}: neither in the runtime nor a module' for name in missing]))

    finish = set(manifest.get('finish-args', []))
    needed = {'--share=network', '--socket=wayland', '--socket=fallback-x11', '--device=dri'}
    checks.append((needed <= finish,
                   'the sandbox lets Grant reach servers and show its window',
                   [f'missing {arg}' for arg in sorted(needed - finish)]))

    print(f'1..{len(checks)}')
    for number, (passed, name, detail) in enumerate(checks, start=1):
        print(f'{"ok" if passed else "not ok"} {number} - {name}')
        if not passed:
            for line in detail:
                print(f'# {line}')
    return 0 if all(passed for passed, _, _ in checks) else 1


if __name__ == '__main__':
    sys.exit(main())
