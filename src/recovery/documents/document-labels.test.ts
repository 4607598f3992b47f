import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { translator } from '../../views/i18n/index.ts';
import { describeDocument, formatDocumentSize } from './document-labels.ts';

describe('document labels', () => {
  it('describes a document in French with French number typography, and in English', () => {
    const fr = translator('fr');
    assert.equal(
      describeDocument(fr, { mediaType: 'application/pdf', size: 250_000, pageCount: 2 }),
      'PDF, 244\u00a0Ko, 2\u00a0pages',
    );
    assert.equal(formatDocumentSize(fr, 1.5 * 1024 * 1024), '1,5\u00a0Mo');
    const en = translator('en');
    assert.equal(
      describeDocument(en, { mediaType: 'image/png', size: 1.5 * 1024 * 1024, pageCount: null }),
      'PNG image, 1.5 MB',
    );
    assert.equal(formatDocumentSize(en, 10), '1 KB');
  });
});
