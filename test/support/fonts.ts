import { existsSync } from 'node:fs';

/**
 * Debian's OCR-B font (package fonts-ocr-b, installed by .ci/run) draws the machine-readable zones of
 * synthetic identity documents. Without it the tests that render one are skipped with this reason.
 */
export const OCRB_FONT_PATH = '/usr/share/fonts/opentype/ocr-b/OCRB.otf';

export function ocrbFontSkipReason(): string | false {
  if (existsSync(OCRB_FONT_PATH)) return false;
  const reason = `the OCR-B font is missing (apt-get install -y fonts-ocr-b): ${OCRB_FONT_PATH}`;
  console.log(`# skipped: ${reason}`);
  return reason;
}
