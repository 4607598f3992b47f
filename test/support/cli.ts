import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const bin = path.resolve('bin/sesame.mjs');

/**
 * Long enough for a command that migrates a fresh embedded database on a machine running every
 * other test file at once (it took over 60 s under a load average of 16); a hung command still fails.
 */
export const CLI_TIMEOUT_MS = 180_000;

/** A command that could not run or did not finish, said as such rather than as exit code null. */
export function cliError(args: readonly string[], error: Error): Error {
  return new Error(`sesame ${args.join(' ')} did not finish (${error.message})`);
}

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
        timeout: CLI_TIMEOUT_MS,
      });
      if (result.error) throw cliError(args, result.error);
      return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    },
    remove() {
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
