import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csvCell, csvRow } from './audit-csv.ts';

describe('csvCell', () => {
  it('quotes every cell and doubles inner quotes (RFC 4180)', () => {
    assert.equal(csvCell('plain'), '"plain"');
    assert.equal(csvCell('a "quoted", word'), '"a ""quoted"", word"');
    assert.equal(csvCell('two\nlines'), '"two\nlines"');
    assert.equal(csvCell(null), '""');
    assert.equal(csvCell(42), '"42"');
  });

  it('neutralises cells a spreadsheet would run as a formula', () => {
    for (const payload of ['=1+1', '+33 6 12', '-2+3', '@SUM(A1)', '\t=cmd', '\r=cmd']) {
      assert.equal(csvCell(payload).slice(0, 2), `"'`, payload);
    }
    assert.equal(csvCell('=HYPERLINK("http://evil")'), `"'=HYPERLINK(""http://evil"")"`);
    assert.equal(csvCell('a=b'), '"a=b"', 'only a leading trigger counts');
  });

  it('ends each row with CRLF', () => {
    assert.equal(csvRow(['a', null]), '"a",""\r\n');
  });
});
