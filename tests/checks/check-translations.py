#!/usr/bin/env python3
# check-translations.py — every translation in po/LINGUAS is complete and well-formed: msgfmt
# --check accepts it (header, plural forms, format specifiers), nothing is fuzzy or
# untranslated, and no message of a template made from the current sources is missing from it.
# Output is TAP.
# SPDX-License-Identifier: GPL-3.0-or-later

import argparse
import os
import pathlib
import re
import subprocess
import sys
import tempfile

# meson's i18n.gettext (preset: 'glib'), as po/meson.build uses it, so that the template here
# is the one `meson compile grant-pot` writes.
XGETTEXT_GLIB_PRESET = [
    '--from-code=UTF-8', '--add-comments',
    '--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3', '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format', '--flag=C_:2:pass-c-format', '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format', '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format', '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format', '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format', '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format', '--flag=g_printerr:1:c-format', '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format', '--flag=g_sprintf:2:c-format', '--flag=g_snprintf:3:c-format',
]
STATISTICS = re.compile(r'(\d+) translated messages?(?:, (\d+) fuzzy translations?)?'
                        r'(?:, (\d+) untranslated messages?)?')


class Tap:
    def __init__(self):
        self.results = []

    def check(self, passed, name, detail=()):
        self.results.append((bool(passed), name, list(detail)))

    def report(self):
        print(f'1..{len(self.results)}')
        for number, (passed, name, detail) in enumerate(self.results, start=1):
            print(f'{"ok" if passed else "not ok"} {number} - {name}')
            for line in detail:
                print(f'# {line}')
        return 0 if all(passed for passed, _, _ in self.results) else 1


def run(command, **kwargs):
    # msgfmt words its statistics in the user's language: read them in English.
    environment = dict(os.environ, LC_ALL='C', LANGUAGE='')
    return subprocess.run(command, capture_output=True, text=True, env=environment, **kwargs)


def statistics(msgfmt, po):
    """Returns msgfmt --check's verdict on @po: (ok, translated, fuzzy, untranslated, output)."""
    result = run([msgfmt, '--check', '--statistics', '-o', '/dev/null', str(po)])
    output = (result.stdout + result.stderr).strip()
    match = STATISTICS.search(output)
    if match is None:
        return False, 0, 0, 0, output
    translated, fuzzy, untranslated = (int(group or 0) for group in match.groups())
    return result.returncode == 0, translated, fuzzy, untranslated, output


def msgids(msgattrib, po, *flags):
    result = run([msgattrib, '--no-wrap', '--no-obsolete', *flags, str(po)])
    return [line[len('msgid '):] for line in result.stdout.splitlines()
            if line.startswith('msgid ') and line != 'msgid ""']


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--source-root', required=True, type=pathlib.Path)
    parser.add_argument('--package', default='grant')
    parser.add_argument('--xgettext', default='xgettext')
    parser.add_argument('--msgfmt', default='msgfmt')
    parser.add_argument('--msgmerge', default='msgmerge')
    parser.add_argument('--msgattrib', default='msgattrib')
    options = parser.parse_args()

    tap = Tap()
    po_dir = options.source_root / 'po'
    linguas = []
    for line in (po_dir / 'LINGUAS').read_text(encoding='utf-8').splitlines():
        linguas += line.split('#', 1)[0].split()
    po_files = sorted(p.stem for p in po_dir.glob('*.po'))

    # The programs look their messages up, and the build compiles and installs the catalogs.
    for program in ('src/main.c', 'src/cli/grant-cli.c'):
        text = (options.source_root / program).read_text(encoding='utf-8')
        calls = [r'setlocale\s*\(\s*LC_ALL\s*,\s*""\s*\)',
                 r'bindtextdomain\s*\(\s*GETTEXT_PACKAGE\s*,\s*LOCALEDIR\s*\)',
                 r'bind_textdomain_codeset\s*\(\s*GETTEXT_PACKAGE\s*,\s*"UTF-8"\s*\)',
                 r'(?<!_)textdomain\s*\(\s*GETTEXT_PACKAGE\s*\)']
        tap.check(all(re.search(call, text) for call in calls),
                  f'{program} sets the locale and binds the text domain',
                  [call for call in calls if not re.search(call, text)])
    po_build = (po_dir / 'meson.build').read_text(encoding='utf-8')
    tap.check(re.search(r'i18n\.gettext\s*\(', po_build),
              'po/meson.build builds and installs the catalogs with i18n.gettext', [])

    tap.check(linguas, 'po/LINGUAS names at least one language', [])
    tap.check(linguas == sorted(set(linguas)), 'po/LINGUAS is sorted, each language once', [])
    tap.check(sorted(linguas) == po_files, 'po/LINGUAS and the po files in po/ agree',
              [f'in LINGUAS, no po file: {lang}' for lang in linguas if lang not in po_files]
              + [f'po file not in LINGUAS: {lang}' for lang in po_files if lang not in linguas])

    with tempfile.TemporaryDirectory(prefix='grant-po-') as scratch:
        scratch = pathlib.Path(scratch)
        template = scratch / f'{options.package}.pot'
        result = run([options.xgettext, f'--package-name={options.package}',
                      '-f', str(po_dir / 'POTFILES.in'), '-D', str(options.source_root),
                      '-k_', '-o', str(template)] + XGETTEXT_GLIB_PRESET,
                     cwd=options.source_root)
        tap.check(result.returncode == 0 and template.exists(),
                  'xgettext makes a template from the sources in po/POTFILES.in',
                  result.stderr.strip().splitlines())
        if not template.exists():
            return tap.report()
        total = len(msgids(options.msgattrib, template))
        tap.check(total > 0, f'the template has messages ({total})', [])

        for lang in linguas:
            po = po_dir / f'{lang}.po'
            if not po.exists():
                continue
            ok, translated, fuzzy, untranslated, output = statistics(options.msgfmt, po)
            tap.check(ok, f'{lang}.po: msgfmt --check accepts it', output.splitlines())
            tap.check(fuzzy == 0 and untranslated == 0,
                      f'{lang}.po: no fuzzy or untranslated message '
                      f'({translated} translated, {fuzzy} fuzzy, {untranslated} untranslated)',
                      [f'fuzzy: {m}' for m in msgids(options.msgattrib, po, '--only-fuzzy')]
                      + [f'untranslated: {m}'
                         for m in msgids(options.msgattrib, po, '--untranslated')])

            header = po.read_text(encoding='utf-8').split('\n\n', 1)[0]
            tap.check(re.search(rf'"Language: {re.escape(lang)}\\n"', header)
                      and re.search(r'"Plural-Forms: nplurals=\d+; plural=[^"]+;\\n"', header),
                      f'{lang}.po: its header names the language and its plural forms', [])

            # The messages of the current sources, merged into the translation without fuzzy
            # matching: what is untranslated there is missing from the po file.
            merged = scratch / f'{lang}.po'
            result = run([options.msgmerge, '--quiet', '--no-fuzzy-matching', '-o', str(merged),
                          str(po), str(template)])
            missing = (msgids(options.msgattrib, merged, '--untranslated')
                       + msgids(options.msgattrib, merged, '--only-fuzzy'))
            tap.check(result.returncode == 0 and not missing,
                      f'{lang}.po: has every message of the current sources '
                      f'({len(missing)} missing of {total})',
                      result.stderr.strip().splitlines() + [f'missing: {m}' for m in missing])
            ok, _, _, _, output = statistics(options.msgfmt, merged)
            tap.check(ok, f'{lang}.po merged with the current template: msgfmt --check accepts it',
                      output.splitlines())

    return tap.report()


if __name__ == '__main__':
    sys.exit(main())
