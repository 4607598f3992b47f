/**
 * MRZ text rebuilt from tesseract's symbols (one per glyph, with its box and confidence). Tesseract's
 * LSTM sometimes emits two readings for one OCR-B glyph (`B8` for an 8, `0O` for a 0), which shifts
 * every later character of a fixed-position field. MRZ fonts are monospaced: two symbols whose
 * centres are closer than half the line's pitch are one glyph, and the more confident reading is kept.
 */

export type OcrSymbol = { text: string; confidence: number; x0: number; x1: number };

// Below this many symbols the pitch cannot be estimated: the line is kept as read.
const MIN_SYMBOLS_FOR_PITCH = 4;
const SAME_GLYPH_RATIO = 0.5;

const centre = (s: OcrSymbol) => (s.x0 + s.x1) / 2;

/** The median distance between neighbouring symbol centres. */
function pitchOf(symbols: readonly OcrSymbol[]): number {
  const gaps = symbols
    .slice(1)
    .map((s, i) => centre(s) - centre(symbols[i] as OcrSymbol))
    .sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 2)] ?? 0;
}

/** One line's text, each glyph read twice reduced to its more confident reading. */
export function mrzLineText(symbols: readonly OcrSymbol[]): string {
  if (symbols.length < MIN_SYMBOLS_FOR_PITCH) return symbols.map((s) => s.text).join('');
  const pitch = pitchOf(symbols);
  const kept: OcrSymbol[] = [];
  for (const symbol of symbols) {
    const previous = kept.at(-1);
    if (previous && centre(symbol) - centre(previous) < SAME_GLYPH_RATIO * pitch) {
      if (symbol.confidence > previous.confidence) kept[kept.length - 1] = symbol;
      continue;
    }
    kept.push(symbol);
  }
  return kept.map((s) => s.text).join('');
}
