import type { FastifyRequest } from 'fastify';
import type { Deps } from '../../platform/deps.ts';
import { MAX_DOCUMENT_BYTES } from '../../platform/files/limits.ts';
import { tooManyRequests } from '../../platform/http/errors.ts';
import { throttleAddress } from '../../platform/net/client-address.ts';
import { consumeByteQuota } from '../../platform/throttle/throttle.service.ts';

const HOUR = 3_600_000;
// Room for the multipart framing and the small fields around the largest file.
const MULTIPART_OVERHEAD = 64 * 1024;

/**
 * Counts an upload's bytes, before reading them, against the case (UPLOAD_QUOTA_CASE_MIB a day) and
 * the client's address (UPLOAD_QUOTA_IP_MIB_PER_HOUR), or throws 429 with Retry-After. What the
 * client announces is counted (Content-Length, or the most one upload may send when it announces
 * nothing): refused and replaced files cost as much as kept ones, so nobody streams gigabytes
 * through the intake by uploading and replacing.
 */
export async function reserveUploadBytes(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  request: FastifyRequest,
  caseId: string,
): Promise<void> {
  const announced = Number(request.headers['content-length']);
  const maximum = MAX_DOCUMENT_BYTES + MULTIPART_OVERHEAD;
  const bytes = Number.isSafeInteger(announced) && announced > 0 ? Math.min(announced, maximum) : maximum;
  const { caseBytes, ipBytesPerHour } = deps.config.uploadQuota;
  const verdict = await consumeByteQuota(
    deps.db,
    deps.clock,
    [
      { key: `upload-bytes:case:${caseId}`, limitBytes: caseBytes, windowMs: 24 * HOUR },
      { key: `upload-bytes:ip:${throttleAddress(request.ip)}`, limitBytes: ipBytesPerHour, windowMs: HOUR },
    ],
    bytes,
  );
  if (!verdict.ok) throw tooManyRequests(verdict.retryAfterMs / 1000);
}
