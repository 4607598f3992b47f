import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const bin = path.resolve('bin/sesame.mjs');

/**
 * The real `sesame` command on an embedded database in its own temporary DATA_DIR.
 * @example const cli = createCliSandbox('token'); cli.run('migrate'); cli.remove();
 */
export function createCliSandbox(name: string) {
  const dataDir = mkdtempSync(path.join(tmpdir(), `sesame-${name}-`));
  return {
    dataDir,
    run(...args: string[]) {
      const { DATABASE_URL: _ignored, ...environment } = process.env;
      const result = spawnSync(process.execPath, [bin, ...args], {
        env: { ...environment, DATA_DIR: dataDir, LOG_LEVEL: 'silent', NODE_ENV: 'test' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    },
    remove() {
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
