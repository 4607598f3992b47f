import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { waitFor } from '../support/mail.ts';
import { createOwnPostgresCluster, type OwnPostgresCluster } from '../support/own-postgres-cluster.ts';
import {
  PROCESS_TEST_PASSWORD as PASSWORD,
  runSesame,
  type SesameProcess,
  startSesame,
} from '../support/sesame-process.ts';

/**
 * PostgreSQL stopped for 10 s and started again while `sesame serve` is under load: /readyz says
 * 503 meanwhile and 200 again by itself, requests fail with 503 (never a 500, never a hang), the
 * server is never restarted, and every write it acknowledged is there afterwards.
 */

const OUTAGE_MS = 10_000;
const dataDir = mkdtempSync(path.join(tmpdir(), 'sesame-pg-restart-'));
let cluster: OwnPostgresCluster | null = null;
let skip: string | false = false;
let server: SesameProcess | null = null;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('sesame serve while its PostgreSQL stops for 10 s and comes back, under load', () => {
  before(async () => {
    const created = await createOwnPostgresCluster();
    if ('skip' in created) {
      skip = created.skip;
      process.stdout.write(`# skipped: ${skip}\n`);
    } else cluster = created;
  });
  after(async () => {
    await server?.stop();
    cluster?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('answers 503 while the database is away, recovers by itself, and keeps every acknowledged write', async (t) => {
    if (!cluster) return t.skip(String(skip));
    const env = { DATA_DIR: dataDir, DATABASE_URL: cluster.url, LOG_LEVEL: 'warn' };
    server = await startSesame(['serve'], env);
    const base = server.url;
    const token = await runSesame(['token', 'create', '--name', 'billing'], env);
    assert.equal(token.code, 0, token.stderr);
    const bearer = `Bearer ${JSON.parse(token.stdout).token}`;

    const seen = {
      readyz: [] as number[],
      writes: [] as number[],
      created: [] as string[],
      odd: [] as string[],
    };
    let phase: 'before' | 'outage' | 'after' = 'before';
    const outageReadyz: number[] = [];
    let stopped = false;
    // A connection the server dropped or refused is a failure of its own (reported with the
    // server's output), never an exception that ends the load early.
    const networkErrors: string[] = [];
    const noteNetworkError = (error: Error & { cause?: { code?: string; message?: string } }) => {
      networkErrors.push(`${phase}: ${error.cause?.code ?? error.cause?.message ?? error.message}`);
      return null;
    };
    const readyzLoop = async () => {
      while (!stopped) {
        const askedDuring = phase; // a probe counts for the phase it was sent in
        const response = await fetch(`${base}/readyz`).catch(noteNetworkError);
        const status = response ? response.status : 0;
        await response?.arrayBuffer();
        seen.readyz.push(status);
        if (askedDuring === 'outage') outageReadyz.push(status);
        await sleep(200);
      }
    };
    const writeLoop = async (worker: number) => {
      for (let i = 0; !stopped; i++) {
        const response = await fetch(`${base}/api/v1/admin/accounts`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: bearer },
          body: JSON.stringify({
            type: 'individual',
            email: `w${worker}-${i}@exemple.fr`,
            firstName: 'A',
            lastName: 'B',
            password: PASSWORD,
          }),
        }).catch(noteNetworkError);
        if (!response) {
          await sleep(200);
          continue;
        }
        seen.writes.push(response.status);
        if (response.status === 201) seen.created.push(((await response.json()) as { id: string }).id);
        else if (response.status !== 503) seen.odd.push(`${response.status} ${await response.text()}`);
        else await response.arrayBuffer();
        if (response.status !== 201) await sleep(200);
      }
    };
    const load = Promise.all([readyzLoop(), writeLoop(1), writeLoop(2)]);

    await waitFor(() => seen.created.length >= 3, 120_000);
    cluster.stop();
    phase = 'outage';
    await sleep(OUTAGE_MS);
    cluster.start();
    phase = 'after';
    const createdBeforeRecovery = seen.created.length;
    // Recovers by itself: ready again, and writes go through again.
    await waitFor(
      () => seen.readyz.at(-1) === 200 && seen.created.length >= createdBeforeRecovery + 3,
      120_000,
    ).catch((error: Error) => {
      stopped = true;
      const tail = (list: unknown[]) => list.slice(-20).join(' ');
      throw new Error(
        `${error.message}: readyz ${tail(seen.readyz)}; writes ${tail(seen.writes)}; dropped ${tail(networkErrors)}; the server said:\n${server?.output()}`,
      );
    });
    stopped = true;
    await load;

    assert.deepEqual(networkErrors, [], `no dropped connection; the server said:\n${server.output()}`);
    assert.ok(
      outageReadyz.length > 0 && outageReadyz.every((s) => s === 503),
      `readyz during the outage: ${outageReadyz}`,
    );
    assert.deepEqual(
      [...new Set(seen.writes)].filter((s) => s !== 201 && s !== 503),
      [],
      `only 201 or 503, never a 500: ${seen.odd.join('; ')}\n${server.output()}`,
    );
    assert.ok(seen.writes.includes(503), 'writes during the outage were refused with 503');
    assert.equal(server.child.exitCode, null, 'the server was never restarted');

    const client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ id: string }>(
        'SELECT id FROM accounts WHERE id = ANY($1::uuid[])',
        [seen.created],
      );
      assert.equal(rows.length, seen.created.length, 'every acknowledged account is there');
    } finally {
      await client.end();
    }
    const verify = await runSesame(['audit', 'verify'], env);
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
    process.stdout.write(
      `# ${seen.created.length} accounts acknowledged, ${seen.writes.filter((s) => s === 503).length} writes answered 503, readyz during outage: ${outageReadyz.length}× 503\n`,
    );
  });
});
