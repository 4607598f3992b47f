import type { Deps } from '../../platform/deps.ts';
import { staffSessionTimeouts } from '../core/staff-sessions.service.ts';
import { listStaffMembersOverview, type StaffMemberOverview } from './staff-team.repository.ts';

/** The team as admins see it: sessions count only while still open (idle and absolute limits). */
export function listStaffTeam(deps: Deps): Promise<StaffMemberOverview[]> {
  const now = deps.clock.now();
  return listStaffMembersOverview(deps.db, now, new Date(now.getTime() - staffSessionTimeouts(deps).idleMs));
}
