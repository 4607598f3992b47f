import { pino } from 'pino';
import type { Config } from './config.ts';
import { systemClock } from './platform/clock.ts';
import { loadMasterKey } from './platform/crypto/master-key.ts';
import { connectDatabase } from './platform/db/database-connection.ts';
import type { DatabaseRole } from './platform/db/pglite-directory-lock.ts';
import type { Deps } from './platform/deps.ts';
import { createDocumentStorage } from './platform/files/document-storage.ts';
import { loggerOptions } from './platform/http/logger.ts';

/**
 * Config → logger → master key → database: what the server and every CLI command share. `role`
 * says how this process takes the embedded database (see connectDatabase): a server owns it, a
 * worker or a command uses the owner's socket when there is one.
 */
export async function createDeps(
  config: Config,
  role: DatabaseRole,
  options: { onWait?: (message: string) => void } = {},
): Promise<Deps> {
  const log = pino(loggerOptions(config.logLevel) as object);
  // Before the database, so that a bad key file stops the process with nothing left open.
  const masterKey = await loadMasterKey(config);
  const db = await connectDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    role,
    command: commandName(),
    waitSeconds: config.databaseWaitSeconds,
    // The message and code only: a pg error carries its whole client (connection parameters included).
    onPoolError: (error) =>
      log.warn({ error: error.message, code: (error as { code?: string }).code }, 'database connection lost'),
    onWait: options.onWait ?? ((message) => log.warn(message)),
  });
  return { config, db, clock: systemClock, log, masterKey, storage: createDocumentStorage(config) };
}

/** `sesame account create`: the words before the first option (option values can be secrets, e.g. --password). */
function commandName(): string {
  const args = process.argv.slice(2);
  const firstOption = args.findIndex((arg) => arg.startsWith('-'));
  return ['sesame', ...args.slice(0, firstOption === -1 ? args.length : firstOption).slice(0, 3)].join(' ');
}
