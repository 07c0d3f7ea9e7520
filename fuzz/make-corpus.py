#!/usr/bin/env python3
# make-corpus.py — writes the seed corpora of the fuzz targets from the JOSE and RFC test vectors.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: make-corpus.py DATA_DIR OUTPUT_DIR STAMP [DEPFILE]
# DATA_DIR is tests/data; OUTPUT_DIR gets jws/, jwk/ and base64url/, one seed a file, named by
# the SHA-1 of its content as libFuzzer names its own. The folders are emptied first, so that
# a vector removed from tests/data leaves the corpus too. STAMP is touched last, for meson;
# DEPFILE lists every vector file read, so that ninja remakes the corpus when one changes.

import hashlib
import json
import pathlib
import shutil
import sys

WYCHEPROOF = ('json_web_signature_test.json', 'json_web_key_test.json')


def compact_json(value):
    return json.dumps(value, ensure_ascii=False, separators=(',', ':'))


def collect(data_dir, read):
    jws, jwk = [], []
    wycheproof = data_dir / 'wycheproof'
    cookbook = data_dir / 'jose-cookbook'

    for name in WYCHEPROOF:
        vectors = json.loads(read(wycheproof / name))
        for group in vectors['testGroups']:
            for member in ('private', 'public'):
                key = group.get(member)
                if key is None:
                    continue
                jwk.append(compact_json(key))
                # A set's keys are seeds for the single-key parser too.
                jwk.extend(compact_json(k) for k in key.get('keys', []))
            jws.extend(test['jws'] for test in group['tests'] if isinstance(test.get('jws'), str))

    for path in sorted(cookbook.rglob('*.jwsc')):
        jws.append(read(path).strip())
    for path in sorted(cookbook.rglob('*.json')):
        text = read(path)
        example = json.loads(text)
        if path.parent.name == 'jwk':
            jwk.append(text)
            continue
        compact = example.get('output', {}).get('compact')
        if isinstance(compact, str):
            jws.append(compact)
        key = example.get('input', {}).get('key')
        if isinstance(key, dict):
            jwk.append(compact_json(key))
    for pattern in ('*.jwk', '*.jwkset'):
        for path in sorted(cookbook.rglob(pattern)):
            jwk.append(read(path))

    parts = [part for token in jws for part in token.split('.') if part]

    # Every WWW-Authenticate example of the RFC vectors (RFC 6750, RFC 9449).
    headers = []

    def find_headers(value):
        if isinstance(value, dict):
            for name, member in value.items():
                if name == 'www_authenticate' and isinstance(member, str):
                    headers.append(member)
                else:
                    find_headers(member)
        elif isinstance(value, list):
            for member in value:
                find_headers(member)

    find_headers(json.loads(read(data_dir / 'rfc-vectors.json')))
    return {'jws': jws, 'jwk': jwk, 'base64url': parts, 'www-authenticate': headers}


def main():
    if len(sys.argv) not in (4, 5):
        print('usage: make-corpus.py DATA_DIR OUTPUT_DIR STAMP [DEPFILE]', file=sys.stderr)
        return 2
    data_dir, output_dir, stamp = (pathlib.Path(arg) for arg in sys.argv[1:4])
    sources = []

    def read(path):
        sources.append(path)
        return path.read_text(encoding='utf-8')

    for target, seeds in collect(data_dir, read).items():
        folder = output_dir / target
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        for seed in seeds:
            octets = seed.encode('utf-8')
            (folder / hashlib.sha1(octets).hexdigest()).write_bytes(octets)
        if not any(folder.iterdir()):
            print(f'make-corpus: no seed for {target} in {data_dir}', file=sys.stderr)
            return 1

    if len(sys.argv) == 5:
        # The folders too: a vector file added to one changes its time, and remakes the corpus.
        cookbook = data_dir / 'jose-cookbook'
        sources += [cookbook, *(path for path in sorted(cookbook.rglob('*')) if path.is_dir())]
        escaped = (str(path.resolve()).replace(' ', '\\ ') for path in sources)
        pathlib.Path(sys.argv[4]).write_text(f'{stamp}: ' + ' '.join(escaped) + '\n',
                                             encoding='utf-8')
    stamp.touch()
    return 0


if __name__ == '__main__':
    sys.exit(main())
