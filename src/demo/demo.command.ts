import type { Deps } from '../platform/deps.ts';
import type { CommandOutput } from '../staff/staff.command.ts';
import { loadDemoAccounts } from './demo-accounts.ts';
import { loadDemoRecoveryCases } from './demo-recovery-cases.ts';
import { loadDemoStaff } from './demo-staff.ts';

/**
 * `sesame demo`: loads one account of each type, one staff member of each role and one submitted
 * recovery case per account type (each only once), and prints what is needed to sign in.
 */
export async function runDemo(deps: Deps, out: CommandOutput): Promise<void> {
  const credentials = await loadDemoAccounts(deps);
  out.log('\nDemo accounts (customer area):');
  for (const c of credentials)
    out.log(`  ${c.type.padEnd(12)} ${c.email.padEnd(38)} ${c.password}   (${c.clientNumber})`);
  await printDemoStaff(deps, out);
  const cases = await loadDemoRecoveryCases(deps);
  out.log(
    `\nRecovery cases waiting for review in the back office (/staff/recovery): ${cases.length ? cases.join(', ') : 'already loaded'}` +
      `\n  (RECOVERY_OBJECTION_HOURS=0 completes an approved case at once, for trying the whole flow)`,
  );
}

/** The staff part of the demo: one member of each role, with password, TOTP secret and URI. */
async function printDemoStaff(deps: Deps, out: CommandOutput): Promise<void> {
  const staff = await loadDemoStaff(deps);
  if (staff.length === 0) {
    out.log('\nNo demo staff in production.');
    return;
  }
  out.log('\nDemo staff (back office, /staff/login) — type the secret into any authenticator app:');
  for (const s of staff) {
    out.log(`  ${s.role.padEnd(11)} ${s.email.padEnd(30)} ${s.password}   TOTP secret ${s.secret}`);
    out.log(`  ${''.padEnd(11)} ${s.otpauthUri}`);
  }
}
