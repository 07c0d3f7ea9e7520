// jose-bench.mjs — whole-token verification with the npm jose library, for bench-jose's tokens.
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Usage: node bench/jose-bench.mjs [--json] [--runs N] [--min-time SECONDS] TOKENS.json
//
// TOKENS.json is what `bench-jose --export TOKENS.json` writes: the issuer, the client ID, the
// nonce, the time to verify at, and per algorithm the ID token and the verifier's JWK (the
// public key, or the secret for HS256). Each key is imported once with importJWK; then
// jwtVerify(token, key, {issuer, audience, algorithms: [alg], currentDate}) is timed per
// token, awaited one after the other (as bench-jose validates one token after the other),
// with a warm-up and runs of at least --min-time seconds; the median run is printed, in
// tokens per second. The nonce is compared too, which jwtVerify leaves to the caller and
// grant_id_token_validate does itself.
//
// jose 5.10 comes from the test fixture's node_modules (tests/fixtures/provider, installed by
// `npm ci` there); nothing is fetched. Runs on Node 18 and later.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const fixture = join(dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'fixtures',
  'provider');
const josePath = join(fixture, 'node_modules', 'jose', 'dist', 'node', 'esm', 'index.js');
const usage = 'usage: node jose-bench.mjs [--json] [--runs N] [--min-time SECONDS] TOKENS.json';

function fail(message, status = 1) {
  process.stderr.write(`jose-bench.mjs: ${message}\n`);
  process.exit(status);
}

function parseArguments(argv) {
  const options = { json: false, runs: 5, minSeconds: 1, file: null };

  for (let i = 0; i < argv.length; i++) {
    const argument = argv[i];
    if (argument === '--json')
      options.json = true;
    else if (argument === '--runs')
      options.runs = Number(argv[++i]);
    else if (argument === '--min-time')
      options.minSeconds = Number(argv[++i]);
    else if (argument === '--help' || argument === '-h')
      fail(usage, 0);
    else if (argument.startsWith('-') || options.file !== null)
      fail(`unexpected argument “${argument}”\n${usage}`, 2);
    else
      options.file = argument;
  }

  if (options.file === null)
    fail(`no tokens file\n${usage}`, 2);
  if (!Number.isInteger(options.runs) || options.runs < 1 || options.runs > 25)
    fail('--runs must be an integer from 1 to 25', 2);
  if (!(options.minSeconds > 0 && options.minSeconds <= 60))
    fail('--min-time must be more than 0 and at most 60', 2);

  return options;
}

const seconds = () => Number(process.hrtime.bigint()) / 1e9;

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function main() {
  const options = parseArguments(process.argv.slice(2));

  let jose;
  try {
    jose = await import(pathToFileURL(josePath).href);
  } catch (error) {
    fail(`cannot load jose from ${josePath} (${error.code ?? error.message}); run \`npm ci\` ` +
         `in ${fixture} first`);
  }
  const joseVersion = JSON.parse(
    readFileSync(join(fixture, 'node_modules', 'jose', 'package.json'), 'utf8')).version;

  const input = JSON.parse(readFileSync(options.file, 'utf8'));
  const currentDate = new Date(input.now * 1000);

  const cases = [];
  for (const { alg, jwk, token } of input.tokens) {
    const key = await jose.importJWK(jwk, alg);
    const verifyOptions = {
      issuer: input.issuer,
      audience: input.client_id,
      algorithms: [alg],
      currentDate,
    };
    const verify = async () => {
      const { payload } = await jose.jwtVerify(token, key, verifyOptions);
      if (payload.nonce !== input.nonce)
        throw new Error(`${alg}: the nonce is “${payload.nonce}”, not “${input.nonce}”`);
    };
    await verify(); // fails loudly before any timing if the token does not verify
    cases.push({ alg, verify, chunk: 1, runs: [] });
  }

  // Warm-up (the JIT compiles the hot paths here), and a chunk of about a tenth of a run.
  for (const c of cases) {
    let n = 1;
    let elapsed;
    for (;;) {
      const start = seconds();
      for (let i = 0; i < n; i++)
        await c.verify();
      elapsed = seconds() - start;
      if (elapsed >= options.minSeconds / 20)
        break;
      n *= 2;
    }
    c.chunk = Math.max(1, Math.floor(n * (options.minSeconds / 10) / elapsed));
    const start = seconds();
    while (seconds() - start < options.minSeconds / 4) {
      for (let i = 0; i < c.chunk; i++)
        await c.verify();
    }
  }

  // Rounds: each algorithm once per round, so that a busy moment spreads over all of them.
  for (let run = 0; run < options.runs; run++) {
    process.stderr.write(`jose-bench.mjs: run ${run + 1} of ${options.runs}…\n`);
    for (const c of cases) {
      let done = 0;
      let elapsed;
      const start = seconds();
      do {
        for (let i = 0; i < c.chunk; i++)
          await c.verify();
        done += c.chunk;
        elapsed = seconds() - start;
      } while (elapsed < options.minSeconds);
      c.runs.push(done / elapsed);
    }
  }

  const algorithms = {};
  for (const c of cases) {
    const tokensPerSecond = median(c.runs);
    algorithms[c.alg] = {
      tokens_per_s: Math.round(tokensPerSecond * 1000) / 1000,
      us_per_token: Math.round(1e9 / tokensPerSecond) / 1000,
      spread: Math.round((Math.max(...c.runs) - Math.min(...c.runs)) / tokensPerSecond * 1000)
              / 1000,
      runs_tokens_per_s: c.runs.map(Math.round),
    };
  }

  if (options.json) {
    process.stdout.write(`${JSON.stringify({
      program: 'jose-bench.mjs',
      jose: joseVersion,
      node: process.version,
      openssl: process.versions.openssl,
      runs: options.runs,
      min_seconds_per_run: options.minSeconds,
      algorithms,
    }, null, 2)}\n`);
    return;
  }

  process.stdout.write(`jose ${joseVersion} on Node ${process.version} (OpenSSL ` +
                       `${process.versions.openssl}); median of ${options.runs} runs of ≥ ` +
                       `${options.minSeconds} s each\n\n`);
  process.stdout.write('    alg        tokens/s    µs/token\n');
  for (const [alg, figures] of Object.entries(algorithms)) {
    process.stdout.write(`    ${alg.padEnd(6)} ${figures.tokens_per_s.toFixed(0).padStart(12)} ` +
                         `${figures.us_per_token.toFixed(2).padStart(11)}\n`);
  }
}

main().catch((error) => {
  fail(error.stack ?? String(error));
});
