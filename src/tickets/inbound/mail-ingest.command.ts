import type { Readable } from 'node:stream';
import { migrateToLatest } from '../../platform/db/database.ts';
import type { Deps } from '../../platform/deps.ts';
import { ingestSupportEmail } from './ingest-support-email.ts';
import type { SmtpEnvelope } from './verify-sender.ts';

/**
 * `sesame mail ingest`: one message on stdin, for the provider's MTA (a pipe transport). Exit
 * codes are those of sysexits.h, which MTAs understand: 0 taken, 65 (EX_DATAERR) never acceptable
 * — the line on stderr goes into the bounce —, 75 (EX_TEMPFAIL) try again later.
 */

export const EX_OK = 0;
export const EX_DATAERR = 65;
export const EX_TEMPFAIL = 75;

type Out = { log(line: string): void; error(line: string): void };

export async function runMailIngest(
  deps: Deps,
  input: Readable,
  out: Out,
  envelope: SmtpEnvelope = {},
): Promise<number> {
  const limit = deps.config.inboundMaxMessageBytes;
  const raw = await readUpTo(input, limit);
  if (raw === null) {
    out.error(`message too large: the limit is ${limit} bytes`);
    return EX_DATAERR;
  }
  try {
    // Inside the try: a database that cannot be reached is a temporary failure for the MTA, not a bounce.
    await migrateToLatest(deps.db);
    const result = await ingestSupportEmail(deps, raw, envelope);
    if (!result.ok) {
      out.error(
        result.reason === 'too_large'
          ? `message too large: the limit is ${limit} bytes`
          : 'message refused: it needs exactly one valid address in From',
      );
      return EX_DATAERR;
    }
    out.log(JSON.stringify({ reference: result.reference, created: result.outcome === 'created' }));
    return EX_OK;
  } catch (error) {
    deps.log.error({ err: error }, 'support email intake failed');
    out.error('temporary failure, try again later');
    return EX_TEMPFAIL;
  }
}

/** The whole stream, or null as soon as it passes `limit` bytes (the rest is drained, so the MTA's write ends). */
async function readUpTo(input: Readable, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size <= limit) chunks.push(buffer);
  }
  return size > limit ? null : Buffer.concat(chunks);
}
