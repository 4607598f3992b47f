import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type CompiledQuery, CompiledQuery as Query } from 'kysely';
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from '../../test/support/database.ts';
import { recordingStatements } from '../../test/support/recording-statements.ts';
import type { Db } from '../platform/db/database.ts';
import { listRecoveryCasesByStatus } from '../recovery/cases.repository.ts';
import { openQueueStatuses } from '../recovery/review/queue.service.ts';
import { searchAccounts } from './account-search.repository.ts';

type PlanNode = { 'Index Name'?: string; 'Node Type': string; Plans?: PlanNode[] };

/**
 * The indexes a statement's plan uses when PostgreSQL is told to avoid reading tables whole (and,
 * when asked, to avoid plain index scans, leaving bitmap scans that combine indexes): an
 * index that the statement's expression does not match (a renamed column, an expression changed on
 * one side only) is missing here. On a real base, bench/staff-queries.ts shows the chosen plans.
 */
async function indexesUsed(
  db: Db,
  statement: CompiledQuery,
  avoid: ('seqscan' | 'indexscan')[] = ['seqscan'],
): Promise<string[]> {
  return db.transaction().execute(async (tx) => {
    for (const scan of avoid) await tx.executeQuery(Query.raw(`SET LOCAL enable_${scan} = off`));
    const { rows } = await tx.executeQuery<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
      Query.raw(`EXPLAIN (FORMAT JSON) ${statement.sql}`, [...statement.parameters]),
    );
    const names: string[] = [];
    const walk = (node: PlanNode): void => {
      if (node['Index Name']) names.push(node['Index Name']);
      for (const child of node.Plans ?? []) walk(child);
    };
    const plan = rows[0]?.['QUERY PLAN'][0].Plan;
    if (plan) walk(plan);
    return names;
  });
}

for (const kind of testDatabaseKinds()) {
  describe(`support's search and queue use their indexes [${kind}]`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await createTestDatabase(kind);
    });
    after(() => database.destroy());

    it('searches each branch of an account search through an index', async () => {
      const recording = recordingStatements(database.db);
      await searchAccounts(recording.db, 'www.fromagerie-vasseur.example');
      const [domainLookup, search] = recording.statements;
      assert.ok(domainLookup && search, 'a domain lookup, then the search');
      assert.deepEqual(await indexesUsed(database.db, domainLookup), ['account_services_domain_idx']);
      // With no holder found, the search has three branches: parts, client number, SIREN. Plain
      // index scans off too: on an empty table, walking created_at backwards would do as well.
      assert.deepEqual(
        new Set(await indexesUsed(database.db, search, ['seqscan', 'indexscan'])),
        new Set(['accounts_search_trgm_idx', 'accounts_client_number_key', 'accounts_siren_idx']),
      );
    });

    it('looks a whole address up by its unique index, not as a part', async () => {
      const recording = recordingStatements(database.db);
      await searchAccounts(recording.db, 'Jeanne.Lefevre@Example.org');
      const search = recording.statements.at(-1);
      assert.ok(search);
      assert.deepEqual(
        new Set(await indexesUsed(database.db, search, ['seqscan', 'indexscan'])),
        new Set(['accounts_email_normalized_key', 'accounts_client_number_key', 'accounts_siren_idx']),
      );
    });

    it('reads the open recovery queue in its order from its partial index', async () => {
      const recording = recordingStatements(database.db);
      await listRecoveryCasesByStatus(recording.db, openQueueStatuses);
      const [statement] = recording.statements;
      assert.ok(statement);
      assert.deepEqual(await indexesUsed(database.db, statement), ['recovery_cases_open_queue_idx']);
    });
  });
}
