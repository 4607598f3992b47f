import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { safeNextPath } from './safe-redirect.ts';

describe('safeNextPath', () => {
  it('keeps a local path, with its query and fragment', () => {
    assert.equal(safeNextPath('/account/password?x=1#top'), '/account/password?x=1#top');
  });
  it('percent-encodes non-ASCII, so the Location header is always valid', () => {
    assert.equal(safeNextPath('/。'), '/%E3%80%82');
    assert.equal(safeNextPath('/fiche/été'), '/fiche/%C3%A9t%C3%A9');
  });
  it('refuses what would leave the site, and control characters', () => {
    for (const next of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      'account',
      '/a\u0000b',
      '/a\nb',
      42,
    ])
      assert.equal(safeNextPath(next), '/account', String(next));
  });
});
