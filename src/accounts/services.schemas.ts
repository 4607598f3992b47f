import { z } from 'zod';
import { normalizeDomainName, normalizePanelUsername, serviceKinds } from './service.ts';

/** Request schema of POST /api/v1/admin/accounts/{id}/services. Messages are field-error codes. */

export const createServiceSchema = z
  .object({
    kind: z.enum(serviceKinds, 'invalid'),
    name: z.string('required').trim().min(1, 'required').max(253, 'too_long'),
    panelUsername: z
      .string()
      .transform((value, ctx) => {
        const username = normalizePanelUsername(value);
        if (!username) ctx.addIssue({ code: 'custom', message: 'invalid_panel_username' });
        return username ?? value;
      })
      .nullish(),
  })
  .strict()
  .transform((input, ctx) => {
    if (input.kind === 'hosting') {
      return { kind: input.kind, name: input.name, panelUsername: input.panelUsername ?? null };
    }
    // A domain is normalized once here so that uniqueness and lookups compare one spelling.
    const domain = normalizeDomainName(input.name);
    if (!domain) ctx.addIssue({ code: 'custom', path: ['name'], message: 'invalid_domain' });
    if (input.panelUsername) {
      ctx.addIssue({ code: 'custom', path: ['panelUsername'], message: 'panel_username_hosting_only' });
    }
    return { kind: input.kind, name: domain ?? input.name, panelUsername: null };
  })
  .meta({
    description:
      'A hosting plan (`name` is its label, `panelUsername` the hosting panel user) or a domain ' +
      '(`name` is the domain; internationalized names are stored in their ASCII form).',
  });
export type CreateServiceInput = z.input<typeof createServiceSchema>;
