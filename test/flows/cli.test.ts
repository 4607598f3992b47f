import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createDatabase, pgliteDirFor } from '../../src/platform/db/database.ts';
import { createCliSandbox } from '../support/cli.ts';

const cli = createCliSandbox('cli');
const dataDir = cli.dataDir;
const sesame = cli.run;

describe('sesame CLI', () => {
  after(() => cli.remove());

  it('migrate, then account create prints the account as JSON', () => {
    assert.equal(sesame('migrate').code, 0);
    const created = sesame(
      'account',
      'create',
      '--type',
      'association',
      '--email',
      'Bureau@Club-Echecs.example',
      '--association-name',
      'Club d’échecs',
      '--rna',
      'w123456789',
      '--first-name',
      'Lina',
      '--last-name',
      'Haddad',
      '--password',
      'Roque-Pion-Fianchetto-61',
    );
    assert.equal(created.code, 0, created.stderr);
    const account = JSON.parse(created.stdout);
    assert.match(account.clientNumber, /^SE\d+$/);
    assert.equal(account.email, 'Bureau@club-echecs.example');
    assert.equal(account.rna, 'W123456789');
  });

  it('refuses bad input with every field named and a non-zero exit', () => {
    const result = sesame(
      'account',
      'create',
      '--type',
      'company',
      '--email',
      'not-an-email',
      '--legal-name',
      'X',
      '--siren',
      '123456789',
      '--first-name',
      'A',
      '--last-name',
      'B',
    );
    assert.equal(result.code, 1);
    assert.match(result.stderr, /email: This email address is not valid/);
    assert.match(result.stderr, /siren: This SIREN number is not valid/);
  });

  it('refuses a second account with the same address, whatever its case', () => {
    const result = sesame(
      'account',
      'create',
      '--type',
      'individual',
      '--email',
      'BUREAU@club-echecs.example',
      '--first-name',
      'A',
      '--last-name',
      'B',
    );
    assert.equal(result.code, 1);
    assert.match(result.stderr, /email-taken/);
  });

  it('demo loads one account of each type and prints their credentials, twice without error', () => {
    for (let i = 0; i < 2; i++) {
      const result = sesame('demo');
      assert.equal(result.code, 0, result.stderr);
      for (const type of ['individual', 'company', 'association'])
        assert.match(result.stdout, new RegExp(`${type}\\s+\\S+@\\S+\\s+\\S+`));
    }
  });

  it('audit verify exits 0 on an intact chain and 1 once a row was edited', async () => {
    const ok = sesame('audit', 'verify');
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /audit chain OK: \d+ events/);
    const db = createDatabase({ pgliteDir: pgliteDirFor(dataDir) });
    await sql`ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update_delete`.execute(db);
    await sql`UPDATE audit_events SET action = 'account.updated' WHERE seq = 2`.execute(db);
    await db.destroy();
    const broken = sesame('audit', 'verify');
    assert.equal(broken.code, 1);
    assert.match(broken.stderr + broken.stdout, /BROKEN at event #2/);
  });
});
