import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { createDatabase, type Db, pgliteDirFor } from './database.ts';
import { serveEmbeddedDatabase } from './embedded-database.ts';

/**
 * The owner's socket against the one PGlite session: socket clients (real pg connections over the
 * real Unix socket) and this process's own Kysely, all at once.
 */

const dataDir = mkdtempSync(path.join(tmpdir(), 'sesame-socket-'));
const UNIT_IDLE_TIMEOUT_MS = 1500;
let db: Db;
let socketPath: string | null;
const clients: pg.Client[] = [];

async function connectClient(): Promise<pg.Client> {
  const client = new pg.Client({ host: dataDir, port: 5432, user: 'postgres', database: 'postgres' });
  client.on('error', () => {}); // a client whose connection the server closes, on purpose in some tests
  await client.connect();
  clients.push(client);
  return client;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the embedded database socket', () => {
  before(async () => {
    db = createDatabase({ pgliteDir: pgliteDirFor(dataDir) });
    await sql`CREATE TABLE probe (id int PRIMARY KEY, who text NOT NULL)`.execute(db);
    socketPath = await serveEmbeddedDatabase(db, { unitIdleTimeoutMs: UNIT_IDLE_TIMEOUT_MS });
  });
  after(async () => {
    await Promise.all(clients.map((c) => c.end().catch(() => {})));
    await db.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('listens in DATA_DIR on a socket only the owner may use (0600)', () => {
    assert.equal(socketPath, path.join(dataDir, '.s.PGSQL.5432'));
    assert.ok(statSync(socketPath).isSocket());
    assert.equal(statSync(socketPath).mode & 0o777, 0o600);
  });

  it('never lets two transactions interleave: two socket clients and this process, each in BEGIN…COMMIT at once', async () => {
    const a = await connectClient();
    const b = await connectClient();
    const viaSocket = async (client: pg.Client, id: number, who: string) => {
      await client.query('BEGIN');
      await client.query('INSERT INTO probe VALUES ($1, $2)', [id, who]);
      await pause(40);
      const seen = (await client.query<{ who: string }>('SELECT who FROM probe ORDER BY id')).rows.map(
        (r) => r.who,
      );
      await client.query('COMMIT');
      return seen;
    };
    const inProcess = () =>
      db.transaction().execute(async (tx) => {
        await sql`INSERT INTO probe VALUES (3, 'this process')`.execute(tx);
        await pause(40);
        return (await sql<{ who: string }>`SELECT who FROM probe ORDER BY id`.execute(tx)).rows.map(
          (r) => r.who,
        );
      });
    const [seenByA, seenByB, seenHere] = await Promise.all([
      viaSocket(a, 1, 'A'),
      viaSocket(b, 2, 'B'),
      inProcess(),
    ]);
    // Each saw its own row and only rows committed before it started: never another's uncommitted one.
    for (const [seen, own] of [
      [seenByA, 'A'],
      [seenByB, 'B'],
      [seenHere, 'this process'],
    ] as const) {
      assert.ok(seen.includes(own), `${own} sees its own row`);
      assert.equal(new Set(seen).size, seen.length);
    }
    const committedOrder = [seenByA, seenByB, seenHere].map((seen) => seen.length).sort();
    assert.deepEqual(committedOrder, [1, 2, 3], 'they ran one after the other');
    await sql`DELETE FROM probe`.execute(db);
  });

  it('keeps each client’s extended-protocol queries whole while many run at once', async () => {
    const a = await connectClient();
    const b = await connectClient();
    const runQueries = async (client: pg.Client, offset: number) => {
      let right = 0;
      for (let i = offset; i < offset + 60; i++) {
        const { rows } = await client.query<{ n: number; label: string }>(
          'SELECT $1::int AS n, $2::text AS label',
          [i, `q${i}`],
        );
        if (rows[0]?.n === i && rows[0]?.label === `q${i}`) right += 1;
      }
      return right;
    };
    const answers = await Promise.all([
      runQueries(a, 0),
      runQueries(b, 60),
      runQueries(await connectClient(), 120),
    ]);
    assert.deepEqual(answers, [60, 60, 60]);
  });

  it('answers a failed statement, and the same client then gets its own results again', async () => {
    const a = await connectClient();
    await a.query('BEGIN');
    await a.query("INSERT INTO probe VALUES (10, 'first')");
    await assert.rejects(a.query("INSERT INTO probe VALUES (10, 'duplicate')"), { code: '23505' });
    await assert.rejects(a.query('SELECT 1'), { code: '25P02' });
    await a.query('ROLLBACK');
    const { rows } = await a.query<{ n: number; c: number }>(
      'SELECT $1::int AS n, count(*)::int AS c FROM probe',
      [7],
    );
    assert.deepEqual(rows, [{ n: 7, c: 0 }]);
  });

  it('rolls back the open transaction of a client that disconnects, and the others go on', async () => {
    const leaving = await connectClient();
    await leaving.query('BEGIN');
    await leaving.query("INSERT INTO probe VALUES (20, 'never committed')");
    const waiting = sql<{ who: string }>`SELECT who FROM probe`.execute(db).then((r) => r.rows);
    // The client's process dies: its connection drops without COMMIT nor Terminate.
    (leaving as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    assert.deepEqual(await waiting, []);
    const other = await connectClient();
    assert.equal((await other.query('SELECT count(*)::int AS c FROM probe')).rows[0].c, 0);
  });

  it('serialises pg_advisory_xact_lock (the audit chain’s) across clients: each gets it in turn', async () => {
    const a = await connectClient();
    const b = await connectClient();
    const order: string[] = [];
    const lockAndWrite = async (client: pg.Client, who: string) => {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock(8315179149428025716)');
      order.push(`${who} in`);
      await pause(30);
      order.push(`${who} out`);
      await client.query('COMMIT');
    };
    await Promise.all([lockAndWrite(a, 'A'), lockAndWrite(b, 'B')]);
    assert.ok(
      JSON.stringify(order) === JSON.stringify(['A in', 'A out', 'B in', 'B out']) ||
        JSON.stringify(order) === JSON.stringify(['B in', 'B out', 'A in', 'A out']),
      order.join(', '),
    );
  });

  it('closes the connection of a client idle inside a transaction, freeing the session for everyone else', async () => {
    const stuck = await connectClient();
    await stuck.query('BEGIN');
    await stuck.query("INSERT INTO probe VALUES (30, 'stuck')");
    // This process waits for the session until the stuck client's unit times out and is rolled back.
    const rows = await sql<{ who: string }>`SELECT who FROM probe`.execute(db).then((r) => r.rows);
    assert.deepEqual(rows, []);
    await assert.rejects(stuck.query('COMMIT'));
  });
});
