import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  accountCreateArgs,
  PROCESS_TEST_PASSWORD as PASSWORD,
  runSesame,
  type SesameProcess,
  signInOverHttp,
  startSesame,
} from '../support/sesame-process.ts';

/**
 * Twenty `sesame account create` processes at once through the owner's socket, while twenty
 * HTTP clients sign in on the server itself: every write goes through the one PGlite session,
 * each audit event chained to the one before.
 */

const dataDir = mkdtempSync(path.join(tmpdir(), 'sesame-concurrency-'));
const env = { DATA_DIR: dataDir };
const COMMANDS = 20;
const SIGN_IN_CLIENTS = 20;
let server: SesameProcess;

const createAccount = (email: string) => runSesame(accountCreateArgs(email), env);
const signIn = (email: string) => signInOverHttp(server.url, email);

describe('20 concurrent sesame account create while 20 clients sign in, on the embedded database', () => {
  before(async () => {
    server = await startSesame(['serve'], env);
  });
  after(async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('creates every account with its own client number, signs every client in, and the audit chain verifies', async () => {
    const signInEmails = Array.from({ length: SIGN_IN_CLIENTS }, (_, i) => `client${i}@exemple.fr`);
    // The sign-in accounts exist first, made through the admin API (a token from the CLI).
    const token = await runSesame(['token', 'create', '--name', 'test'], env);
    assert.equal(token.code, 0, token.stderr);
    for (const email of signInEmails) {
      const response = await fetch(`${server.url}/api/v1/admin/accounts`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${JSON.parse(token.stdout).token}`,
        },
        body: JSON.stringify({
          type: 'individual',
          email,
          firstName: 'Léa',
          lastName: 'Petit',
          password: PASSWORD,
        }),
      });
      assert.equal(response.status, 201, await response.text());
    }

    let commandsDone = false;
    const commands = Promise.all(
      Array.from({ length: COMMANDS }, (_, i) => createAccount(`nouveau${i}@exemple.fr`)),
    ).finally(() => {
      commandsDone = true;
    });
    // Each client signs in while the commands run: at least once, at most 3 times, a second apart
    // (bounded: argon2 for every sign-in shares the 2 cores with the 20 commands).
    const signIns = Promise.all(
      signInEmails.map(async (email, i) => {
        const statuses: number[] = [];
        await new Promise((resolve) => setTimeout(resolve, 100 * i));
        do {
          statuses.push(await signIn(email));
          await new Promise((resolve) => setTimeout(resolve, 1000));
        } while (!commandsDone && statuses.length < 3);
        return statuses;
      }),
    );
    const [created, statuses] = await Promise.all([commands, signIns]);

    assert.deepEqual(
      created.map((r) => r.code),
      created.map(() => 0),
      created.map((r) => r.stderr).join(''),
    );
    const clientNumbers = created.map((r) => JSON.parse(r.stdout).clientNumber as string);
    assert.equal(new Set(clientNumbers).size, COMMANDS, 'every account got its own client number');
    const all = statuses.flat();
    assert.ok(all.length >= SIGN_IN_CLIENTS);
    assert.deepEqual(
      all.filter((status) => status !== 200),
      [],
      `${all.length} sign-ins`,
    );

    // The new accounts are there for the server at once.
    assert.equal(await signIn('nouveau7@exemple.fr'), 200);
    const verify = await runSesame(['audit', 'verify'], env);
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
    const events = Number(/audit chain OK: (\d+) events/.exec(verify.stdout)?.[1]);
    // One event per account created and per sign-in, at least.
    assert.ok(events >= SIGN_IN_CLIENTS + COMMANDS + all.length + 1, `${events} events`);
    process.stdout.write(`# ${COMMANDS} commands, ${all.length} sign-ins, ${events} audit events\n`);
  });
});
