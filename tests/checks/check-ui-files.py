#!/usr/bin/env python3
# check-ui-files.py — what the GtkBuilder files under src/ show a user is translatable, and
# every button that shows only an icon has an accessible label for screen readers. Output is TAP.
# The UI test test-accessibility checks the same of the widgets built in C, in the real window.
# SPDX-License-Identifier: GPL-3.0-or-later

import pathlib
import re
import sys
import xml.etree.ElementTree as ElementTree

# Properties and menu attributes whose text a user reads (or hears).
TEXT_PROPERTIES = {
    'label', 'title', 'subtitle', 'tooltip-text', 'tooltip-markup', 'placeholder-text',
    'description', 'text', 'secondary-text', 'heading', 'body', 'button-label',
    'title-lines', 'accelerator-label',
}
NUMERIC = {'title-lines'}
# Text that is the same in every language: OAuth's own parameter names and values
# (authorization_endpoint, PKCE, openid), URLs and accelerators.
UNTRANSLATED_TEXT = re.compile(r'^([a-z0-9_:.\-]+|[A-Z0-9]{2,}|[a-z]+://\S+'
                               r'|(<[A-Za-z]+>)+\S+|F[0-9]+)$')
BUTTONS = {'GtkButton', 'GtkToggleButton', 'GtkMenuButton', 'GtkLinkButton', 'GtkLockButton'}


def is_translatable(element):
    return element.get('translatable', '').lower() in ('yes', 'true', '1')


def untranslated_texts(path, tree):
    problems = []
    for element in tree.iter():
        if element.tag not in ('property', 'attribute'):
            continue
        name = element.get('name')
        if name not in TEXT_PROPERTIES or name in NUMERIC:
            continue
        text = (element.text or '').strip()
        if not text or is_translatable(element):
            continue
        # translatable="no" says so on purpose.
        if element.get('translatable', '').lower() in ('no', 'false', '0'):
            continue
        if UNTRANSLATED_TEXT.match(text) and ' ' not in text:
            continue
        problems.append(f'{path}: {element.tag} "{name}" is not translatable: {text!r}')
    return problems


def direct_properties(element):
    return {p.get('name'): p for p in element.findall('property')}


def has_accessible_label(element):
    for accessibility in element.findall('accessibility'):
        for prop in accessibility.findall('property'):
            if prop.get('name') == 'label' and (prop.text or '').strip():
                return is_translatable(prop)
        for relation in accessibility.findall('relation'):
            if relation.get('name') == 'labelled-by' and (relation.text or '').strip():
                return True
    return False


def child_is_image(element):
    for child in element.findall('child'):
        for obj in child.findall('object'):
            if obj.get('class') == 'GtkImage':
                return True
    for prop in element.findall('property'):
        if prop.get('name') == 'child':
            for obj in prop.findall('object'):
                if obj.get('class') == 'GtkImage':
                    return True
    return False


def unlabelled_icon_buttons(path, tree):
    problems = []
    for element in tree.iter():
        if element.tag not in ('object', 'template'):
            continue
        cls = element.get('class') if element.tag == 'object' else element.get('parent')
        if cls not in BUTTONS:
            continue
        props = direct_properties(element)
        icon_only = ('icon-name' in props or child_is_image(element)) and 'label' not in props
        if icon_only and not has_accessible_label(element):
            ident = element.get('id') or (props['icon-name'].text if 'icon-name' in props else '?')
            problems.append(f'{path}: {cls} "{ident}" shows only an icon and has no '
                            f'translatable accessible label')
    return problems


def main():
    root = pathlib.Path(sys.argv[1])
    files = sorted(p for p in (root / 'src').rglob('*.ui'))
    unreadable = []
    texts = []
    buttons = []
    for path in files:
        relative = path.relative_to(root)
        try:
            tree = ElementTree.parse(path)
        except ElementTree.ParseError as error:
            unreadable.append(f'{relative}: {error}')
            continue
        texts += untranslated_texts(relative, tree)
        buttons += unlabelled_icon_buttons(relative, tree)

    checks = [
        (bool(files), f'there are GtkBuilder files ({len(files)})', []),
        (not unreadable, 'every GtkBuilder file is well-formed XML', unreadable),
        (not texts, 'every text a user reads in a GtkBuilder file is translatable', texts),
        (not buttons, 'every button with only an icon has an accessible label', buttons),
    ]
    print(f'1..{len(checks)}')
    for number, (passed, name, detail) in enumerate(checks, start=1):
        print(f'{"ok" if passed else "not ok"} {number} - {name}')
        for line in detail:
            print(f'# {line}')
    return 0 if all(passed for passed, _, _ in checks) else 1


if __name__ == '__main__':
    sys.exit(main())
