#!/usr/bin/env python3
# run-fuzzer.py — runs one libFuzzer target for the `fuzz` suite on a copy of its seed corpus.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: run-fuzzer.py FUZZER SEED_DIR ARTIFACT_DIR [LIBFUZZER OPTION…]
# libFuzzer writes every new input it finds into its first corpus folder, so it gets a copy of
# the seeds in a temporary folder, removed afterwards: neither the source tree nor the build's
# seed corpus is ever written. A crash, leak or timeout is written to ARTIFACT_DIR as
# <target>-crash-<sha1> (or leak-, timeout-, oom-), and libFuzzer exits non-zero: the test fails.

import pathlib
import re
import shutil
import subprocess
import sys
import tempfile
import time


# libFuzzer reports every input that adds coverage; a minute makes a thousand such lines, which
# would bury the report of what it found. The first and last status lines (INITED, DONE) stay.
PROGRESS = re.compile(r'^#\d+\s+(NEW|REDUCE|pulse)\b')


def run(command):
    progress = 0
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, errors='replace') as fuzzer:
        for line in fuzzer.stdout:
            if PROGRESS.match(line):
                progress += 1
            else:
                sys.stdout.write(line)
    print(f'run-fuzzer: {progress} progress lines left out', flush=True)
    return fuzzer.returncode


def main():
    if len(sys.argv) < 4:
        print('usage: run-fuzzer.py FUZZER SEED_DIR ARTIFACT_DIR [OPTION…]', file=sys.stderr)
        return 2
    fuzzer, seeds, artifacts = (pathlib.Path(arg) for arg in sys.argv[1:4])
    options = sys.argv[4:]
    artifacts.mkdir(parents=True, exist_ok=True)
    prefix = f'{artifacts}/{fuzzer.name}-'
    started = time.time()

    with tempfile.TemporaryDirectory(prefix=f'grant-{fuzzer.name}-') as corpus:
        shutil.copytree(seeds, corpus, dirs_exist_ok=True)
        command = [str(fuzzer), *options, f'-artifact_prefix={prefix}', corpus]
        print(' '.join(command), flush=True)
        status = run(command)

    if status == 0:
        return 0
    print(f'run-fuzzer: {fuzzer.name} exited with status {status}')
    found = sorted((p for p in artifacts.glob(f'{fuzzer.name}-*') if p.stat().st_mtime >= started),
                   key=lambda p: p.stat().st_mtime)
    for artifact in found:
        print(f'run-fuzzer: reproduce with: {fuzzer.resolve()} {artifact}')
    print('run-fuzzer: in the environment of the fuzz suite; see HACKING.md, "Fuzzing"')
    # libFuzzer exits with 77 for what it finds (its -error_exitcode), which meson reads as a
    # skip; and a signal is reported as a shell would. Either way the test must fail.
    if status == 77:
        return 1
    return status if status > 0 else 128 - status


if __name__ == '__main__':
    sys.exit(main())
