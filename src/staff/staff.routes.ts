import type { FastifyInstance } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import { accountsStaffRoutes } from './accounts.staff-routes.tsx';
import { auditStaffRoutes } from './audit.staff-routes.tsx';
import { staffAuthRoutes } from './staff-auth.routes.tsx';
import { staffSelfRoutes } from './staff-self.routes.tsx';
import { staffEnrolmentRoutes } from './team/staff-enrolment.routes.tsx';
import { teamApiStaffRoutes } from './team/team-api.staff-routes.ts';
import { teamStaffRoutes } from './team.staff-routes.tsx';

/** The staff domain's own back-office pages and API: sign-in, accounts, audit log, team, own access. */
export async function staffRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  await app.register(staffAuthRoutes, { deps });
  await app.register(accountsStaffRoutes, { deps });
  await app.register(auditStaffRoutes, { deps });
  await app.register(teamStaffRoutes, { deps });
  await app.register(teamApiStaffRoutes, { deps });
  await app.register(staffEnrolmentRoutes, { deps });
  await app.register(staffSelfRoutes, { deps });
}
