import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { queuedEmails, tokenFromLink } from '../../../test/support/queued-emails.ts';
import { auditActionsOf, callCase, latestCode, openCase } from '../../../test/support/recovery-claimant.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { MINUTE } from '../../platform/clock.ts';

const wrongCodeFor = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

for (const kind of testDatabaseKinds()) {
  describe(`POST /api/v1/recovery/cases/{reference}/verify-email [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind, { PUBLIC_URL: 'https://espace.example.fr' });
    });
    after(() => t.close());
    const verify = (c: { reference: string; caseToken: string }, code: string) =>
      callCase(t, 'POST', `/api/v1/recovery/cases/${c.reference}/verify-email`, c.caseToken, { code });

    it('confirms the new email with the right code and emails the case link, which opens the case page', async () => {
      const opened = await openCase(t);
      const response = await verify(opened, await latestCode(t, opened.newEmail));
      assert.equal(response.statusCode, 200);
      assert.equal(response.json().newEmailVerified, true);
      assert.deepEqual(
        response.json().requirements.find((r: { kind: string }) => r.kind === 'new_email_verified'),
        { kind: 'new_email_verified', satisfied: true },
      );
      const [opening] = await queuedEmails(t, { to: opened.newEmail, kind: 'recovery-case-opened' });
      assert.ok(opening?.text.includes(opened.reference));
      assert.ok(
        opening?.text.includes(`https://espace.example.fr/recovery/cases/${opened.reference}/access?token=`),
      );
      assert.equal(tokenFromLink(opening?.text ?? ''), opened.caseToken);
      assert.ok((await auditActionsOf(t, opened.reference)).includes('recovery.email_verified'));
      // The code is spent: a second verification changes nothing and sends nothing more.
      assert.equal((await verify(opened, '000000')).statusCode, 200);
      assert.equal((await queuedEmails(t, { to: opened.newEmail, kind: 'recovery-case-opened' })).length, 1);
    });

    it('refuses a wrong code with 400 INVALID_CODE, counts it, and still accepts the right one', async () => {
      const opened = await openCase(t);
      const code = await latestCode(t, opened.newEmail);
      const wrong = await verify(opened, wrongCodeFor(code));
      assert.equal(wrong.statusCode, 400);
      assert.equal(wrong.json().code, 'invalid-code');
      assert.equal(wrong.body.includes(code), false);
      const row = await t.deps.db
        .selectFrom('recovery_cases')
        .select('email_code_attempts')
        .where('reference', '=', opened.reference)
        .executeTakeFirstOrThrow();
      assert.equal(row.email_code_attempts, 1);
      assert.ok((await auditActionsOf(t, opened.reference)).includes('recovery.email_code_failed'));
      assert.equal((await verify(opened, code.replace(/(\d{3})/, '$1 '))).statusCode, 200);
    });

    it('refuses the right code once 10 minutes have passed', async () => {
      const opened = await openCase(t);
      const code = await latestCode(t, opened.newEmail);
      t.clock.advance(11 * MINUTE);
      const response = await verify(opened, code);
      assert.equal(response.statusCode, 400);
      assert.equal(response.json().code, 'invalid-code');
    });

    it('refuses even the right code after 5 wrong tries, until a new code is asked for', async () => {
      const opened = await openCase(t);
      const code = await latestCode(t, opened.newEmail);
      for (let i = 0; i < 5; i++) assert.equal((await verify(opened, wrongCodeFor(code))).statusCode, 400);
      assert.equal((await verify(opened, code)).statusCode, 400);
      t.clock.advance(MINUTE + 1000);
      const resend = await callCase(
        t,
        'POST',
        `/api/v1/recovery/cases/${opened.reference}/resend-code`,
        opened.caseToken,
      );
      assert.equal(resend.statusCode, 202);
      const fresh = await latestCode(t, opened.newEmail);
      assert.equal((await verify(opened, fresh)).statusCode, 200);
    });

    it('answers the same 404 to a wrong token and to an unknown reference', async () => {
      const opened = await openCase(t);
      const wrongToken = await verify({ reference: opened.reference, caseToken: 'x'.repeat(43) }, '123456');
      const unknown = await verify({ reference: 'R-0000-0000', caseToken: opened.caseToken }, '123456');
      const noToken = await t.app.inject({
        method: 'POST',
        url: `/api/v1/recovery/cases/${opened.reference}/verify-email`,
        payload: { code: '123456' },
      });
      for (const r of [wrongToken, unknown, noToken]) assert.equal(r.statusCode, 404);
      assert.equal(wrongToken.body, unknown.body);
      assert.equal(
        (await callCase(t, 'GET', `/api/v1/recovery/cases/${opened.reference}`, 'x'.repeat(43))).statusCode,
        404,
      );
    });
  });

  describe(`POST /api/v1/recovery/cases/{reference}/resend-code [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind);
    });
    after(() => t.close());
    const resend = (c: { reference: string; caseToken: string }) =>
      callCase(t, 'POST', `/api/v1/recovery/cases/${c.reference}/resend-code`, c.caseToken);

    it('refuses a new code within 60 s of the last, then allows 5 an hour', async () => {
      const opened = await openCase(t);
      const tooSoon = await resend(opened);
      assert.equal(tooSoon.statusCode, 429);
      assert.ok(Number(tooSoon.headers['retry-after']) > 0);
      assert.ok(Number(tooSoon.headers['retry-after']) <= 60);
      for (let i = 0; i < 5; i++) {
        t.clock.advance(MINUTE + 1000);
        assert.equal((await resend(opened)).statusCode, 202, `resend ${i + 1}`);
      }
      t.clock.advance(MINUTE + 1000);
      const blocked = await resend(opened);
      assert.equal(blocked.statusCode, 429);
      assert.ok(Number(blocked.headers['retry-after']) > 60);
      assert.equal((await queuedEmails(t, { to: opened.newEmail, kind: 'recovery-code' })).length, 6);
    });

    it('sends one code when two resends race: exactly one 202, the other 429', async () => {
      const opened = await openCase(t);
      t.clock.advance(MINUTE + 1000);
      const answers = await Promise.all([resend(opened), resend(opened)]);
      assert.deepEqual(answers.map((r) => r.statusCode).sort(), [202, 429]);
      assert.equal((await queuedEmails(t, { to: opened.newEmail, kind: 'recovery-code' })).length, 2);
    });

    it('replaces the previous code: only the newest one works', async () => {
      const opened = await openCase(t);
      const first = await latestCode(t, opened.newEmail);
      t.clock.advance(MINUTE + 1000);
      assert.equal((await resend(opened)).statusCode, 202);
      const second = await latestCode(t, opened.newEmail);
      const url = `/api/v1/recovery/cases/${opened.reference}/verify-email`;
      if (first !== second)
        assert.equal((await callCase(t, 'POST', url, opened.caseToken, { code: first })).statusCode, 400);
      assert.equal((await callCase(t, 'POST', url, opened.caseToken, { code: second })).statusCode, 200);
    });

    it('refuses a new code once the address is confirmed (409)', async () => {
      const opened = await openCase(t);
      const code = await latestCode(t, opened.newEmail);
      await callCase(t, 'POST', `/api/v1/recovery/cases/${opened.reference}/verify-email`, opened.caseToken, {
        code,
      });
      t.clock.advance(MINUTE + 1000);
      assert.equal((await resend(opened)).statusCode, 409);
    });
  });
}
