import type { Db } from '../platform/db/database.ts';
import { verifyAuditChain } from './audit.service.ts';
import type { AuditChainBreak } from './audit.ts';

export type CommandOutput = { log(line: string): void; error(line: string): void };

// What each break most likely means, in the words an operator needs at 3 a.m.
const breakExplanations: Record<AuditChainBreak, string> = {
  hash_mismatch: 'hash mismatch (row edited)',
  chain_broken: 'chain broken (an earlier row was deleted or rewritten)',
};

/** `sesame audit verify`: checks the whole chain, prints one line, returns the exit code (0 ok, 1 broken). */
export async function runAuditVerify(db: Db, out: CommandOutput): Promise<number> {
  const result = await verifyAuditChain(db);
  if (result.ok) {
    out.log(`audit chain OK: ${countEvents(result.count)}`);
    return 0;
  }
  out.error(
    `audit chain BROKEN at event #${result.brokenAtSeq}: ${breakExplanations[result.reason]}; ` +
      `${countEvents(result.count)} verified before it`,
  );
  return 1;
}

function countEvents(count: number): string {
  return `${count} ${count === 1 ? 'event' : 'events'}`;
}
