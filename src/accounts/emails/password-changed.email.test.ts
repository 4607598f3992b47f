import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { passwordChangedEmail } from './password-changed.email.ts';

const publicUrl = new URL('https://espace.example.fr/');

describe('password-changed email', () => {
  it('tells the customer, in French, what to do if it was not them, with links from PUBLIC_URL', () => {
    const email = passwordChangedEmail.render({ name: 'Jeanne Lefèvre', publicUrl }, 'fr');
    assert.equal(email.subject, 'Votre mot de passe a été modifié');
    assert.match(email.text, /^Bonjour Jeanne Lefèvre,/);
    assert.match(email.text, /Si ce n’est pas vous/);
    assert.match(email.text, /« mot de passe oublié »/);
    assert.match(email.text, /support/);
    assert.match(email.text, /https:\/\/espace\.example\.fr\/password\/forgot\n/);
    assert.match(email.text, /https:\/\/espace\.example\.fr\/login\n/);
    assert.match(email.html, /<html lang="fr">/);
    assert.match(email.html, /href="https:\/\/espace\.example\.fr\/password\/forgot"/);
  });

  it('follows the account’s locale', () => {
    const email = passwordChangedEmail.render({ name: 'Jane Doe', publicUrl }, 'en');
    assert.equal(email.subject, 'Your password was changed');
    assert.match(email.text, /^Hello Jane Doe,/);
    assert.match(email.text, /If this was not you/);
    assert.match(email.html, /<html lang="en">/);
  });

  it('escapes the name in the HTML part and copes with an empty one', () => {
    const email = passwordChangedEmail.render({ name: '<img src=x onerror=alert(1)>', publicUrl }, 'fr');
    assert.doesNotMatch(email.html, /<img/);
    assert.match(email.html, /&lt;img src=x onerror=alert\(1\)>/);
    assert.match(passwordChangedEmail.render({ name: '', publicUrl }, 'fr').text, /^Bonjour,/);
  });
});
