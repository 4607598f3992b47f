import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emailSamples } from '../../../e2e/support/email-samples.ts';
import { messageCatalogue, translator } from './index.ts';

/** French typography broken in `text`: a straight apostrophe, or a plain space before ? ! : ; */
function typographyFaults(text: string): string[] {
  const faults: string[] = [];
  if (/\p{L}'\p{L}/u.test(text)) faults.push('straight apostrophe');
  if (/ [?!:;]/.test(text)) faults.push('plain space before ? ! : ;');
  return faults;
}

describe('French wording', () => {
  it('uses the typographic apostrophe and a no-break space before ? ! : ; in every message', () => {
    const faulty = Object.entries(messageCatalogue('fr'))
      .map(([key, text]) => [key, typographyFaults(text)] as const)
      .filter(([, faults]) => faults.length > 0);
    assert.deepEqual(faulty, []);
  });

  it('does the same in every email, text and HTML', () => {
    for (const { file, email } of emailSamples('fr')) {
      // Staff emails carry their English half too: only the French one is checked.
      const french = email.text.split('---- English ----')[0] ?? '';
      assert.deepEqual(typographyFaults(`${email.subject}\n${french}`), [], file);
    }
  });

  it('says « 6 chiffres » in figures, never « six chiffres »', () => {
    const texts = Object.values(messageCatalogue('fr')).join('\n');
    assert.doesNotMatch(texts, /six chiffres/);
    assert.match(texts, /6\u00a0chiffres/);
  });

  it('makes real plurals: « 1 compte trouvé », « 2 comptes trouvés », « 1 seconde »', () => {
    const fr = translator('fr');
    const en = translator('en');
    assert.equal(fr('staff.accounts.results', { count: 1 }), '1 compte trouvé');
    assert.equal(fr('staff.accounts.results', { count: 0 }), '0 compte trouvé');
    assert.equal(fr('staff.accounts.results', { count: 2 }), '2 comptes trouvés');
    assert.equal(en('staff.accounts.results', { count: 1 }), '1 account found');
    assert.equal(en('staff.accounts.results', { count: 0 }), '0 accounts found');
    assert.match(fr('problem.too-many-requests', { seconds: 1 }), /1\u00a0seconde\./);
    assert.match(fr('problem.too-many-requests', { seconds: 30 }), /30\u00a0secondes\./);
    assert.doesNotMatch(Object.values(messageCatalogue('fr')).join('\n'), /\(s\)/);
  });
});
