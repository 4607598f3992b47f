import net from 'node:net';

/**
 * A FAKE clamd for tests, in process, on a random local TCP port. The real clamd needs virus
 * signature downloads that cannot happen here; this one speaks just enough of the INSTREAM
 * protocol (unframes the chunks up to the zero-length terminator) and answers as told, so the
 * client's handling of every outcome can be tested.
 *   'ok' → `stream: OK`, 'found' → `stream: Fake.Test.Signature FOUND`, 'silent' → reads and never
 *   answers, 'close' → closes the connection as soon as data arrives. `answerDelayMs` holds each
 *   answer back that long after the file's end (a scanner busy with other files).
 */
export type FakeClamdMode = 'ok' | 'found' | 'silent' | 'close';

export type FakeClamd = {
  url: string;
  /** The files received so far, unframed (exactly the bytes the client meant to scan). */
  received: Buffer[];
  /** For each file received, how many INSTREAM chunks it came in. */
  chunkCounts: number[];
  close(): Promise<void>;
};

export async function startFakeClamd(
  mode: FakeClamdMode,
  options: { answerDelayMs?: number } = {},
): Promise<FakeClamd> {
  const received: Buffer[] = [];
  const chunkCounts: number[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buffer = Buffer.alloc(0);
    let commandSeen = false;
    const chunks: Buffer[] = [];
    socket.on('data', (data: Buffer) => {
      if (mode === 'close') {
        socket.destroy();
        return;
      }
      buffer = Buffer.concat([buffer, data]);
      if (!commandSeen) {
        const end = buffer.indexOf(0);
        if (end < 0) return;
        if (buffer.subarray(0, end).toString() !== 'zINSTREAM') return void socket.end('UNKNOWN COMMAND\0');
        commandSeen = true;
        buffer = buffer.subarray(end + 1);
      }
      while (buffer.length >= 4) {
        const length = buffer.readUInt32BE(0);
        if (length === 0) {
          received.push(Buffer.concat(chunks));
          chunkCounts.push(chunks.length);
          const answer =
            mode === 'ok' ? 'stream: OK\0' : mode === 'found' ? 'stream: Fake.Test.Signature FOUND\0' : null;
          if (answer) setTimeout(() => socket.end(answer), options.answerDelayMs ?? 0);
          return; // 'silent': keeps the connection open and says nothing.
        }
        if (buffer.length < 4 + length) return;
        chunks.push(buffer.subarray(4, 4 + length));
        buffer = buffer.subarray(4 + length);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `tcp://127.0.0.1:${port}`,
    received,
    chunkCounts,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
