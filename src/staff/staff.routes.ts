import type { FastifyInstance } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import { accountsStaffRoutes } from './accounts.staff-routes.tsx';
import { auditStaffRoutes } from './audit.staff-routes.tsx';
import { staffAuthRoutes } from './staff-auth.routes.tsx';
import { teamStaffRoutes } from './team.staff-routes.tsx';

/** The staff domain's own back-office pages and API: sign-in, accounts, audit log, team. */
export async function staffRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  await app.register(staffAuthRoutes, { deps });
  await app.register(accountsStaffRoutes, { deps });
  await app.register(auditStaffRoutes, { deps });
  await app.register(teamStaffRoutes, { deps });
}
