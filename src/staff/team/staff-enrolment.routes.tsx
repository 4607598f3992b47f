import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { totpQrCodeDataUrl } from '../../platform/crypto/totp.ts';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/http/errors.ts';
import { fieldErrorsFromIssues } from '../../platform/http/validation.ts';
import { sendPage } from '../../views/render.ts';
import { staffPageContext } from '../core/staff-layout.tsx';
import { staffEnrolmentSchema } from '../staff.schemas.ts';
import {
  StaffEnrolmentInvalidPage,
  StaffEnrolmentLandingPage,
  StaffEnrolmentPage,
} from './staff-enrolment.pages.tsx';
import {
  completeStaffEnrolment,
  type OpenStaffEnrolment,
  openStaffEnrolment,
} from './staff-enrolment.service.ts';
import { STAFF_ENROLMENT_TTL_HOURS } from './staff-enrolment-link.ts';

/**
 * The enrolment link: GET shows a button (mail scanners that open links change nothing); its POST
 * moves the token into an HttpOnly cookie scoped to /staff/enrol and redirects to a clean URL, so
 * the token is not left in the address bar, the history or a Referer. Every answer is no-store
 * and no-referrer: the page shows the pending TOTP secret.
 */
export async function staffEnrolmentRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const cookie = deps.config.secureCookies ? '__Secure-sesame_staff_enrolment' : 'sesame_staff_enrolment';
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.config.secureCookies,
    path: '/staff/enrol',
  };

  const sensitive = (reply: FastifyReply) => {
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cache-control', 'no-store');
  };
  const invalid = (request: FastifyRequest, reply: FastifyReply) => {
    reply.clearCookie(cookie, cookieOptions);
    return sendPage(reply, <StaffEnrolmentInvalidPage ctx={staffPageContext(request)} />, 400);
  };
  const form = async (
    request: FastifyRequest,
    reply: FastifyReply,
    enrolment: OpenStaffEnrolment,
    errors = fieldErrorsFromIssues([]),
    status = 200,
  ) => {
    const qr = await totpQrCodeDataUrl(enrolment.otpauthUri);
    const page = (
      <StaffEnrolmentPage
        ctx={staffPageContext(request)}
        enrolment={enrolment}
        qrCodeDataUrl={qr}
        form={{ values: {}, errors }}
      />
    );
    return sendPage(reply, page, status);
  };

  app.get<{ Querystring: { token?: string } }>('/staff/enrol/open', async (request, reply) => {
    sensitive(reply);
    const token = typeof request.query.token === 'string' ? request.query.token : '';
    if (!(await openStaffEnrolment(deps, token))) return invalid(request, reply);
    return sendPage(reply, <StaffEnrolmentLandingPage ctx={staffPageContext(request)} token={token} />);
  });

  app.post<{ Body: Record<string, unknown> }>('/staff/enrol/open', async (request, reply) => {
    sensitive(reply);
    const token = typeof request.body.token === 'string' ? request.body.token : '';
    if (!(await openStaffEnrolment(deps, token))) return invalid(request, reply);
    reply.setCookie(cookie, token, { ...cookieOptions, maxAge: STAFF_ENROLMENT_TTL_HOURS * 3600 });
    return reply.redirect('/staff/enrol', 303);
  });

  app.get('/staff/enrol', async (request, reply) => {
    sensitive(reply);
    const enrolment = await openStaffEnrolment(deps, request.cookies[cookie] ?? '');
    if (!enrolment) return invalid(request, reply);
    return form(request, reply, enrolment);
  });

  app.post<{ Body: Record<string, unknown> }>('/staff/enrol', async (request, reply) => {
    sensitive(reply);
    const token = request.cookies[cookie] ?? '';
    const enrolment = await openStaffEnrolment(deps, token);
    if (!enrolment) return invalid(request, reply);
    const parsed = staffEnrolmentSchema.safeParse(request.body);
    if (!parsed.success)
      return form(request, reply, enrolment, fieldErrorsFromIssues(parsed.error.issues), 422);
    try {
      await completeStaffEnrolment(deps, token, parsed.data, request.meta);
    } catch (error) {
      if (error instanceof AppError && error.code === 'VALIDATION_FAILED')
        return form(request, reply, enrolment, error.options.errors ?? [], 422);
      if (error instanceof AppError && error.code === 'INVALID_TOKEN') return invalid(request, reply);
      throw error;
    }
    reply.clearCookie(cookie, cookieOptions);
    return reply.redirect('/staff/login?enrolled=1', 303);
  });
}
