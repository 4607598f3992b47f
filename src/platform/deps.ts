import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import type { Clock } from './clock.ts';
import type { Db } from './db/database.ts';
import type { DocumentStorage } from './files/document-storage.ts';

/**
 * What every service receives: configuration, the database, the clock, a logger, the master key
 * (seals secrets at rest, see platform/crypto/master-key.ts) and where encrypted documents are kept
 * (platform/files/document-storage.ts: chosen once from the configuration).
 */
export type Deps = {
  config: Config;
  db: Db;
  clock: Clock;
  log: FastifyBaseLogger;
  masterKey: Buffer;
  storage: DocumentStorage;
};

/** Who made a request, for the audit log. Never holds a secret. */
export type RequestMeta = { ip: string | null; userAgent: string | null };

export const noRequestMeta: RequestMeta = { ip: null, userAgent: null };
