import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildRawEmail } from '../support/inbound-mail.ts';
import {
  accountCreateArgs,
  runSesame,
  type SesameProcess,
  signInOverHttp,
  startSesame,
} from '../support/sesame-process.ts';

/**
 * The issue that brought the socket: `sesame serve` on the embedded database, and every command
 * of the README run beside it — all at once — as real processes on the same DATA_DIR.
 */

const dataDir = mkdtempSync(path.join(tmpdir(), 'sesame-beside-'));
const env = { DATA_DIR: dataDir, INBOUND_AUTHSERV_ID: 'mx.sesame.test' };
let server: SesameProcess;
const signIn = (email: string) => signInOverHttp(server.url, email);

describe('sesame commands beside a running sesame serve, on the embedded database', () => {
  before(async () => {
    server = await startSesame(['serve'], env);
  });
  after(async () => {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs every command at once beside the server, each with its usual output, and the server sees their rows at once', async () => {
    const email = buildRawEmail({ from: 'jeanne@ailleurs.fr', subject: 'Question', text: 'Bonjour' });
    const [account, staff, token, ingest, purge, verify, demo] = await Promise.all([
      runSesame(accountCreateArgs('jeanne@exemple.fr'), env),
      runSesame(
        ['staff', 'create', '--email', 'agent@support.test', '--name', 'Agent', '--role', 'agent'],
        env,
      ),
      runSesame(['token', 'create', '--name', 'billing'], env),
      runSesame(['mail', 'ingest'], env, email),
      runSesame(['purge'], env),
      runSesame(['audit', 'verify'], env),
      runSesame(['demo'], env),
    ]);
    for (const [name, result] of Object.entries({ account, staff, token, ingest, purge, verify, demo }))
      assert.equal(result.code, 0, `${name}: ${result.stderr}`);

    assert.match(JSON.parse(account.stdout).clientNumber, /^SE\d+$/);
    assert.match(JSON.parse(staff.stdout).otpauthUri, /^otpauth:\/\//);
    assert.match(JSON.parse(token.stdout).token, /^ses_[0-9a-f]+_/);
    assert.deepEqual(Object.keys(JSON.parse(ingest.stdout)).sort(), ['created', 'reference']);
    assert.equal(JSON.parse(ingest.stdout).created, true);
    assert.deepEqual(Object.keys(JSON.parse(purge.stdout)).sort(), [
      'expired',
      'purgedCases',
      'purgedDocuments',
    ]);
    assert.match(verify.stdout, /^audit chain OK: \d+ events?$/m);
    for (const type of ['individual', 'company', 'association'])
      assert.match(demo.stdout, new RegExp(`${type}\\s+\\S+@\\S+\\s+\\S+`));

    // The server answers from the same database: the new account signs in on the first request.
    assert.equal(await signIn('jeanne@exemple.fr'), 200);
    const after = await runSesame(['audit', 'verify'], env);
    assert.equal(after.code, 0, after.stdout + after.stderr);
  });

  it('refuses a second sesame serve on the same DATA_DIR with one line naming the process that holds it', async () => {
    const second = await runSesame(['serve'], { ...env, PORT: '0' });
    assert.equal(second.code, 1);
    const lines = second.stderr.trim().split('\n');
    assert.equal(lines.length, 1, second.stderr);
    assert.match(lines[0] ?? '', new RegExp(`in use by process ${server.pid} \\(sesame serve, since `));
    // The first server is untouched.
    assert.equal((await fetch(`${server.url}/readyz`)).status, 200);
  });

  it('refuses bad input from a command as before: every field named, nothing written', async () => {
    const bad = await runSesame(['account', 'create', '--type', 'company', '--email', 'not-an-email'], env);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /email: This email address is not valid/);
    assert.equal(await signIn('not-an-email'), 401);
  });
});
