/**
 * Side-by-side load benchmark: Sésame (on PGlite, and on PostgreSQL when DATABASE_URL is set)
 * against the reference peer, better-auth 1.7.25 (../shared/peers/better-auth, copied to a writable
 * directory and installed with `npm ci` on first use), alternating target by target within each
 * round so that drift in the machine's speed hits all of them alike. Each target runs as its own
 * production process on 127.0.0.1, driven by autocannon from this process:
 * - sign-in with the right password (many accounts, many client addresses: Sésame's throttles stay
 *   on and never trip; the peer runs with its rate limiter off, as its harness does), reported
 *   against the raw cost of the target's own password hash (argon2id for Sésame, better-auth's
 *   scrypt) verified with 2 in flight in this process, just before the phase;
 * - the authenticated read: Sésame's fiche (GET /api/v1/account) against better-auth's get-session;
 * - forgot-password for an existing address against better-auth's request-password-reset.
 * Ratios are computed per round, then the median (min..max) over rounds is printed; resting RSS
 * of each server after its phases. Sésame runs `serve --no-worker`: the worker's share of a forgot
 * (link, email) is measured by bench/outbox.ts and bench/timing-probe.ts.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/load.ts [--seconds 10] [--connections 20] [--rounds 3] [--built]
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes, scrypt as scryptCallback } from 'node:crypto';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { hash as argon2Hash, verify as argon2Verify } from '@node-rs/argon2';
import autocannon from 'autocannon';
import { ARGON2_PARAMETERS } from '../src/platform/crypto/passwords.ts';
import type { Db } from '../src/platform/db/database.ts';
import {
  nextAddress,
  rssMiB,
  sleep,
  startSesameServer,
  startSmtpSink,
  stopChild,
} from './support/sesame-server.ts';

const scrypt = promisify(scryptCallback) as (
  password: string,
  salt: string,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    connections: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '3' },
    accounts: { type: 'string', default: '4000' },
    'hash-seconds': { type: 'string', default: '3' },
    // Sésame from `npm run build` (dist/cli.js) rather than the sources through tsx.
    built: { type: 'boolean', default: false },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const rounds = Number(values.rounds);
const accountCount = Number(values.accounts);
const hashSeconds = Number(values['hash-seconds']);
const root = fileURLToPath(new URL('..', import.meta.url));
const PASSWORD = 'Cheval-Agrafe-Batterie-42';

type Target = 'better-auth' | 'sesame-pglite' | 'sesame-postgres';
type Phase = { reqPerSec: number; p50: number; p99: number; non2xx: number; errors: number };
type RoundResult = {
  signIn: Phase;
  rawVerifyPerSec: number;
  read: Phase;
  forgot: Phase;
  restingRssMiB: number;
};
type Server = { baseUrl: string; child: ChildProcess; stop(): Promise<void> };

// ——— the peer ———————————————————————————————————————————————————————————————————————————————

const peerSource = path.resolve(root, '../shared/peers/better-auth');
const peerDir = path.join(tmpdir(), 'sesame-bench-better-auth');

function installPeer(): void {
  if (existsSync(path.join(peerDir, 'node_modules/.package-lock.json'))) return;
  console.log(`copying the peer to ${peerDir} and installing it (npm ci, about a minute)…`);
  rmSync(peerDir, { recursive: true, force: true });
  cpSync(peerSource, peerDir, { recursive: true });
  spawnSync('chmod', ['-R', 'u+w', peerDir]);
  const installed = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: peerDir, stdio: 'inherit' });
  if (installed.status !== 0) throw new Error('npm ci of the peer failed');
}

async function startPeer(): Promise<Server> {
  const runDir = mkdtempSync(path.join(tmpdir(), 'sesame-bench-peer-run-'));
  const env = {
    ...process.env,
    NODE_ENV: 'production',
    DB_FILE: path.join(runDir, 'auth.sqlite'),
    BETTER_AUTH_SECRET: randomBytes(32).toString('hex'),
    HOST: '127.0.0.1',
    PORT: '0',
    PORT_FILE: path.join(runDir, 'base_url'),
  };
  const migrated = spawnSync(process.execPath, ['migrate.mjs'], { cwd: peerDir, env, stdio: 'ignore' });
  if (migrated.status !== 0) throw new Error('the peer’s migration failed');
  const child = spawn(process.execPath, ['server.mjs'], { cwd: peerDir, env, stdio: 'ignore' });
  for (let i = 0; i < 100 && !existsSync(env.PORT_FILE); i++) await sleep(100);
  const baseUrl = readFileSync(env.PORT_FILE, 'utf8').trim();
  return {
    baseUrl,
    child,
    stop: () => stopChild(child, () => rmSync(runDir, { recursive: true, force: true })),
  };
}

async function runPeerRound(): Promise<RoundResult> {
  const server = await startPeer();
  try {
    const origin = { origin: server.baseUrl, 'content-type': 'application/json' };
    const email = `bench-${Date.now()}@example.org`;
    const signUp = await fetch(`${server.baseUrl}/api/auth/sign-up/email`, {
      method: 'POST',
      headers: origin,
      body: JSON.stringify({ email, password: PASSWORD, name: 'Bench' }),
    });
    if (!signUp.ok) throw new Error(`peer sign-up: ${signUp.status}`);
    const signIn = await fetch(`${server.baseUrl}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: origin,
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const rawVerifyPerSec = await measureScryptVerify();
    const signInPhase = await load(server.baseUrl, {
      method: 'POST',
      path: '/api/auth/sign-in/email',
      headers: origin,
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    const read = await load(server.baseUrl, {
      method: 'GET',
      path: '/api/auth/get-session',
      headers: { cookie },
    });
    const forgot = await load(server.baseUrl, {
      method: 'POST',
      path: '/api/auth/request-password-reset',
      headers: origin,
      body: JSON.stringify({ email, redirectTo: `${server.baseUrl}/reset` }),
    });
    return { signIn: signInPhase, rawVerifyPerSec, read, forgot, restingRssMiB: rssMiB(server.child) };
  } finally {
    await server.stop();
  }
}

/** better-auth's own scrypt (N=16384, r=16, p=1, dkLen=64, its hex salt), 2 in flight. */
async function measureScryptVerify(): Promise<number> {
  const salt = randomBytes(16).toString('hex');
  const options = { N: 16384, r: 16, p: 1, maxmem: 128 * 16384 * 16 * 2 };
  const once = () => scrypt(PASSWORD.normalize('NFKC'), salt, 64, options);
  return opsPerSecond(once);
}

// ——— Sésame ——————————————————————————————————————————————————————————————————————————————————

/** Accounts written straight into the database (one argon2id hash for all): seeding stays fast. */
async function seedSesame(db: Db, passwordHash: string, stamp: string): Promise<string[]> {
  const emails: string[] = [];
  const now = new Date();
  for (let start = 0; start < accountCount; start += 500) {
    const rows = [];
    for (let i = start; i < Math.min(start + 500, accountCount); i++) {
      const email = `bench-${i}-${stamp}@example.org`;
      emails.push(email);
      rows.push({
        id: crypto.randomUUID(),
        client_number: `B${stamp.slice(-4)}${String(i).padStart(6, '0')}`,
        type: 'individual' as const,
        email,
        email_normalized: email,
        email_verified_at: now,
        phone: null,
        phone_verified_at: null,
        address_line1: null,
        address_line2: null,
        postal_code: null,
        city: null,
        country: 'FR',
        first_name: 'Camille',
        last_name: `Banc ${i}`,
        legal_name: null,
        siren: null,
        association_name: null,
        rna: null,
        password_hash: passwordHash,
        password_changed_at: now,
        locale: 'fr' as const,
        created_at: now,
        updated_at: now,
      });
    }
    await db.insertInto('accounts').values(rows).execute();
  }
  return emails;
}

async function startSesame(
  kind: 'pglite' | 'postgres',
  smtpPort: number,
): Promise<{
  server: Server;
  emails: string[];
}> {
  const stamp = Date.now().toString(36);
  const passwordHash = await argon2Hash(PASSWORD, ARGON2_PARAMETERS);
  const { server, seeded } = await startSesameServer(kind, {
    smtpPort,
    seed: (db) => seedSesame(db, passwordHash, stamp),
    built: values.built,
  });
  return { server, emails: seeded };
}

async function runSesameRound(kind: 'pglite' | 'postgres', smtpPort: number): Promise<RoundResult> {
  const { server, emails } = await startSesame(kind, smtpPort);
  try {
    const json = { 'content-type': 'application/json' };
    // Sessions of 50 customers for the authenticated read.
    const cookies: string[] = [];
    for (const email of emails.slice(0, 50)) {
      const response = await fetch(`${server.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { ...json, 'x-forwarded-for': nextAddress() },
        body: JSON.stringify({ email, password: PASSWORD }),
      });
      if (response.status !== 200) throw new Error(`sesame sign-in: ${response.status}`);
      cookies.push(
        response.headers
          .getSetCookie()
          .map((c) => c.split(';')[0])
          .join('; '),
      );
    }
    const stored = await argon2Hash(PASSWORD, ARGON2_PARAMETERS);
    const rawVerifyPerSec = await opsPerSecond(() => argon2Verify(stored, PASSWORD));
    let signInIndex = 0;
    const signIn = await load(server.baseUrl, {
      method: 'POST',
      path: '/api/v1/auth/login',
      headers: json,
      setupRequest: (request) => {
        signInIndex += 1;
        const email = emails[signInIndex % emails.length];
        return {
          ...request,
          headers: { ...request.headers, 'x-forwarded-for': nextAddress() },
          body: JSON.stringify({ email, password: PASSWORD }),
        };
      },
    });
    let readIndex = 0;
    const read = await load(server.baseUrl, {
      method: 'GET',
      path: '/api/v1/account',
      setupRequest: (request) => {
        readIndex += 1;
        return {
          ...request,
          headers: { ...request.headers, cookie: cookies[readIndex % cookies.length] ?? '' },
        };
      },
    });
    // Each existing address at most 3 times (its hourly budget), each request from its own address.
    let forgotIndex = 0;
    const forgot = await load(
      server.baseUrl,
      {
        method: 'POST',
        path: '/api/v1/password/forgot',
        headers: json,
        setupRequest: (request) => {
          forgotIndex += 1;
          return {
            ...request,
            headers: { ...request.headers, 'x-forwarded-for': nextAddress() },
            body: JSON.stringify({ email: emails[forgotIndex % emails.length] }),
          };
        },
      },
      { amount: emails.length * 3, warmUp: false },
    );
    return { signIn, rawVerifyPerSec, read, forgot, restingRssMiB: rssMiB(server.child) };
  } finally {
    await server.stop();
  }
}

// ——— measuring ——————————————————————————————————————————————————————————————————————————————

async function opsPerSecond(once: () => Promise<unknown>, inFlight = 2): Promise<number> {
  await once();
  let done = 0;
  const end = Date.now() + hashSeconds * 1000;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (Date.now() < end) {
        await once();
        done += 1;
      }
    }),
  );
  return done / (Number(process.hrtime.bigint() - started) / 1e9);
}

async function load(
  baseUrl: string,
  request: autocannon.Request,
  limits: { amount?: number; warmUp?: boolean } = {},
): Promise<Phase> {
  // A short warm-up, not counted (not where each request spends a budget: the earlier phases warmed up).
  if (limits.warmUp !== false)
    await autocannon({ url: baseUrl, connections, duration: 1, requests: [request] });
  const result = await autocannon({
    url: baseUrl,
    connections,
    duration: seconds,
    ...(limits.amount ? { amount: limits.amount } : {}),
    requests: [request],
  });
  return {
    reqPerSec: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

// ——— the run ————————————————————————————————————————————————————————————————————————————————

installPeer();
const sink = await startSmtpSink();
const smtpPort = sink.port;

const targets: Target[] = [
  'better-auth',
  'sesame-pglite',
  ...(process.env.DATABASE_URL ? (['sesame-postgres'] as const) : []),
];
const results = new Map<Target, RoundResult[]>(targets.map((t) => [t, []]));
for (let round = 0; round < rounds; round++) {
  // Rotated each round: no target always runs first, or last.
  const order = targets.map((_, i) => targets[(i + round) % targets.length] as Target);
  for (const target of order) {
    console.log(`round ${round + 1}/${rounds}: ${target}`);
    const result =
      target === 'better-auth'
        ? await runPeerRound()
        : await runSesameRound(target === 'sesame-postgres' ? 'postgres' : 'pglite', smtpPort);
    for (const [name, phase] of [
      ['sign-in', result.signIn],
      ['read', result.read],
      ['forgot', result.forgot],
    ] as const) {
      console.log(
        `  ${name.padEnd(8)} ${phase.reqPerSec.toFixed(0).padStart(6)} req/s  p50 ${phase.p50} ms  p99 ${phase.p99} ms  non-2xx ${phase.non2xx}  errors ${phase.errors}`,
      );
    }
    console.log(
      `  raw hash verify ${result.rawVerifyPerSec.toFixed(1)}/s (2 in flight), resting RSS ${result.restingRssMiB.toFixed(0)} MiB`,
    );
    results.get(target)?.push(result);
  }
}
sink.close();

/** Median (min..max) of a per-round figure. */
function summary(values: number[], digits = 2): string {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
  return `${median.toFixed(digits)} (${sorted[0]?.toFixed(digits)}..${sorted.at(-1)?.toFixed(digits)})`;
}
const peer = results.get('better-auth') ?? [];
const columns = targets.map((t) => results.get(t) ?? []);
const row = (label: string, figure: (r: RoundResult, round: number) => number, digits = 2) =>
  `| ${label} | ${columns.map((rs) => summary(rs.map(figure), digits)).join(' | ')} |`;
console.log(
  `\n${rounds} alternated rounds, ${connections} connections, ${seconds} s per phase; median (min..max) of per-round figures`,
);
console.log(`| figure | ${targets.join(' | ')} |`);
console.log(`| --- | ${targets.map(() => '---:').join(' | ')} |`);
console.log(
  row('sign-in req/s ÷ own hash verify/s (2 in flight)', (r) => r.signIn.reqPerSec / r.rawVerifyPerSec),
);
console.log(
  row(
    'authenticated read ÷ better-auth get-session',
    (r, i) => r.read.reqPerSec / (peer[i]?.read.reqPerSec ?? Number.NaN),
  ),
);
console.log(
  row(
    'forgot (existing) ÷ better-auth reset request',
    (r, i) => r.forgot.reqPerSec / (peer[i]?.forgot.reqPerSec ?? Number.NaN),
  ),
);
console.log(row('sign-in req/s', (r) => r.signIn.reqPerSec, 1));
console.log(row('authenticated read req/s', (r) => r.read.reqPerSec, 0));
console.log(row('forgot req/s', (r) => r.forgot.reqPerSec, 0));
console.log(
  row(
    'non-2xx + errors, all phases',
    (r) =>
      r.signIn.non2xx + r.read.non2xx + r.forgot.non2xx + r.signIn.errors + r.read.errors + r.forgot.errors,
    0,
  ),
);
console.log(row('resting RSS after the phases, MiB', (r) => r.restingRssMiB, 0));
