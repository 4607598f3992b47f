import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mrzLineText, type OcrSymbol } from './ocr-symbols.ts';

/** Symbols on a 39 px pitch, as tesseract boxed them on a corpus card (width ~27 px each). */
const line = (text: string, extra: { after: number; text: string; confidence: number }[] = []) => {
  const symbols: OcrSymbol[] = [...text].map((ch, i) => ({
    text: ch,
    confidence: 98,
    x0: 100 + i * 39,
    x1: 127 + i * 39,
  }));
  for (const e of extra.sort((a, b) => b.after - a.after)) {
    const at = symbols[e.after] as OcrSymbol;
    // A second reading of the same glyph: its box overlaps the first one's.
    symbols.splice(e.after + 1, 0, { text: e.text, confidence: e.confidence, x0: at.x0 + 4, x1: at.x1 - 3 });
  }
  return symbols;
};

describe('mrzLineText', () => {
  it('keeps a line whose glyphs are each read once', () => {
    assert.equal(mrzLineText(line('IDFRAY8RT380652<<<<')), 'IDFRAY8RT380652<<<<');
  });

  it('reduces a glyph read twice to its more confident reading', () => {
    // Seen on the corpus: Z8RT04482 read ZB8RT04482 (B 96, 8 87).
    const symbols = line('IDFRAZB', [{ after: 6, text: '8', confidence: 87 }]).concat(
      line('RT04482').map((s) => ({ ...s, x0: s.x0 + 7 * 39, x1: s.x1 + 7 * 39 })),
    );
    assert.equal(mrzLineText(symbols), 'IDFRAZBRT04482');
    const zero = line('X6KM070284', [{ after: 4, text: 'O', confidence: 99 }]);
    assert.equal(mrzLineText(zero), 'X6KMO70284');
  });

  it('keeps two narrow glyphs that are a pitch apart (1 and I are narrow, not doubled)', () => {
    const narrow: OcrSymbol[] = [...'AB11<<'].map((ch, i) => ({
      text: ch,
      confidence: 98,
      x0: 100 + i * 39 + (ch === '1' ? 10 : 0),
      x1: 127 + i * 39 - (ch === '1' ? 8 : 0),
    }));
    assert.equal(mrzLineText(narrow), 'AB11<<');
  });

  it('keeps very short lines as read', () => {
    assert.equal(mrzLineText(line('<<')), '<<');
  });
});
