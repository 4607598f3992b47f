import type { FastifyInstance } from 'fastify';
import { generate } from 'otplib';
import type { Clock } from '../../src/platform/clock.ts';
import type { Deps } from '../../src/platform/deps.ts';
import type { StaffRole } from '../../src/staff/core/staff.ts';
import { createStaffUser } from '../../src/staff/staff-users.service.ts';
import { createClient } from './test-app.ts';

let counter = 0;
export const STAFF_PASSWORD = 'Comptoir-Lanterne-Registre-64';

/** A staff member of `role` with a known password and their TOTP secret. */
export async function createTestStaff(deps: Deps, role: StaffRole = 'agent') {
  counter += 1;
  const email = `${role}${counter}-${Date.now()}@support.example`;
  const created = await createStaffUser(
    deps,
    { email, name: `Staff ${role} ${counter}`, role, password: STAFF_PASSWORD },
    { type: 'system', id: 'test' },
  );
  return { user: created.user, email, password: STAFF_PASSWORD, secret: created.enrolment.secret };
}

/** The TOTP code an authenticator app would show at the clock's time, `stepOffset` steps away. */
export function totpCodeAt(secret: string, clock: Clock, stepOffset = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(clock.now().getTime() / 1000) + stepOffset * 30 });
}

/** A browser-like client for the staff side: staff sign-in, and the staff CSRF token on unsafe calls. */
export function createStaffClient(app: FastifyInstance, remoteAddress = '127.0.0.1') {
  const client = createClient(app, undefined, remoteAddress);
  let csrf: string | null = null;
  return {
    ...client,
    async staffSignIn(email: string, password: string, totp: string) {
      const headers: Record<string, string> = csrf ? { 'x-csrf-token': csrf } : {};
      const response = await client.request({
        method: 'POST',
        url: '/api/v1/staff/auth/login',
        payload: { email, password, totp },
        headers,
      });
      if (response.statusCode === 200) {
        const token = await client.request({ method: 'GET', url: '/api/v1/staff/csrf' });
        csrf = (token.json() as { token: string }).token;
      }
      return response;
    },
    async staffApi(method: string, url: string, body?: unknown) {
      const headers: Record<string, string> = method !== 'GET' && csrf ? { 'x-csrf-token': csrf } : {};
      return client.request({ method, url, payload: body as object, headers });
    },
  };
}

/** Creates a staff member of `role` and signs them in on a new client. */
export async function signedInStaff(app: FastifyInstance, deps: Deps & { clock: Clock }, role: StaffRole) {
  const staff = await createTestStaff(deps, role);
  const client = createStaffClient(app);
  const response = await client.staffSignIn(
    staff.email,
    staff.password,
    await totpCodeAt(staff.secret, deps.clock),
  );
  if (response.statusCode !== 200) throw new Error(`staff sign-in failed: ${response.body}`);
  return { staff, client };
}
