/**
 * Timing probe: can a stranger tell from the answer's timing whether an address has an account?
 * For each probe, `samples` requests about known addresses and as many about unknown ones, interleaved
 * one after the other on one caller (app.inject, so no network noise hides a difference), a new
 * client IP and a new address for every request (the throttles stay on, and never trip):
 * - forgot-password: POST /api/v1/password/forgot, a known address vs an unknown one;
 * - sign-in failure: POST /api/v1/auth/login, a wrong password on a known address vs an unknown address;
 * - recovery start: POST /api/v1/recovery/cases, the former email on a fiche vs one on none.
 * Reported per probe: the medians, their difference, and the p-value of a two-sided rank test
 * (Kruskal-Wallis on two groups, which is the Mann-Whitney U test in its normal approximation,
 * from @stdlib). The goal: |Δ median| < 0.05 ms and p > 0.01. On PGlite, and on PostgreSQL too
 * when DATABASE_URL is set, one after the other.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/timing-probe.ts [--samples 1000] [--probes forgot,signin,recovery]
 */
import { parseArgs } from 'node:util';
import kruskalTest from '@stdlib/stats-kruskal-test';
import { resolvePasswordResetRequests } from '../src/password-reset/password-reset.service.ts';
import type { DatabaseKind } from '../test/support/database.ts';
import { createTestAccount } from '../test/support/factories.ts';
import { caseBody } from '../test/support/recovery-claimant.ts';
import { buildTestApp, type TestApp } from '../test/support/test-app.ts';

const { values } = parseArgs({
  options: {
    samples: { type: 'string', default: '1000' },
    probes: { type: 'string', default: 'forgot,signin,recovery' },
  },
});
const samples = Number(values.samples);
const probes = values.probes.split(',');

type Request = { method: 'POST'; url: string; payload: object };
type Probe = { key: string; name: string; known: (i: number) => Request; unknown: (i: number) => Request };

let ipCounter = 0;
/** An address of its own for every request (10.x.y.z: 16 M of them), so that no per-IP throttle trips. */
function nextIp(): string {
  ipCounter += 1;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

async function timed(t: TestApp, request: Request): Promise<number> {
  const start = process.hrtime.bigint();
  const response = await t.app.inject({ ...request, remoteAddress: nextIp() });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (response.statusCode === 429 || response.statusCode >= 500)
    throw new Error(`${request.url} answered ${response.statusCode}: the probe must not trip a throttle`);
  return ms;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

async function run(kind: DatabaseKind) {
  const t = await buildTestApp(kind);
  // Same-length addresses, known and unknown: only whether a fiche exists differs.
  const stamp = Date.now().toString(36);
  const knownEmails: string[] = [];
  for (let i = 0; i < samples; i += 8) {
    const batch = Array.from(
      { length: Math.min(8, samples - i) },
      (_, j) => `known-${i + j}-${stamp}@example.org`,
    );
    await Promise.all(batch.map((email) => createTestAccount(t.deps, { email })));
    knownEmails.push(...batch);
  }
  const unknownEmail = (i: number) => `unkno-${i}-${stamp}@example.org`;
  const all: Probe[] = [
    {
      key: 'forgot',
      name: 'forgot-password',
      known: (i) => ({ method: 'POST', url: '/api/v1/password/forgot', payload: { email: knownEmails[i] } }),
      unknown: (i) => ({
        method: 'POST',
        url: '/api/v1/password/forgot',
        payload: { email: unknownEmail(i) },
      }),
    },
    {
      key: 'signin',
      name: 'sign-in failure',
      known: (i) => ({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: knownEmails[i], password: `Wrong-Horse-${i}-x` },
      }),
      unknown: (i) => ({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: unknownEmail(i), password: `Wrong-Horse-${i}-x` },
      }),
    },
    {
      key: 'recovery',
      name: 'recovery start',
      known: (i) => ({
        method: 'POST',
        url: '/api/v1/recovery/cases',
        payload: caseBody('individual', { account: { formerEmail: knownEmails[i] } }),
      }),
      unknown: (i) => ({
        method: 'POST',
        url: '/api/v1/recovery/cases',
        payload: caseBody('individual', { account: { formerEmail: unknownEmail(i) } }),
      }),
    },
  ];
  const rows = [];
  for (const probe of all.filter((p) => probes.includes(p.key))) {
    // A warm-up, then the series; which side goes first alternates, so drift hits both alike.
    for (let i = 0; i < 20; i++) await timed(t, probe.unknown(samples + i));
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < samples; i++) {
      if (i % 2) {
        known.push(await timed(t, probe.known(i)));
        unknown.push(await timed(t, probe.unknown(i)));
      } else {
        unknown.push(await timed(t, probe.unknown(i)));
        known.push(await timed(t, probe.known(i)));
      }
      // The worker's share, outside the timed requests, as a worker process would do it.
      if (probe.name === 'forgot-password' && i % 100 === 99) await resolvePasswordResetRequests(t.deps);
    }
    const test = kruskalTest(known, unknown);
    const delta = median(known) - median(unknown);
    rows.push({
      kind,
      probe: probe.name,
      known: median(known),
      unknown: median(unknown),
      delta,
      p: test.pValue,
      ok: Math.abs(delta) < 0.05 && test.pValue > 0.01,
    });
  }
  await t.close();
  return rows;
}

const kinds: DatabaseKind[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
console.log(`${samples} known + ${samples} unknown samples per probe, interleaved`);
console.log('| database | probe | median known | median unknown | Δ median | p (rank test) | goal |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | --- |');
for (const kind of kinds) {
  for (const row of await run(kind)) {
    console.log(
      `| ${row.kind} | ${row.probe} | ${row.known.toFixed(3)} ms | ${row.unknown.toFixed(3)} ms | ${row.delta >= 0 ? '+' : ''}${row.delta.toFixed(3)} ms | ${row.p.toPrecision(2)} | ${row.ok ? 'met' : 'NOT met'} |`,
    );
  }
}
