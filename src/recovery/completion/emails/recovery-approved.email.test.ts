import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { recoveryApprovedEmail } from './recovery-approved.email.ts';

describe('recovery-approved email', () => {
  it('with no objection window, says the reset email is on its way, with no dangling « alors »', () => {
    const { text } = recoveryApprovedEmail.render({ reference: 'R-1', effectiveAt: null }, 'fr');
    assert.match(text, /Vous allez recevoir à cette adresse un second e-mail/);
    assert.doesNotMatch(text, /\balors\b/);
  });

  it('with a window, says when the reset email comes', () => {
    const { text } = recoveryApprovedEmail.render(
      { reference: 'R-1', effectiveAt: new Date('2026-12-21T09:30:00Z') },
      'fr',
    );
    assert.match(text, /À cette date, vous recevrez à cette adresse un second e-mail/);
    assert.doesNotMatch(text, /\balors\b/);
  });
});
