/**
 * Support's two everyday reads at a provider's size, on PostgreSQL: the recovery queue and the
 * account search, over 1 000 000 accounts (with a domain each for 6 in 10), 100 000 recovery
 * cases (most long closed, some 2 000 open) and 20 staff members. The rows are written by SQL
 * (generate_series) into a database of its own, created and dropped here. Then each read runs
 * through the same service functions as the back office (search is audited, as in production), a
 * few hundred times over varied queries, and prints p50 / p95 / max per kind, with the plan
 * PostgreSQL chose for each statement (EXPLAIN ANALYZE: the indexes it used, or "Seq Scan").
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npx tsx bench/staff-queries.ts [--accounts 1000000] [--cases 100000] [--runs 200] [--keep]
 *
 * `--keep` leaves the database (its name is printed) for another look with psql.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { pino } from 'pino';
import { loadConfig } from '../src/config.ts';
import { systemClock } from '../src/platform/clock.ts';
import { migrateToLatest } from '../src/platform/db/database.ts';
import type { Database } from '../src/platform/db/schema.ts';
import type { Deps } from '../src/platform/deps.ts';
import { createDocumentStorage } from '../src/platform/files/document-storage.ts';
import { listRecoveryQueue } from '../src/recovery/review/queue.service.ts';
import { searchAccountsAsStaff } from '../src/staff/staff-accounts.service.ts';
import { databaseUrlFor, withAdminClient } from '../test/support/database-templates.ts';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '1000000' },
    cases: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '200' },
    keep: { type: 'boolean', default: false },
  },
});
const accountCount = Number(values.accounts);
const caseCount = Number(values.cases);
const runs = Number(values.runs);
const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
  console.error(
    'set DATABASE_URL (postgres://postgres@127.0.0.1:5432/test): this benchmark is about PostgreSQL',
  );
  process.exit(2);
}

// Synthetic names: 40 first names, surnames of three syllables out of 20 (8 000 of them, so that
// a surname matches about 125 accounts in a million, as a common French surname would).
const FIRST = [
  'Camille',
  'Jeanne',
  'Louis',
  'Manon',
  'Hugo',
  'Chloé',
  'Lucas',
  'Léa',
  'Jules',
  'Emma',
  'Gabriel',
  'Inès',
  'Arthur',
  'Zoé',
  'Nathan',
  'Lina',
  'Paul',
  'Alice',
  'Tom',
  'Sarah',
  'Noah',
  'Julie',
  'Adam',
  'Anna',
  'Théo',
  'Lou',
  'Raphaël',
  'Rose',
  'Victor',
  'Jade',
  'Martin',
  'Agathe',
  'Simon',
  'Clara',
  'Antoine',
  'Elsa',
  'Maxime',
  'Margaux',
  'Yanis',
  'Nina',
];
const SYLLABLES = [
  'ber',
  'ni',
  'lau',
  'ran',
  'det',
  'mar',
  'cha',
  'vi',
  'gon',
  'tel',
  'rou',
  'mon',
  'pel',
  'sau',
  'li',
  'gue',
  'fa',
  'dor',
  'bri',
  'zan',
];
const OPEN_CASES = Math.min(2_000, Math.floor(caseCount / 10));

function surname(i: number): string {
  const s = `${SYLLABLES[i % 20]}${SYLLABLES[Math.floor(i / 20) % 20]}${SYLLABLES[Math.floor(i / 400) % 20]}`;
  return s.charAt(0).toUpperCase() + s.slice(1);
}

async function seed(db: Kysely<Database>): Promise<void> {
  const first = sql.val(FIRST);
  const syl = sql.val(SYLLABLES);
  const started = Date.now();
  // Same formulas as surname() above, so that the queries below know what exists.
  await sql`
    INSERT INTO accounts (id, client_number, type, email, email_normalized, email_verified_at,
      first_name, last_name, legal_name, siren, association_name, country, locale, created_at, updated_at)
    SELECT gen_random_uuid(), 'C' || lpad(i::text, 7, '0'),
      CASE i % 10 WHEN 0 THEN 'company' WHEN 1 THEN 'association' ELSE 'individual' END,
      email, email, now(),
      (${first}::text[])[1 + i % 40], last_name,
      CASE WHEN i % 10 = 0 THEN 'Société ' || last_name || ' ' || i END,
      CASE WHEN i % 10 = 0 THEN lpad((100000000 + i)::text, 9, '0') END,
      CASE WHEN i % 10 = 1 THEN 'Association ' || last_name || ' ' || i END,
      'FR', 'fr', now() - (i || ' minutes')::interval, now()
    FROM (
      SELECT i, initcap((${syl}::text[])[1 + i % 20] || (${syl}::text[])[1 + (i / 20) % 20]
                        || (${syl}::text[])[1 + (i / 400) % 20]) AS last_name,
             -- ASCII local parts, as Sésame accepts (« chloé.12@… » would be refused at sign-up).
             lower(translate((${first}::text[])[1 + i % 40], 'éëèï', 'eeei')) || '.' || i || '@example-' || (i % 97) || '.fr' AS email
      FROM generate_series(1, ${accountCount}::int) AS i
    ) AS generated`.execute(db);
  await sql`
    INSERT INTO account_services (id, account_id, kind, name, created_at)
    SELECT gen_random_uuid(), id, 'domain', 'site-' || substr(client_number, 2) || '.fr', now()
    FROM accounts WHERE right(client_number, 1)::int < 6`.execute(db);
  await sql`
    INSERT INTO staff_users (id, email, email_normalized, name, role, password_hash, totp_secret, totp_enrolled_at, created_at)
    SELECT gen_random_uuid(), 'agent' || i || '@support.example', 'agent' || i || '@support.example',
      'Agent ' || i, 'agent', 'x', 'x', now(), now()
    FROM generate_series(1, 20) AS i`.execute(db);
  // Open cases first (the newest ids), then closed ones; each open one assigned to an agent or none.
  await sql`
    INSERT INTO recovery_cases (id, reference, case_token_hash, account_type, status, locale,
      claimant_first_name, claimant_last_name, new_email, new_email_normalized, account_id,
      assigned_staff_id, created_at, updated_at, last_activity_at, submitted_at, closed_at)
    SELECT gen_random_uuid(), 'R-' || lpad(i::text, 8, '0'), md5('case' || i), 'individual',
      CASE WHEN i <= ${OPEN_CASES}::int
        THEN (ARRAY['submitted', 'in_review', 'awaiting_claimant', 'approved'])[1 + i % 4]
        ELSE (ARRAY['completed', 'rejected', 'expired', 'completed'])[1 + i % 4] END,
      'fr', 'Camille', 'Claimant', 'new' || i || '@example.net', 'new' || i || '@example.net',
      NULL, CASE WHEN i % 3 = 0 THEN NULL ELSE (SELECT id FROM staff_users ORDER BY email LIMIT 1 OFFSET i % 20) END,
      now() - (i || ' hours')::interval, now(), now(), now() - (i || ' hours')::interval,
      CASE WHEN i > ${OPEN_CASES}::int THEN now() - ((i - 10) || ' hours')::interval END
    FROM generate_series(1, ${caseCount}::int) AS i`.execute(db);
  await sql`ANALYZE`.execute(db);
  console.log(
    `seeded ${accountCount} accounts, ${caseCount} cases (${OPEN_CASES} open) in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
}

type Captured = { sql: string; parameters: readonly unknown[] };

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

async function main(): Promise<void> {
  const name = `sesame_bench_staff_${process.pid}`;
  await withAdminClient(adminUrl as string, (client) => client.query(`CREATE DATABASE ${name}`));
  const pool = new pg.Pool({ connectionString: databaseUrlFor(adminUrl as string, name), max: 10 });
  let capture: Captured[] | null = null;
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log(event) {
      if (capture && event.level === 'query' && /^\s*select/i.test(event.query.sql))
        capture.push({ sql: event.query.sql, parameters: event.query.parameters });
    },
  });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sesame-bench-staff-'));
  try {
    const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
    await migrateToLatest(db);
    await seed(db);
    const deps: Deps = {
      config,
      db,
      clock: systemClock,
      log: pino({ level: 'silent' }),
      masterKey: randomBytes(32),
      storage: createDocumentStorage(config),
    };
    const staffRow = await db.selectFrom('staff_users').select('id').limit(1).executeTakeFirstOrThrow();
    const staff = { id: staffRow.id, role: 'supervisor' as const };
    const meta = { ip: '127.0.0.1', userAgent: 'bench/staff-queries' };

    const pick = (): number => 1 + Math.floor(Math.random() * accountCount);
    const searches: Record<string, () => string> = {
      'exact email': () => {
        const i = pick();
        const first = (FIRST[i % 40] ?? '').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
        return `${first}.${i}@example-${i % 97}.fr`;
      },
      'part of email': () => `.${pick()}@`,
      'client number': () => `C${String(pick()).padStart(7, '0')}`,
      surname: () => surname(pick()),
      'first and last name': () => {
        const i = pick();
        return `${FIRST[i % 40]} ${surname(i)}`;
      },
      'company name': () => `Société ${surname(pick() - (pick() % 10))}`,
      SIREN: () => String(100000000 + (pick() - (pick() % 10))).padStart(9, '0'),
      domain: () => `www.site-${String(pick() - (pick() % 10)).padStart(7, '0')}.fr`,
      'no match': () => `zq${randomBytes(3).toString('hex')}`,
    };
    const queues: Record<string, () => Promise<unknown>> = {
      'recovery queue (open)': () => listRecoveryQueue(deps, staff, {}),
      'recovery queue, older than 7 days': () => listRecoveryQueue(deps, staff, { olderThanDays: 7 }),
      'recovery queue, completed': () => listRecoveryQueue(deps, staff, { statuses: ['completed'] }),
    };
    const kinds: [string, () => Promise<unknown>][] = [
      ...Object.entries(searches).map(
        ([kind, query]) =>
          [`search: ${kind}`, () => searchAccountsAsStaff(deps, staff, query(), meta)] as [
            string,
            () => Promise<unknown>,
          ],
      ),
      ...Object.entries(queues),
    ];
    // Warm-up: caches and the pool, as a running server has them.
    for (const [, run] of kinds) for (let i = 0; i < 5; i++) await run();

    const times = new Map<string, number[]>(kinds.map(([kind]) => [kind, []]));
    for (let r = 0; r < runs; r++) {
      for (const [kind, run] of kinds) {
        const start = process.hrtime.bigint();
        await run();
        times.get(kind)?.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
    }
    console.log(
      `\n${runs} runs of each, interleaved (ms, whole service call: SQL, mapping, the search's audit write)\n`,
    );
    console.log('| read | p50 | p95 | max |\n| --- | ---: | ---: | ---: |');
    let worstP95 = 0;
    for (const [kind, list] of times) {
      const sorted = [...list].sort((a, b) => a - b);
      worstP95 = Math.max(worstP95, percentile(sorted, 95));
      console.log(
        `| ${kind} | ${percentile(sorted, 50).toFixed(2)} | ${percentile(sorted, 95).toFixed(2)} | ${(sorted.at(-1) ?? 0).toFixed(2)} |`,
      );
    }
    console.log(`\nworst p95: ${worstP95.toFixed(2)} ms (goal ≤ 20 ms)`);

    // The plans: each statement of one call of each kind, EXPLAIN ANALYZE'd with its parameters.
    console.log('\nplans (indexes used; "Seq Scan" on a big table is a miss):');
    for (const [kind, run] of kinds) {
      capture = [];
      await run();
      const statements = capture;
      capture = null;
      const used: string[] = [];
      for (const statement of statements) {
        const { rows } = await pool.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${statement.sql}`, [
          ...statement.parameters,
        ]);
        used.push(planSummary((rows[0] as { 'QUERY PLAN': [{ Plan: PlanNode }] })['QUERY PLAN'][0].Plan));
      }
      console.log(`- ${kind}: ${used.join(' ; ')}`);
    }
  } finally {
    await db.destroy();
    rmSync(dataDir, { recursive: true, force: true });
    if (values.keep) console.log(`\nkept database ${name}`);
    else
      await withAdminClient(adminUrl as string, (client) => client.query(`DROP DATABASE IF EXISTS ${name}`));
  }
}

type PlanNode = { 'Node Type': string; 'Relation Name'?: string; 'Index Name'?: string; Plans?: PlanNode[] };

/** The scans of a plan, e.g. "Bitmap Index Scan accounts_search_trgm_idx, Seq Scan staff_users". */
function planSummary(plan: PlanNode): string {
  const scans: string[] = [];
  const walk = (node: PlanNode): void => {
    if (node['Node Type'].includes('Scan'))
      scans.push(`${node['Node Type']} ${node['Index Name'] ?? node['Relation Name'] ?? ''}`.trim());
    for (const child of node.Plans ?? []) walk(child);
  };
  walk(plan);
  return scans.join(', ');
}

await main();
