import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { systemClock } from '../../src/platform/clock.ts';
import { loadMasterKey } from '../../src/platform/crypto/master-key.ts';
import { createDatabase, pgliteDirFor } from '../../src/platform/db/database.ts';
import { createTestPdf } from '../support/documents.ts';
import { enqueueTestEmail, startTestSmtpServer, type TestSmtpServer, waitFor } from '../support/mail.ts';
import {
  accountCreateArgs,
  PROCESS_TEST_PASSWORD as PASSWORD,
  runSesame,
  type SesameProcess,
  startSesame,
} from '../support/sesame-process.ts';

/**
 * kill -9 of `sesame serve` (embedded database) in the middle of sign-ins, uploads and outbox
 * deliveries, then a restart: what was acknowledged is there, the chain verifies, no document file
 * is orphaned, no plaintext is on disk, and every queued email goes out.
 */

const dataDir = mkdtempSync(path.join(tmpdir(), 'sesame-crash-'));
const MARKER = `PLAINTEXT-MARKER-${process.pid}-${Date.now()}`;
let smtp: TestSmtpServer;
let env: Record<string, string>;
let server: SesameProcess;

/** Writes that the server acknowledged before it was killed. */
const acknowledged = { signIns: 0, documents: [] as string[], caseEmails: [] as string[] };
let requestCounter = 0;

async function post(
  path: string,
  body: BodyInit,
  headers: Record<string, string> = {},
): Promise<Response | null> {
  requestCounter += 1;
  // A fresh client address each time (behind a trusted proxy): the per-IP recovery throttle stays out of the way.
  const ip = `198.51.${Math.floor(requestCounter / 250) % 250}.${(requestCounter % 250) + 1}`;
  try {
    return await fetch(`${server.url}${path}`, {
      method: 'POST',
      body,
      headers: { 'x-forwarded-for': ip, ...headers },
    });
  } catch {
    return null; // the server died under this request: not acknowledged
  }
}

async function signInLoop(stop: () => boolean): Promise<void> {
  while (!stop()) {
    const json = { 'content-type': 'application/json' };
    const response = await post(
      '/api/v1/auth/login',
      JSON.stringify({ email: 'jeanne@exemple.fr', password: PASSWORD }),
      json,
    );
    if (response?.status === 200) acknowledged.signIns += 1;
  }
}

/** Opens a recovery case (its code email is queued) and uploads a PDF carrying the marker into it. */
async function uploadLoop(stop: () => boolean, worker: number): Promise<void> {
  for (let i = 0; !stop(); i++) {
    const newEmail = `claimant-${worker}-${i}@exemple.fr`;
    const opened = await post(
      '/api/v1/recovery/cases',
      JSON.stringify({
        accountType: 'individual',
        account: { formerEmail: 'jeanne@exemple.fr' },
        claimant: { firstName: 'Jeanne', lastName: 'Roux' },
        newEmail,
        declaration: { accepted: true, fullName: 'Jeanne Roux' },
      }),
      { 'content-type': 'application/json' },
    );
    if (opened?.status !== 201) continue;
    acknowledged.caseEmails.push(newEmail);
    const { reference, caseToken } = (await opened.json()) as { reference: string; caseToken: string };
    const form = new FormData();
    form.set('kind', 'identity_front');
    form.set(
      'file',
      new Blob([new Uint8Array(createTestPdf(MARKER))], { type: 'application/pdf' }),
      'cni.pdf',
    );
    const uploaded = await post(`/api/v1/recovery/cases/${reference}/documents`, form, {
      authorization: `Bearer ${caseToken}`,
    });
    if (uploaded?.status === 201) acknowledged.documents.push(((await uploaded.json()) as { id: string }).id);
  }
}

/** Queues an email and leaves it as a worker killed mid-delivery leaves it: 'sending', its lease minutes away. */
async function claimAnEmailAs(workerId: string, to: string): Promise<void> {
  const db = createDatabase({ pgliteDir: pgliteDirFor(dataDir) });
  try {
    const masterKey = await loadMasterKey({ masterKey: undefined, dataDir });
    const { id } = await enqueueTestEmail({ db, clock: systemClock, masterKey }, { to });
    await db
      .updateTable('email_outbox')
      .set({
        status: 'sending',
        attempts: 1,
        claimed_by: workerId,
        claim_id: randomUUID(),
        next_attempt_at: new Date(Date.now() + 5 * 60_000),
      })
      .where('id', '=', id)
      .execute();
  } finally {
    await db.destroy();
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file).isFile());
}

describe('kill -9 of sesame serve during writes, then a restart (embedded database)', () => {
  after(async () => {
    await server?.kill9();
    await smtp?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged write, verifies the chain, leaves no orphaned file nor plaintext, and sends every email', async () => {
    smtp = await startTestSmtpServer();
    env = { DATA_DIR: dataDir, SMTP_URL: smtp.url, TRUST_PROXY: 'true' };
    server = await startSesame(['serve'], env);
    const account = await runSesame(accountCreateArgs('jeanne@exemple.fr'), env);
    assert.equal(account.code, 0, account.stderr);

    let stopped = false;
    const stop = () => stopped;
    const load = Promise.all([signInLoop(stop), signInLoop(stop), uploadLoop(stop, 1), uploadLoop(stop, 2)]);
    // Killed once writes of each kind went through and while more are in flight.
    await waitFor(
      () => acknowledged.documents.length >= 4 && acknowledged.signIns >= 4 && smtp.received.length >= 2,
      240_000,
    );
    await server.kill9();
    stopped = true;
    await load;
    const killedAt = {
      ...acknowledged,
      documents: acknowledged.documents.length,
      emailsSent: smtp.received.length,
    };

    const deadPid = server.pid;
    // Whatever the kill happened to interrupt, these crash leftovers are there for sure: a stored
    // document without its row, a half-written file, and an email the dead server had claimed.
    const documentsDir = path.join(dataDir, 'documents');
    mkdirSync(documentsDir, { recursive: true });
    writeFileSync(path.join(documentsDir, randomUUID()), 'ciphertext of an upload whose row never committed');
    writeFileSync(path.join(documentsDir, `.${randomUUID()}.${randomUUID()}.tmp`), 'half-written ciphertext');
    await claimAnEmailAs(`${hostname()}:${deadPid}`, 'claimed-by-the-dead@exemple.fr');
    acknowledged.caseEmails.push('claimed-by-the-dead@exemple.fr');

    const restartStarted = Date.now();
    server = await startSesame(['serve'], env);
    const restartMs = Date.now() - restartStarted;
    // The outbox resumes: every acknowledged case's code email arrives (claims of the dead process released at once).
    const recipients = () =>
      new Set(
        smtp.received.flatMap((m) =>
          (Array.isArray(m.to) ? m.to : [m.to]).flatMap((t) => t?.value.map((v) => v.address) ?? []),
        ),
      );
    await waitFor(() => acknowledged.caseEmails.every((email) => recipients().has(email)), 120_000);
    const verify = await runSesame(['audit', 'verify'], env);
    assert.equal(verify.code, 0, verify.stdout + verify.stderr);
    assert.equal((await server.stop()).code, 0);

    const db = createDatabase({ pgliteDir: pgliteDirFor(dataDir) });
    try {
      const documents = await db.selectFrom('recovery_documents').select(['id', 'storage_key']).execute();
      const ids = new Set(documents.map((d) => d.id));
      assert.deepEqual(
        acknowledged.documents.filter((id) => !ids.has(id)),
        [],
        'every acknowledged upload is there',
      );
      const stored = existsSync(path.join(dataDir, 'documents'))
        ? readdirSync(path.join(dataDir, 'documents'))
        : [];
      assert.deepEqual(
        stored.sort(),
        documents.map((d) => d.storage_key).sort(),
        'one file per committed row, no orphan',
      );
      const signIns = await db
        .selectFrom('audit_events')
        .select('id')
        .where('action', '=', 'signin.succeeded')
        .execute();
      assert.ok(
        signIns.length >= acknowledged.signIns,
        `${signIns.length} sign-in events ≥ ${acknowledged.signIns} acknowledged`,
      );
      const unsent = await db
        .selectFrom('email_outbox')
        .select('status')
        .where('status', '!=', 'sent')
        .execute();
      assert.deepEqual(unsent, [], 'every queued email was sent');
    } finally {
      await db.destroy();
    }
    const leaks = filesUnder(dataDir).filter((file) => readFileSync(file).includes(MARKER));
    assert.deepEqual(leaks, [], 'the documents’ plaintext is nowhere on disk');
    process.stdout.write(
      `# killed after ${killedAt.signIns} sign-ins, ${killedAt.documents} uploads, ${killedAt.emailsSent} emails; restart took ${restartMs} ms\n`,
    );
  });
});
