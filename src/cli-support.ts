import { ConfigError, loadConfig } from './config.ts';
import { createDeps } from './deps.ts';
import { isDatabaseUnreachableError } from './platform/db/database-errors.ts';
import type { Deps } from './platform/deps.ts';
import { AppError } from './platform/http/errors.ts';
import { fieldMessage } from './views/form.tsx';
import { translator } from './views/i18n/index.ts';

/** What every `sesame` command shares: where it writes, and how it gets and releases its dependencies. */

export const out = {
  log: (line: string) => process.stdout.write(`${line}\n`),
  error: (line: string) => process.stderr.write(`${line}\n`),
};

/**
 * Runs a command with its dependencies, closes the database, and turns known errors into a clear
 * message and exit code (`unreachableExitCode` when the database cannot be reached or stays busy).
 */
export async function withDeps(
  run: (deps: Deps) => Promise<number | undefined>,
  options: { unreachableExitCode?: number } = {},
): Promise<void> {
  let deps: Deps | undefined;
  try {
    // A command uses the running server's database socket, or opens the embedded database itself.
    deps = await createDeps(loadConfig(), 'command', { onWait: out.error });
    process.exitCode = (await run(deps)) ?? 0;
  } catch (error) {
    process.exitCode = isDatabaseUnreachableError(error) ? (options.unreachableExitCode ?? 1) : 1;
    if (error instanceof ConfigError) out.error(error.message);
    else if (error instanceof AppError) {
      const t = translator('en');
      out.error(`error: ${error.type}`);
      for (const e of error.options.errors ?? []) out.error(`  ${e.field}: ${fieldMessage(t, e)}`);
    } else out.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await deps?.db.destroy();
  }
}
