import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';

/**
 * A PostgreSQL cluster of the test's own: initdb into a temporary folder, its own port, the
 * machine's binaries. Never the shared server other tests use, so stopping it harms nobody. As
 * root (CI), the server runs as the `postgres` user (initdb and postgres refuse root).
 */

export type OwnPostgresCluster = {
  url: string;
  port: number;
  start(): void;
  stop(): void;
  /** Stops it if running and removes every file; safe to call twice. */
  destroy(): void;
};

function findBinaries(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const version of versions) {
    const bin = path.join(root, version, 'bin');
    if (existsSync(path.join(bin, 'initdb')) && existsSync(path.join(bin, 'pg_ctl'))) return bin;
  }
  return null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The cluster, or the reason it cannot be had here (for the test's skip message). */
export async function createOwnPostgresCluster(): Promise<OwnPostgresCluster | { skip: string }> {
  const bin = findBinaries();
  if (!bin) return { skip: 'no PostgreSQL binaries (initdb, pg_ctl) under /usr/lib/postgresql/*/bin' };
  const asRoot = userInfo().uid === 0;
  let postgresUser: { uid: number; gid: number } | null = null;
  if (asRoot) {
    try {
      postgresUser = {
        uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })),
        gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })),
      };
    } catch {
      return { skip: 'running as root and there is no `postgres` user to run a cluster as' };
    }
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'sesame-pg-cluster-'));
  if (postgresUser) chownSync(dir, postgresUser.uid, postgresUser.gid);
  const run = (tool: string, args: string[]) =>
    execFileSync(
      asRoot ? 'runuser' : path.join(bin, tool),
      asRoot ? ['-u', 'postgres', '--', path.join(bin, tool), ...args] : args,
      { stdio: 'pipe', timeout: 120_000 },
    );
  const data = path.join(dir, 'data');
  const port = await freePort();
  let running = false;
  const cluster: OwnPostgresCluster = {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start() {
      const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`;
      run('pg_ctl', [
        '-D',
        data,
        '-o',
        options,
        '-l',
        path.join(dir, 'server.log'),
        '-w',
        '-t',
        '120',
        'start',
      ]);
      running = true;
    },
    stop() {
      run('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '120', 'stop']);
      running = false;
    },
    destroy() {
      try {
        if (running) cluster.stop();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  try {
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    cluster.start();
  } catch (error) {
    cluster.destroy();
    return { skip: `could not create a PostgreSQL cluster: ${(error as Error).message.split('\n')[0]}` };
  }
  return cluster;
}
