import type { Deps } from '../../platform/deps.ts';
import { scanWithClamd } from '../../platform/files/clamd.ts';
import { AppError } from '../../platform/http/errors.ts';

/**
 * Scans a document with clamd when CLAMD_URL is set, failing closed: only an explicit "OK" lets
 * it through. `source` is sent as it is read (a stream is never held whole). Returns the scan
 * status to record; throws DOCUMENT_INFECTED or SCANNER_UNAVAILABLE (also when `source` fails: the
 * caller, which knows why its stream failed, reports that instead).
 */
export async function scanDocument(
  deps: Pick<Deps, 'config' | 'log'>,
  source: Uint8Array | AsyncIterable<Uint8Array>,
  options: { timeoutMs?: number } = {},
): Promise<'clean' | 'not_scanned'> {
  const { clamdUrl } = deps.config;
  if (!clamdUrl) return 'not_scanned';
  const result = await scanWithClamd(clamdUrl, source, options);
  // The upload itself failed (too large, cut, refused elsewhere): not the scanner's fault, no alarm.
  if (!result.ok && result.reason === 'source-failed') throw new AppError('SCANNER_UNAVAILABLE');
  if (!result.ok) {
    // The reason only (timeout, connection, unexpected reply): never the URL's credentials or content.
    deps.log.error({ reason: result.reason }, 'document scanner unavailable; upload refused');
    throw new AppError('SCANNER_UNAVAILABLE');
  }
  if (result.verdict === 'infected') {
    deps.log.warn({ signature: result.signature }, 'document refused: malware found');
    throw new AppError('DOCUMENT_INFECTED');
  }
  return 'clean';
}
