import type { FastifyInstance } from 'fastify';
import type { Deps } from '../platform/deps.ts';
import { recoveryStaffRoutes } from '../recovery/review/review.staff-routes.tsx';
import { ticketAttachmentsStaffRoutes } from '../tickets/ticket-attachments.staff-routes.ts';
import { ticketsStaffRoutes } from '../tickets/tickets-staff.routes.tsx';
import { accountsStaffRoutes } from './accounts.staff-routes.tsx';
import { auditStaffRoutes } from './audit.staff-routes.tsx';
import { staffAuthRoutes } from './staff-auth.routes.tsx';
import { teamStaffRoutes } from './team.staff-routes.tsx';

/** Every back-office page and staff API route. */
export async function staffRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  await app.register(staffAuthRoutes, { deps });
  await app.register(accountsStaffRoutes, { deps });
  await app.register(auditStaffRoutes, { deps });
  await app.register(teamStaffRoutes, { deps });
  await app.register(recoveryStaffRoutes, { deps });
  await app.register(ticketsStaffRoutes, { deps });
  await app.register(ticketAttachmentsStaffRoutes, { deps });
}
