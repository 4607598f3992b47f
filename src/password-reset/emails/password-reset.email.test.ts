import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { passwordResetEmail } from './password-reset.email.ts';

const link = 'https://espace.example.fr/password/reset?token=abc';

describe('password-reset email', () => {
  it('asked for from the forgot form: says what to do if the customer did not ask', () => {
    const email = passwordResetEmail.render({ name: 'Jeanne Lefèvre', link, validMinutes: 30 }, 'fr');
    assert.equal(email.subject, 'Choisissez un nouveau mot de passe');
    assert.match(email.text, /Si vous n’avez rien demandé/);
  });

  it('ending a recovery: says the account is given back, names the case, never « if you did not ask »', () => {
    for (const locale of ['fr', 'en'] as const) {
      const email = passwordResetEmail.render(
        {
          name: 'Jeanne Lefèvre',
          link,
          validMinutes: 30,
          recovery: { reference: 'R-7K2M', factorsRemoved: true },
        },
        locale,
      );
      assert.match(email.text, /R-7K2M/);
      assert.match(email.text, /double authentification|two-factor/);
      assert.doesNotMatch(email.text, /rien demandé|did not ask/);
      assert.match(email.text, /pas à l’origine de ce dossier|did not open this case/);
    }
    const without = passwordResetEmail.render(
      { name: '', link, validMinutes: 30, recovery: { reference: 'R-7K2M', factorsRemoved: false } },
      'fr',
    );
    assert.doesNotMatch(without.text, /double authentification/);
  });
});
