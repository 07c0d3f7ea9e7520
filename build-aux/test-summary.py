#!/usr/bin/env python3
# build-aux/test-summary.py — counts the test cases of `meson test` runs from their testlog.json
# and prints "N passed, N failed" (", N skipped" when any were) as its last line.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: test-summary.py [--skipped 'NAME: REASON']… TESTLOG.json…
# Several logs add up (build-aux/test passes the main build's and the fuzz build's); a log that
# is missing or empty counts one failure, since the run it stands for tested nothing.
# --skipped counts one skip for a whole run that was left out on purpose, with its reason.
#
# A TAP test counts each of its results; a program that crashed part-way counts the results it
# never printed as failed, and one that failed after all its results passed (a leak report at
# exit, say) counts one failure more. A test without TAP output counts once, by its result.
# Every skip is listed with its reason. Exit status: 0 when nothing failed.

import argparse
import json
import re
import sys

# TAP is case-sensitive for "ok" and "not ok"; the SKIP and TODO directives are not.
TAP_RESULT = re.compile(r'^(not ok|ok)\b\s*(\d+)?\s*-?\s*([^#]*?)\s*(?:#\s*(\S+)\s*(.*))?$')
TAP_PLAN = re.compile(r'^1\.\.(\d+)\s*(?:#\s*(.*))?$')


def count(entry):
    passed, failed, skipped = 0, 0, 0
    failures, skips = [], []
    name = entry['name']
    plan = None
    seen = 0
    bailed = False

    for line in (entry.get('stdout') or '').splitlines():
        match = TAP_PLAN.match(line)
        if match:
            plan = int(match.group(1))
            if plan == 0:
                # The whole program skipped itself ("1..0 # SKIP reason").
                skipped += 1
                skips.append(f'{name}: {match.group(2) or "no reason given"}')
            continue
        if line.startswith('Bail out!'):
            bailed = True
            failures.append(f'{name}: {line}')
            continue
        match = TAP_RESULT.match(line)
        if not match:
            continue
        seen += 1
        verdict, _, description, directive, reason = match.groups()
        directive = (directive or '').upper()
        if directive.startswith('SKIP'):
            skipped += 1
            skips.append(f'{name} {description}: {reason or "no reason given"}')
        elif verdict == 'not ok' and directive == 'TODO':
            # A known failure, marked as such: neither a pass nor a new failure.
            skipped += 1
            skips.append(f'{name} {description}: to do, {reason or "no reason given"}')
        elif verdict == 'ok':
            passed += 1
        else:
            failed += 1
            failures.append(f'{name} {description}')

    result = entry.get('result')
    if plan is None and seen == 0:
        # Not a TAP test: it counts once.
        if result in ('OK', 'EXPECTEDFAIL'):
            passed += 1
        elif result == 'SKIP':
            skipped += 1
            skips.append(f'{name}: skipped by meson (exit status 77)')
        else:
            failed += 1
            failures.append(f'{name}: {result}')
        return passed, failed, skipped, failures, skips

    if plan is not None and seen < plan:
        failed += plan - seen
        failures.append(f'{name}: {plan - seen} of {plan} tests never ran ({result})')
    elif bailed and failed == 0:
        failed += 1
    elif result not in ('OK', 'SKIP', 'EXPECTEDFAIL') and failed == 0:
        failed += 1
        failures.append(f'{name}: the program failed after its tests passed ({result})')

    return passed, failed, skipped, failures, skips


def read_log(path):
    try:
        with open(path, encoding='utf-8') as log:
            return [json.loads(line) for line in log if line.strip()]
    except OSError as error:
        print(f'test-summary: cannot read the test log: {error}')
        return []


def main():
    parser = argparse.ArgumentParser(
        description='Count the test cases of meson test runs; the last line is the summary.')
    parser.add_argument('--skipped', action='append', default=[], metavar='NAME: REASON',
                        help='count one skip for a run that was left out, with its reason')
    parser.add_argument('logs', nargs='+', metavar='TESTLOG.json')
    args = parser.parse_args()

    totals = [0, 0, 0]
    failures, skips = [], []

    for path in args.logs:
        entries = read_log(path)
        if not entries:
            totals[1] += 1
            failures.append('no test ran' if len(args.logs) == 1 else f'no test ran ({path})')

        for entry in entries:
            passed, failed, skipped, entry_failures, entry_skips = count(entry)
            totals[0] += passed
            totals[1] += failed
            totals[2] += skipped
            failures += entry_failures
            skips += entry_skips

    for skip in args.skipped:
        totals[2] += 1
        skips.append(skip)

    print()
    for skip in skips:
        print(f'SKIPPED {skip}')
    for failure in failures:
        print(f'FAILED {failure}')

    line = f'{totals[0]} passed, {totals[1]} failed'
    if totals[2]:
        line += f', {totals[2]} skipped'
    print(line)
    return 1 if totals[1] else 0


if __name__ == '__main__':
    sys.exit(main())
