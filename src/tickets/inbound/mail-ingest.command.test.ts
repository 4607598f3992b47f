import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { createCliSandbox } from '../../../test/support/cli.ts';
import { buildRawEmail, runMailIngestCli } from '../../../test/support/inbound-mail.ts';

// The pipe for the provider's MTA, through the real `sesame` binary. INBOUND_AUTHSERV_ID is set,
// as behind a real MTA: verification reads its header and never needs DNS (there is none in tests).
describe('sesame mail ingest', () => {
  const sandbox = createCliSandbox('mail-ingest');
  const env = { INBOUND_AUTHSERV_ID: 'mx.sesame.test', INBOUND_MAX_MESSAGE_BYTES: String(64 * 1024) };
  after(() => sandbox.remove());

  it('takes a message from stdin, prints its reference, and takes a redelivery only once', () => {
    const raw = buildRawEmail({ from: 'jeanne@ailleurs.fr', subject: 'Question', text: 'Bonjour' });
    const first = runMailIngestCli(sandbox.dataDir, raw, env);
    assert.equal(first.code, 0, first.stderr);
    const taken = JSON.parse(first.stdout) as { reference: string; created: boolean };
    assert.match(taken.reference, /^T-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    assert.equal(taken.created, true);

    const again = runMailIngestCli(sandbox.dataDir, raw, env);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(JSON.parse(again.stdout), { reference: taken.reference, created: false });

    const reply = runMailIngestCli(
      sandbox.dataDir,
      buildRawEmail({
        from: 'jeanne@ailleurs.fr',
        subject: `Re: [${taken.reference}] Question`,
        text: 'Et alors ?',
      }),
      env,
    );
    assert.deepEqual(JSON.parse(reply.stdout), { reference: taken.reference, created: false });
  });

  it('exits 65 with a one-line reason for what can never be taken', () => {
    const big = runMailIngestCli(
      sandbox.dataDir,
      buildRawEmail({ from: 'gros@ailleurs.fr', subject: 'Gros', text: 'x'.repeat(100 * 1024) }),
      env,
    );
    assert.equal(big.code, 65);
    assert.match(big.stderr, /^message too large: the limit is 65536 bytes\n$/);
    const noFrom = runMailIngestCli(
      sandbox.dataDir,
      buildRawEmail({ from: 'personne', subject: 'x', text: 'x' }),
      env,
    );
    assert.equal(noFrom.code, 65);
    assert.match(noFrom.stderr, /exactly one valid address in From/);
  });

  it('exits 0 without a ticket for automatic mail (a bounce is never answered)', () => {
    const bounce = runMailIngestCli(
      sandbox.dataDir,
      buildRawEmail({ from: 'mailer-daemon@ailleurs.fr', subject: 'Undelivered', text: 'x' }),
      env,
      ['--sender', ''],
    );
    assert.equal(bounce.code, 0, bounce.stderr);
    assert.deepEqual(JSON.parse(bounce.stdout), { reference: null, created: false });
  });

  it('exits 75 when the database cannot be reached (the MTA retries)', () => {
    const down = runMailIngestCli(
      sandbox.dataDir,
      buildRawEmail({ from: 'a@ailleurs.fr', subject: 'x', text: 'x' }),
      {
        ...env,
        DATABASE_URL: 'postgres://sesame@127.0.0.1:1/absent',
      },
    );
    assert.equal(down.code, 75);
    assert.match(down.stderr, /temporary failure/);
  });
});
