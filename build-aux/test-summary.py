#!/usr/bin/env python3
# build-aux/test-summary.py — counts the test cases of a `meson test` run from its testlog.json
# and prints "N passed, N failed" (", N skipped" when any were) as its last line.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# A TAP test counts each of its results; a program that crashed part-way counts the results it
# never printed as failed, and one that failed after all its results passed (a leak report at
# exit, say) counts one failure more. A test without TAP output counts once, by its result.
# Every skip is listed with its reason. Exit status: 0 when nothing failed.

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


def main():
    if len(sys.argv) != 2:
        print('usage: test-summary.py TESTLOG.json', file=sys.stderr)
        return 2

    totals = [0, 0, 0]
    failures, skips = [], []
    try:
        with open(sys.argv[1], encoding='utf-8') as log:
            entries = [json.loads(line) for line in log if line.strip()]
    except OSError as error:
        print(f'test-summary: cannot read the test log: {error}')
        entries = []

    for entry in entries:
        passed, failed, skipped, entry_failures, entry_skips = count(entry)
        totals[0] += passed
        totals[1] += failed
        totals[2] += skipped
        failures += entry_failures
        skips += entry_skips

    if not entries:
        totals[1] += 1
        failures.append('no test ran')

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
