import type { CompiledQuery, KyselyPlugin } from 'kysely';
import type { Db } from '../../src/platform/db/database.ts';

/**
 * `db` with a recorder: every statement run through the returned handle is compiled once more and
 * kept (SQL text and parameters), for tests about which statements a path runs or how they plan.
 */
export function recordingStatements(db: Db): { db: Db; statements: CompiledQuery[] } {
  const statements: CompiledQuery[] = [];
  const recorder: KyselyPlugin = {
    transformQuery(args) {
      statements.push(db.getExecutor().compileQuery(args.node, args.queryId));
      return args.node;
    },
    async transformResult(args) {
      return args.result;
    },
  };
  return { db: db.withPlugin(recorder), statements };
}
