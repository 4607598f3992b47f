import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { createTestAccount } from '../../../test/support/factories.ts';
import { queuedEmails } from '../../../test/support/queued-emails.ts';
import {
  auditActionsOf,
  caseBody,
  freshEmail,
  freshIp,
  postCase,
} from '../../../test/support/recovery-claimant.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import { accountTypes } from '../../accounts/account.ts';
import { hashToken } from '../../platform/crypto/tokens.ts';

for (const kind of testDatabaseKinds()) {
  describe(`POST /api/v1/recovery/cases [${kind}]`, () => {
    let t: TestApp;
    before(async () => {
      t = await buildTestApp(kind, { PUBLIC_URL: 'https://espace.example.fr' });
    });
    after(() => t.close());

    for (const type of accountTypes) {
      it(`opens a draft ${type} case, emails a 6-digit code and records the declaration`, async () => {
        const body = caseBody(type);
        const response = await postCase(t, body);
        assert.equal(response.statusCode, 201);
        const json = response.json();
        assert.deepEqual(Object.keys(json).sort(), ['caseToken', 'reference', 'requirements', 'status']);
        assert.equal(json.status, 'draft');
        assert.match(json.reference, /^R-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
        assert.ok(json.caseToken.length >= 43);
        const unmet = json.requirements
          .filter((r: { satisfied: boolean }) => !r.satisfied)
          .map((r: { kind: string }) => r.kind);
        const expected = {
          individual: ['identity_front', 'signed_letter'],
          company: ['kbis', 'identity_front', 'signed_letter'],
          association: ['statutes', 'identity_front', 'identity_back', 'signed_letter'],
        }[type];
        assert.deepEqual(unmet, [...expected, 'new_email_verified']);
        assert.deepEqual(
          json.requirements.find((r: { kind: string }) => r.kind === 'declaration'),
          {
            kind: 'declaration',
            satisfied: true,
          },
        );

        const row = await t.deps.db
          .selectFrom('recovery_cases')
          .selectAll()
          .where('reference', '=', json.reference)
          .executeTakeFirstOrThrow();
        // Only the hash of the token is kept; the declaration carries who, when and from where.
        assert.equal(row.case_token_hash, hashToken(json.caseToken));
        assert.equal(row.declaration_full_name, 'Camille Martin');
        assert.equal(row.declaration_user_agent, 'test-agent');
        assert.ok(row.declaration_ip);
        assert.equal(row.declaration_accepted_at?.getTime(), t.clock.now().getTime());
        assert.ok(row.email_code_hash && !/^\d{6}$/.test(row.email_code_hash));

        const [email] = await queuedEmails(t, { to: body.newEmail, kind: 'recovery-code' });
        assert.ok(email);
        assert.match(email.text, /\b\d{6}\b/);
        assert.ok(email.text.includes(json.reference));
        // A code, never a link: nothing in the message opens the case.
        assert.equal(/token=|\/recovery\/cases/.test(email.text + email.html), false);
        assert.equal(email.accountId, null);
        assert.deepEqual(await auditActionsOf(t, json.reference), [
          'recovery.case_created',
          'recovery.email_code_sent',
          'recovery.declaration_recorded',
        ]);
      });
    }

    it('answers the same status and body shape, and looks nothing up, whether or not the hint matches a fiche', async () => {
      const { account } = await createTestAccount(t.deps);
      const matching = await postCase(t, caseBody('individual', { account: { formerEmail: account.email } }));
      const unknown = await postCase(
        t,
        caseBody('individual', { account: { formerEmail: `personne-${Date.now()}@example.org` } }),
      );
      for (const response of [matching, unknown]) assert.equal(response.statusCode, 201);
      const shape = (r: typeof matching) => {
        const { reference: _r, caseToken: _c, ...rest } = r.json();
        return rest;
      };
      assert.deepEqual(shape(matching), shape(unknown));
      assert.deepEqual(Object.keys(matching.headers).sort(), Object.keys(unknown.headers).sort());
      const rows = await t.deps.db
        .selectFrom('recovery_cases')
        .select('account_id')
        .where('reference', 'in', [matching.json().reference, unknown.json().reference])
        .execute();
      // Matching is support's job: no case is linked to an account at creation.
      assert.deepEqual(
        rows.map((r) => r.account_id),
        [null, null],
      );
    });

    it('refuses a body with no hint, a company without its name or with a bad SIREN, an association without its name', async () => {
      const cases: [object, string[]][] = [
        [caseBody('individual', { account: {} }), ['account:recovery_hint_required']],
        [
          caseBody('individual', { account: { clientNumber: '  ', domain: '' } }),
          ['account:recovery_hint_required'],
        ],
        [
          caseBody('company', { claimant: { firstName: 'A', lastName: 'B', siren: '123456789' } }),
          ['claimant.legalName:required', 'claimant.siren:invalid_siren'],
        ],
        [
          caseBody('association', { claimant: { firstName: 'A', lastName: 'B' } }),
          ['claimant.associationName:required'],
        ],
        [caseBody('individual', { newEmail: 'pas-une-adresse' }), ['newEmail:invalid_email']],
        [
          caseBody('individual', { declaration: { accepted: false, fullName: 'X' } }),
          ['declaration.accepted:recovery_declaration_required'],
        ],
        [caseBody('individual', { declaration: undefined }), ['declaration:required']],
        [caseBody('individual', { accountType: 'robot' }), ['accountType:invalid']],
      ];
      for (const [body, expected] of cases) {
        const response = await postCase(t, body);
        assert.equal(response.statusCode, 422, JSON.stringify(body));
        const errors = (response.json().errors as { field: string; code: string }[]).map(
          (e) => `${e.field}:${e.code}`,
        );
        assert.deepEqual(errors.sort(), expected.sort());
      }
    });

    it('accepts a company with a valid SIREN typed with spaces and normalizes the new email', async () => {
      const response = await postCase(
        t,
        caseBody('company', {
          claimant: { firstName: 'A', lastName: 'B', legalName: 'Martin SARL', siren: '732 829 320' },
          newEmail: '  Camille.MARTIN@Exemple-Domaine.FR ',
        }),
      );
      assert.equal(response.statusCode, 201);
      const row = await t.deps.db
        .selectFrom('recovery_cases')
        .select(['claimant_siren', 'new_email', 'new_email_normalized'])
        .where('reference', '=', response.json().reference)
        .executeTakeFirstOrThrow();
      assert.deepEqual(row, {
        claimant_siren: '732829320',
        new_email: 'Camille.MARTIN@exemple-domaine.fr',
        new_email_normalized: 'camille.martin@exemple-domaine.fr',
      });
    });

    it('throttles creation per IP: the 11th within the hour answers 429 with Retry-After', async () => {
      const ip = freshIp();
      for (let i = 0; i < 10; i++)
        assert.equal((await postCase(t, caseBody('individual'), ip)).statusCode, 201);
      const blocked = await postCase(t, caseBody('individual'), ip);
      assert.equal(blocked.statusCode, 429);
      assert.ok(Number(blocked.headers['retry-after']) > 0);
      // Another IP is not affected.
      assert.equal((await postCase(t, caseBody('individual'))).statusCode, 201);
    });

    it('throttles creation per new address, whatever the IP: the 4th within the hour answers 429', async () => {
      const newEmail = freshEmail();
      for (let i = 0; i < 3; i++)
        assert.equal((await postCase(t, caseBody('individual', { newEmail }))).statusCode, 201);
      const blocked = await postCase(t, caseBody('individual', { newEmail: newEmail.toUpperCase() }));
      assert.equal(blocked.statusCode, 429);
      assert.ok(Number(blocked.headers['retry-after']) > 0);
      assert.equal((await queuedEmails(t, { to: newEmail, kind: 'recovery-code' })).length, 3);
    });
  });
}
