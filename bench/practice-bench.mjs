// practice-bench.mjs
// Client credentials token requests per second, the practice provider against oidc-provider,
// measured with autocannon in interleaved rounds (bench/run-practice runs it; bench/README.md).
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Usage: node bench/practice-bench.mjs --practice ISSUER --oidc-provider ISSUER
//          [--rounds N] [--duration SECONDS] [--connections N] [--warmup SECONDS] [--json]

import autocannon from 'autocannon';
import { parseArgs } from 'node:util';

const TARGET_RATE = 2000;   // practice provider, requests per second
const TARGET_RATIO = 0.5;   // practice provider over oidc-provider
const SCOPE = 'photos:read';

const { values: options } = parseArgs({
  options: {
    practice: { type: 'string' },
    'oidc-provider': { type: 'string' },
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '1' },
    json: { type: 'boolean', default: false },
  },
});

function positive(name) {
  const value = Number(options[name]);
  if (!Number.isInteger(value) || value < 1) {
    console.error(`practice-bench.mjs: --${name} takes a whole number of at least 1`);
    process.exit(2);
  }
  return value;
}

if (!options.practice || !options['oidc-provider']) {
  console.error('practice-bench.mjs: give --practice ISSUER and --oidc-provider ISSUER');
  process.exit(2);
}

const rounds = positive('rounds');
const duration = positive('duration');
const connections = positive('connections');
const warmup = Number(options.warmup);

// Both sides: the same grant, the same client authentication (client_secret_basic), the same
// scope. Only the client differs, each provider's own machine client.
const targets = [
  { name: 'practice provider', issuer: options.practice,
    client_id: 'practice-machine', client_secret: 'practice-machine-secret' },
  { name: 'oidc-provider', issuer: options['oidc-provider'],
    client_id: 'grant-machine', client_secret: 'grant-machine-secret' },
];

const log = options.json ? () => {} : (line) => console.log(line);

for (const target of targets) {
  const response = await fetch(`${target.issuer}/.well-known/openid-configuration`);
  if (!response.ok) {
    console.error(`practice-bench.mjs: ${target.name}'s discovery answered ${response.status}`);
    process.exit(1);
  }
  target.token_endpoint = (await response.json()).token_endpoint;
  target.headers = {
    authorization: 'Basic ' + Buffer.from(`${encodeURIComponent(target.client_id)}:`
                                          + `${encodeURIComponent(target.client_secret)}`)
      .toString('base64'),
    'content-type': 'application/x-www-form-urlencoded',
  };
  target.body = new URLSearchParams({ grant_type: 'client_credentials', scope: SCOPE }).toString();

  // One request by hand first: a benchmark of error answers would measure nothing.
  const token = await fetch(target.token_endpoint,
    { method: 'POST', headers: target.headers, body: target.body });
  const answer = await token.json();
  if (token.status !== 200 || typeof answer.access_token !== 'string') {
    console.error(`practice-bench.mjs: ${target.name}'s token endpoint answered ${token.status}: `
                  + JSON.stringify(answer));
    process.exit(1);
  }
  target.rates = [];
  target.requests = 0;
  target.statuses = {};
  target.errors = 0;
  target.timeouts = 0;
}

function run(target, seconds) {
  return autocannon({
    url: target.token_endpoint,
    method: 'POST',
    headers: target.headers,
    body: target.body,
    connections,
    duration: seconds,
  });
}

for (const target of targets) {
  if (warmup > 0) {
    await run(target, warmup);
  }
}

for (let round = 0; round < rounds; round++) {
  // Who goes first alternates, so that neither side always meets the machine's busy spells.
  const order = round % 2 === 0 ? targets : [...targets].reverse();
  for (const target of order) {
    const result = await run(target, duration);
    const rate = result.requests.average;
    target.rates.push(rate);
    target.requests += result.requests.total;
    target.errors += result.errors;
    target.timeouts += result.timeouts;
    for (const [status, { count }] of Object.entries(result.statusCodeStats)) {
      target.statuses[status] = (target.statuses[status] ?? 0) + count;
    }
    log(`round ${round + 1}: ${target.name.padEnd(18)} ${rate.toFixed(0).padStart(7)} req/s`
        + ` (${result.requests.total} requests, ${result.non2xx} not 2xx, ${result.errors} errors)`);
  }
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

// Every answer must have been 200: anything else, or a connection error or a timeout, makes
// the run invalid, whatever its rate.
for (const target of targets) {
  target.rate = median(target.rates);
  target.spread = (Math.max(...target.rates) - Math.min(...target.rates)) / target.rate;
  const wrong = Object.entries(target.statuses).filter(([status]) => status !== '200');
  target.problems = [
    ...wrong.map(([status, count]) => `${count} answers ${status}`),
    ...(target.errors > 0 ? [`${target.errors} connection errors`] : []),
    ...(target.timeouts > 0 ? [`${target.timeouts} timeouts`] : []),
  ];
}

const [practice, oidcProvider] = targets;
const ratio = practice.rate / oidcProvider.rate;
const valid = targets.every((target) => target.problems.length === 0);
const rateMet = practice.rate >= TARGET_RATE;
const ratioMet = ratio >= TARGET_RATIO;

if (options.json) {
  console.log(JSON.stringify({
    rounds, duration, connections, scope: SCOPE, valid,
    targets: targets.map(({ name, token_endpoint, rates, rate, requests, statuses, problems }) =>
      ({ name, token_endpoint, rates, rate, requests, statuses, problems })),
    ratio,
    target_rate: TARGET_RATE, rate_met: rateMet,
    target_ratio: TARGET_RATIO, ratio_met: ratioMet,
  }, null, 2));
} else {
  // The figures of a run with errors are no answer either way.
  const mark = (met) => (!valid ? 'not valid' : met ? 'met' : 'MISSED');
  console.log('');
  console.log(`client_credentials token requests, ${connections} connections, `
              + `${rounds} rounds of ${duration} s, median req/s:`);
  for (const target of targets) {
    const spread = target.spread > 0.1 ? `  (rounds differ by ${(target.spread * 100).toFixed(0)} %)`
                                       : '';
    console.log(`  ${target.name.padEnd(18)} ${target.rate.toFixed(0).padStart(7)} req/s`
                + `  ${target.requests} requests${spread}`);
  }
  console.log(`  practice ≥ ${TARGET_RATE} req/s: ${practice.rate.toFixed(0)}  ${mark(rateMet)}`);
  console.log(`  practice / oidc-provider ≥ ${TARGET_RATIO}: ${ratio.toFixed(2)}  `
              + `${mark(ratioMet)}`);
  for (const target of targets) {
    if (target.problems.length > 0) {
      console.log(`  ERRORS from the ${target.name}: ${target.problems.join(', ')}`);
    }
  }
  if (!valid) {
    console.log('  The run had errors: its figures are not valid.');
  }
}

process.exit(valid ? 0 : 1);
