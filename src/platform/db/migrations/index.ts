import type { Migration } from 'kysely/migration';
import * as foundation from './2026-11-24-001-foundation.ts';

/** Every migration in order. Names are date-prefixed; a shipped migration is never edited. */
export const migrations: Record<string, Migration> = {
  '2026-11-24-001-foundation': foundation,
};
