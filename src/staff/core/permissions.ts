import { AppError } from '../../platform/http/errors.ts';
import { type StaffRole, staffRoles } from './staff.ts';

/** Every role from `lowest` up: roles are ordered agent < supervisor < admin. */
function atLeast(lowest: StaffRole): readonly StaffRole[] {
  return staffRoles.slice(staffRoles.indexOf(lowest));
}

/**
 * The one permission policy: each staff action and the roles allowed to do it. Routes and services
 * ask `can`/`assertStaffCan` with an action name, never with a role, so a policy change is one line.
 */
export const staffPermissions = {
  'accounts.search': atLeast('agent'),
  'accounts.view': atLeast('agent'),
  'accounts.send_reset': atLeast('agent'),
  // A customer who reports a stolen session calls support: any agent may end it.
  'accounts.revoke_sessions': atLeast('agent'),
  // The audit log holds every customer's IPs and every staff action: supervisors and up.
  'audit.view': atLeast('supervisor'),
  'audit.export': atLeast('supervisor'),
  'recovery.review': atLeast('agent'),
  // Viewing identity documents is audited per view; every reviewer needs it.
  'recovery.view_documents': atLeast('agent'),
  // Overriding an automatic doubt is a supervisor's call (and audited).
  'recovery.resolve_flag': atLeast('supervisor'),
  // Removing a customer's second factors (after identity was checked) is a supervisor's call.
  'accounts.remove_factors': atLeast('supervisor'),
  'tickets.view': atLeast('agent'),
  'tickets.reply': atLeast('agent'),
  'tickets.assign': atLeast('agent'),
  'staff.manage': atLeast('admin'),
  'staff.reenrol_totp': atLeast('admin'),
} as const satisfies Record<string, readonly StaffRole[]>;

export type StaffAction = keyof typeof staffPermissions;

/** True when `role` may perform `action`. */
export function can(role: StaffRole, action: StaffAction): boolean {
  return (staffPermissions[action] as readonly StaffRole[]).includes(role);
}

/** Throws FORBIDDEN unless `role` may perform `action`. */
export function assertStaffCan(role: StaffRole, action: StaffAction): void {
  if (!can(role, action)) throw new AppError('FORBIDDEN');
}
