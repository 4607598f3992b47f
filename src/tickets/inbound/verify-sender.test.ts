import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { testDatabaseKinds } from '../../../test/support/database.ts';
import { createTestAccount } from '../../../test/support/factories.ts';
import {
  buildRawEmail,
  createDkimKey,
  dkimSigned,
  dmarcDomainRecords,
  fakeDnsResolver,
  unreachableDnsResolver,
} from '../../../test/support/inbound-mail.ts';
import { buildTestApp, type TestApp } from '../../../test/support/test-app.ts';
import type { Deps } from '../../platform/deps.ts';
import { parseInboundEmail } from './inbound-email.ts';
import { verifySender, withoutResultsOf } from './verify-sender.ts';

const DOMAIN = 'client-signe.fr';
const key = createDkimKey();
const otherKey = createDkimKey();
const resolver = fakeDnsResolver({
  ...dmarcDomainRecords(DOMAIN, key.dnsRecord),
  // Signs, but publishes no DMARC policy.
  's1._domainkey.sans-dmarc.fr': [key.dnsRecord],
});

async function check(deps: Pick<Deps, 'db' | 'config'>, raw: Buffer, r = resolver, viaTrustedMta?: boolean) {
  const email = await parseInboundEmail(raw);
  const envelope = { remoteAddress: '192.0.2.10', ...(viaTrustedMta === undefined ? {} : { viaTrustedMta }) };
  return verifySender(deps, email, raw, { resolver: r, envelope });
}

for (const kind of testDatabaseKinds()) {
  describe(`sender verification [${kind}]`, () => {
    let t: TestApp;
    let onFiche: string;
    let accountId: string;
    before(async () => {
      t = await buildTestApp(kind);
      const { account } = await createTestAccount(t.deps, { email: `jeanne@${DOMAIN}` });
      onFiche = account.email;
      accountId = account.id;
      await createTestAccount(t.deps, { email: 'paul@sans-dmarc.fr' });
    });
    after(() => t.close());

    describe('checked by mailauth (no INBOUND_AUTHSERV_ID)', () => {
      it('verifies a From on a fiche, DKIM-signed by its domain which publishes DMARC', async () => {
        const raw = await dkimSigned(
          buildRawEmail({ from: onFiche, subject: 'Bonjour', text: 'Un mot.' }),
          DOMAIN,
          key.privateKey,
        );
        assert.deepEqual(await check(t.deps, raw), { verified: true, verification: 'dmarc_pass', accountId });
      });

      it('refuses a forged From: unsigned, or signed with a key that is not the domain’s', async () => {
        const unsigned = buildRawEmail({ from: onFiche, subject: 'Bonjour', text: 'Un mot.' });
        assert.deepEqual(await check(t.deps, unsigned), {
          verified: false,
          verification: 'dmarc_fail',
          accountId,
        });
        const wrongKey = await dkimSigned(
          buildRawEmail({ from: onFiche, subject: 'Bonjour', text: 'Un mot.' }),
          DOMAIN,
          otherKey.privateKey,
        );
        assert.equal((await check(t.deps, wrongKey)).verification, 'dmarc_fail');
        assert.equal((await check(t.deps, wrongKey)).verified, false);
      });

      it('does not verify a domain without a DMARC policy, even when signed', async () => {
        const raw = await dkimSigned(
          buildRawEmail({ from: 'paul@sans-dmarc.fr', subject: 'Bonjour', text: 'x' }),
          'sans-dmarc.fr',
          key.privateKey,
        );
        const result = await check(t.deps, raw);
        assert.equal(result.verified, false);
        assert.equal(result.verification, 'dmarc_none');
      });

      it('never passes when DNS cannot be reached', async () => {
        const raw = await dkimSigned(
          buildRawEmail({ from: onFiche, subject: 'Bonjour', text: 'x' }),
          DOMAIN,
          key.privateKey,
        );
        const result = await check(t.deps, raw, unreachableDnsResolver);
        assert.equal(result.verified, false);
        assert.equal(result.verification, 'dmarc_temperror');
      });

      it('says no_fiche for an address on no fiche, even with a DMARC pass', async () => {
        const raw = await dkimSigned(
          buildRawEmail({ from: `inconnu@${DOMAIN}`, subject: 'Bonjour', text: 'x' }),
          DOMAIN,
          key.privateKey,
        );
        assert.deepEqual(await check(t.deps, raw), {
          verified: false,
          verification: 'no_fiche',
          accountId: null,
        });
      });

      it('compares the From address as normalized (case of the address)', async () => {
        const raw = await dkimSigned(
          buildRawEmail({ from: `Jeanne <JEANNE@${DOMAIN.toUpperCase()}>`, subject: 'Bonjour', text: 'x' }),
          DOMAIN,
          key.privateKey,
        );
        assert.equal((await check(t.deps, raw)).verified, true);
      });

      it('refuses several From addresses', async () => {
        const raw = await dkimSigned(
          buildRawEmail({ from: `${onFiche}, autre@${DOMAIN}`, subject: 'Bonjour', text: 'x' }),
          DOMAIN,
          key.privateKey,
        );
        assert.equal((await check(t.deps, raw)).verified, false);
      });
    });

    describe('read from the trusted MTA (INBOUND_AUTHSERV_ID)', () => {
      const trusted = (deps: Deps) => ({
        ...deps,
        config: { ...deps.config, inboundAuthservId: 'mx.sesame.test' },
      });
      const withResults = (...results: string[]) =>
        buildRawEmail({
          from: onFiche,
          subject: 'Bonjour',
          text: 'x',
          topHeaders: results.map((r) => `Authentication-Results: ${r}`),
        });
      // DNS is not consulted in this mode: this resolver would fail the test if it were.
      const noDns = async (): Promise<string[][]> => {
        throw new Error('DNS must not be queried when INBOUND_AUTHSERV_ID is set');
      };

      it('verifies with the trusted header’s dmarc=pass for the From domain', async () => {
        const raw = withResults(
          `mx.sesame.test; spf=pass smtp.mailfrom=${DOMAIN}; dkim=pass header.d=${DOMAIN}; dmarc=pass (p=REJECT) header.from=${DOMAIN}`,
        );
        assert.deepEqual(await check(trusted(t.deps), raw, noDns), {
          verified: true,
          verification: 'dmarc_pass',
          accountId,
        });
      });

      it('ignores a header with another authserv-id (anyone can write one)', async () => {
        const raw = withResults(`mx.forged.example; dmarc=pass header.from=${DOMAIN}`);
        assert.deepEqual(await check(trusted(t.deps), raw, noDns), {
          verified: false,
          verification: 'no_trusted_results',
          accountId,
        });
      });

      it('takes the topmost trusted header, not a forged one below it with the same id', async () => {
        const raw = withResults(
          `mx.sesame.test; dkim=none; dmarc=fail (p=REJECT) header.from=${DOMAIN}`,
          `mx.sesame.test; dmarc=pass header.from=${DOMAIN}`,
        );
        assert.equal((await check(trusted(t.deps), raw, noDns)).verification, 'dmarc_fail');
      });

      it('ignores a forged pass on top with another id and uses the trusted one', async () => {
        const raw = withResults(
          `evil.example; dmarc=pass header.from=${DOMAIN}`,
          `mx.sesame.test; dmarc=fail header.from=${DOMAIN}`,
        );
        assert.equal((await check(trusted(t.deps), raw, noDns)).verified, false);
      });

      it('strips our authserv-id’s header from a message that did not come through our MTA', async () => {
        // Forged by the sender, who talked to the listener directly: DMARC is checked here instead,
        // and the domain's DNS (none for this From here) decides.
        const raw = withResults(`mx.sesame.test; dmarc=pass header.from=${DOMAIN}`);
        const result = await check(trusted(t.deps), raw, fakeDnsResolver({}), false);
        assert.equal(result.verified, false);
        assert.notEqual(result.verification, 'dmarc_pass');
        assert.doesNotMatch(withoutResultsOf(raw, 'MX.sesame.test').toString(), /Authentication-Results/i);
        const other = withResults(`mx.other.example; dmarc=pass header.from=${DOMAIN}`);
        assert.match(
          withoutResultsOf(other, 'mx.sesame.test').toString(),
          /Authentication-Results: mx\.other/,
        );
      });

      it('does not accept a pass written in a comment or for another domain', async () => {
        const inComment = withResults(`mx.sesame.test; dkim=none (dmarc=pass header.from=${DOMAIN})`);
        assert.equal((await check(trusted(t.deps), inComment, noDns)).verified, false);
        const otherDomain = withResults('mx.sesame.test; dmarc=pass header.from=attaquant.example');
        assert.equal((await check(trusted(t.deps), otherDomain, noDns)).verified, false);
      });
    });
  });
}
