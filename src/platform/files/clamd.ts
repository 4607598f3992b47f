import net from 'node:net';

/**
 * A virus scan through clamd's INSTREAM command (man clamd: `zINSTREAM\0`, then chunks each
 * prefixed by their length as a 4-byte big-endian integer, then a zero length; the reply is
 * `stream: OK\0`, `stream: <signature> FOUND\0` or `... ERROR\0`).
 *
 * Hand-written rather than the `clamscan` npm package: the exchange is this small, `clamscan`
 * would be a new dependency that also drives local binaries we never use, and here every
 * outcome other than an explicit OK or FOUND must fail closed, which is easiest to guarantee
 * (and test) when the whole exchange is in view.
 */

export type ClamdScanResult =
  | { ok: true; verdict: 'clean' }
  | { ok: true; verdict: 'infected'; signature: string }
  | { ok: false; reason: 'timeout' | 'connection' | 'unexpected-reply' | 'source-failed' };

export const DEFAULT_CLAMD_TIMEOUT_MS = 10_000;
const CHUNK_BYTES = 64 * 1024;
const MAX_REPLY_BYTES = 4096;

/** `tcp://host:port` or `unix:///path/to/socket` to net.connect options; null when malformed. */
export function parseClamdUrl(url: string): net.NetConnectOpts | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol === 'unix:') return parsed.pathname ? { path: parsed.pathname } : null;
  if (parsed.protocol === 'tcp:' && parsed.hostname) {
    const port = Number(parsed.port || 3310);
    // URL keeps the brackets of an IPv6 literal; net.connect wants the bare address.
    return { host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'), port };
  }
  return null;
}

/**
 * Scans a file with the clamd at `url`, sending it as it comes: `source` is read chunk by chunk, each
 * piece framed and written with backpressure (the next one waits for the socket to drain), so a
 * 10 MiB upload is never held whole here. Never throws, every failure is `ok: false`; when `source`
 * itself fails or is stopped, the scan stops ('source-failed': no verdict, and no fault of clamd's).
 */
export function scanWithClamd(
  url: string,
  source: Uint8Array | AsyncIterable<Uint8Array>,
  options: { timeoutMs?: number } = {},
): Promise<ClamdScanResult> {
  const target = parseClamdUrl(url);
  if (!target) return Promise.resolve({ ok: false, reason: 'connection' });
  const timeoutMs = options.timeoutMs ?? DEFAULT_CLAMD_TIMEOUT_MS;
  const chunks: AsyncIterable<Uint8Array> | Uint8Array[] = source instanceof Uint8Array ? [source] : source;
  return new Promise((resolve) => {
    let settled = false;
    const replyChunks: Buffer[] = [];
    let replyBytes = 0;
    const socket = net.connect(target);
    // Deadlines on clamd's own steps only: connecting, taking each chunk (a scanner that stops
    // reading), then giving its verdict once the file is sent — a scanner that trickles must not
    // hold an upload forever. Not on the time the source takes: a streamed upload arrives at the
    // client's pace (bounded by the HTTP timeouts), and one deadline for the whole exchange refused
    // uploads that were merely slow to arrive, 20 at once, as SCANNER_UNAVAILABLE.
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => finish({ ok: false, reason: 'timeout' }), timeoutMs);
    };
    const disarm = () => clearTimeout(timer);
    arm();

    function finish(result: ClamdScanResult): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    }

    function interpretReply(): ClamdScanResult {
      const reply = Buffer.concat(replyChunks).toString('utf8').replace(/\0+$/, '').trim();
      if (reply === 'stream: OK') return { ok: true, verdict: 'clean' };
      const found = /^stream: (.+) FOUND$/.exec(reply);
      if (found?.[1]) return { ok: true, verdict: 'infected', signature: found[1] };
      return { ok: false, reason: 'unexpected-reply' };
    }

    /** Resolves once the socket can take more (or the exchange is over). */
    function drained(): Promise<void> {
      return new Promise((done) => {
        const stop = () => {
          socket.off('drain', stop);
          socket.off('close', stop);
          done();
        };
        socket.on('drain', stop);
        socket.on('close', stop);
      });
    }

    async function send(): Promise<void> {
      socket.write('zINSTREAM\0');
      for await (const chunk of chunks) {
        for (let offset = 0; offset < chunk.length; offset += CHUNK_BYTES) {
          if (settled) return;
          const piece = chunk.subarray(offset, offset + CHUNK_BYTES);
          const length = Buffer.alloc(4);
          length.writeUInt32BE(piece.length);
          socket.write(length);
          if (!socket.write(piece)) {
            arm();
            await drained();
            disarm();
          }
        }
      }
      if (settled) return;
      socket.write(Buffer.alloc(4));
      arm();
    }

    socket.on('connect', () => {
      disarm();
      // Only reading the source can reject here (socket faults arrive as 'error' events).
      send().catch(() => finish({ ok: false, reason: 'source-failed' }));
    });
    socket.on('data', (chunk: Buffer) => {
      replyChunks.push(chunk);
      replyBytes += chunk.length;
      if (replyBytes > MAX_REPLY_BYTES) return finish({ ok: false, reason: 'unexpected-reply' });
      // The z-prefixed command makes clamd end its reply with a NUL.
      if (chunk.includes(0)) finish(interpretReply());
    });
    socket.on('end', () => finish(replyBytes > 0 ? interpretReply() : { ok: false, reason: 'connection' }));
    socket.on('error', () => finish({ ok: false, reason: 'connection' }));
    socket.on('close', () => finish({ ok: false, reason: 'connection' }));
  });
}
