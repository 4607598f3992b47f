import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { domainLookupCandidates, normalizeDomainName, normalizePanelUsername } from './service.ts';

describe('normalizeDomainName', () => {
  it('lower-cases, trims and drops the trailing dot', () => {
    assert.equal(normalizeDomainName(' Boulangerie-Durand.EXAMPLE. '), 'boulangerie-durand.example');
  });
  it('keeps internationalized names in their ASCII (xn--) form', () => {
    assert.equal(normalizeDomainName('Café-Vélo.fr'), 'xn--caf-vlo-dyac.fr');
    assert.equal(normalizeDomainName('xn--caf-vlo-dyac.fr'), 'xn--caf-vlo-dyac.fr');
  });
  it('refuses what is not a domain name', () => {
    for (const input of [
      '',
      'localhost',
      'exemple',
      'https://exemple.fr',
      'exemple.fr/contact',
      'exemple.fr:8080',
      'moi@exemple.fr',
      'exe mple.fr',
      '-exemple.fr',
      'exemple-.fr',
      'exemple..fr',
      'exemple.123',
      `${'a'.repeat(64)}.fr`,
      `${'abcdefghi.'.repeat(26)}fr`,
    ]) {
      assert.equal(normalizeDomainName(input), null, input);
    }
  });
});

describe('domainLookupCandidates', () => {
  it('takes the host of a URL or an email address, then each parent domain down to two labels', () => {
    assert.deepEqual(domainLookupCandidates('https://www.Boulangerie-Durand.example:443/contact?x=1'), [
      'www.boulangerie-durand.example',
      'boulangerie-durand.example',
    ]);
    assert.deepEqual(domainLookupCandidates('contact@amis-du-velo.example'), ['amis-du-velo.example']);
    assert.deepEqual(domainLookupCandidates('Café-Vélo.fr'), ['xn--caf-vlo-dyac.fr']);
  });
  it('is empty when the hint names no domain', () => {
    assert.deepEqual(domainLookupCandidates('mon site'), []);
    assert.deepEqual(domainLookupCandidates('fr'), []);
  });
});

describe('normalizePanelUsername', () => {
  it('accepts panel user names and lower-cases them', () => {
    assert.equal(normalizePanelUsername(' CMartin '), 'cmartin');
    assert.equal(normalizePanelUsername('boulangerie-durand'), 'boulangerie-durand');
  });
  it('refuses names a panel would not take', () => {
    for (const input of ['a', '1abc', 'ab cd', 'é-accent', 'x'.repeat(33), 'ab;rm']) {
      assert.equal(normalizePanelUsername(input), null, input);
    }
  });
});
