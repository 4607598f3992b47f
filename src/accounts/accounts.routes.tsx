import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../platform/deps.ts';
import { problemSchema } from '../platform/http/api-schemas.ts';
import { AppError } from '../platform/http/errors.ts';
import { pageContext } from '../platform/http/request-context.ts';
import { customerOnly, requireCustomer } from '../sessions/session-auth.plugin.ts';
import { sendPage } from '../views/render.ts';
import { type Account, contactReminders, formatPhoneForDisplay } from './account.ts';
import { AccountPage, EditAccountPage } from './accounts.pages.tsx';
import { presentAccount } from './accounts.presenter.ts';
import { updateAccountSchema } from './accounts.schemas.ts';
import { confirmPhone, updateAccountDetails } from './accounts.service.ts';
import { DEFAULT_COUNTRY } from './countries.ts';
import { getPendingEmailChange } from './email-change-cancel.service.ts';
import { presentService } from './services.presenter.ts';
import { listAccountServices } from './services.service.ts';

const accountResponse = z.record(z.string(), z.unknown()).describe('The fiche');

function formValues(account: Account): Record<string, string> {
  return {
    phone: account.phone ? formatPhoneForDisplay(account.phone) : '',
    'address.line1': account.address.line1 ?? '',
    'address.line2': account.address.line2 ?? '',
    'address.postalCode': account.address.postalCode ?? '',
    'address.city': account.address.city ?? '',
    'address.country': account.address.country ?? DEFAULT_COUNTRY,
  };
}

/** The fiche form posts flat fields; the service takes the same shape as PATCH /api/v1/account. */
function updateFromForm(body: Record<string, unknown>) {
  const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : '');
  return {
    phone: text('phone'),
    address: {
      line1: text('address.line1'),
      line2: text('address.line2'),
      postalCode: text('address.postalCode'),
      city: text('address.city'),
      country: text('address.country'),
    },
  };
}

/** The fiche: page, edit form and JSON routes over the same services. */
export async function accountsRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const api = app.withTypeProvider<ZodTypeProvider>();

  app.get<{ Querystring: { saved?: string; phoneConfirmed?: string; emailChange?: string } }>(
    '/account',
    async (request, reply) => {
      const { account } = requireCustomer(request);
      const { saved, phoneConfirmed, emailChange } = request.query;
      const notice =
        saved !== undefined
          ? request.t('account.saved')
          : phoneConfirmed !== undefined
            ? request.t('account.reminders.phoneConfirmed')
            : emailChange === 'cancelled'
              ? request.t('emailChange.cancelled')
              : emailChange === 'none'
                ? request.t('emailChange.nothingPending')
                : undefined;
      const reminders = contactReminders(account, deps.clock.now(), deps.config.contactStaleDays);
      const services = await listAccountServices(deps, account.id);
      const pendingEmailChange = await getPendingEmailChange(deps, account.id);
      return sendPage(
        reply,
        <AccountPage
          ctx={pageContext(request)}
          account={account}
          reminders={reminders}
          notice={notice}
          services={services}
          pendingEmailChange={pendingEmailChange}
        />,
      );
    },
  );

  app.get('/account/edit', async (request, reply) => {
    const { account } = requireCustomer(request);
    return sendPage(
      reply,
      <EditAccountPage
        ctx={pageContext(request)}
        account={account}
        form={{ values: formValues(account), errors: [] }}
      />,
    );
  });

  app.post<{ Body: Record<string, unknown> }>('/account/edit', async (request, reply) => {
    const { account } = requireCustomer(request);
    const parsed = updateAccountSchema.safeParse(updateFromForm(request.body));
    if (!parsed.success) {
      const values = Object.fromEntries(
        Object.entries(request.body).filter(([, v]) => typeof v === 'string'),
      ) as Record<string, string>;
      const errors = parsed.error.issues.map((issue) => ({
        field: issue.path.map(String).join('.'),
        code: issue.message,
      }));
      return sendPage(
        reply,
        <EditAccountPage ctx={pageContext(request)} account={account} form={{ values, errors }} />,
        422,
      );
    }
    await updateAccountDetails(deps, account.id, parsed.data, request.meta);
    return reply.redirect('/account?saved=1', 303);
  });

  app.post('/account/phone/confirm', async (request, reply) => {
    const { account } = requireCustomer(request);
    await confirmPhone(deps, account.id, request.meta);
    return reply.redirect('/account?phoneConfirmed=1', 303);
  });

  api.get(
    '/api/v1/account',
    {
      onRequest: customerOnly,
      schema: {
        tags: ['customer'],
        summary: 'The signed-in customer’s fiche',
        response: { 200: accountResponse, 401: problemSchema },
      },
    },
    async (request) => {
      const { account } = requireCustomer(request);
      const services = await listAccountServices(deps, account.id);
      const pending = await getPendingEmailChange(deps, account.id);
      return {
        ...presentAccount(account, deps),
        services: services.map(presentService),
        pendingEmailChange: pending
          ? {
              newEmail: pending.newEmail,
              requestedAt: pending.createdAt.toISOString(),
              expiresAt: pending.expiresAt.toISOString(),
            }
          : null,
      };
    },
  );

  api.patch(
    '/api/v1/account',
    {
      onRequest: customerOnly,
      schema: {
        tags: ['customer'],
        summary: 'Edit phone, postal address or language',
        body: updateAccountSchema,
        response: { 200: accountResponse, 401: problemSchema, 422: problemSchema },
      },
    },
    async (request) => {
      const { account } = requireCustomer(request);
      const updated = await updateAccountDetails(deps, account.id, request.body, request.meta);
      if (!updated) throw new AppError('NOT_FOUND');
      return presentAccount(updated, deps);
    },
  );
}
