import type { FastifyInstance, FastifyReply } from 'fastify';
import { sendPage } from '../../views/render.ts';
import type { Deps } from '../deps.ts';
import { AppError } from '../http/errors.ts';
import { pageContext } from '../http/request-context.ts';
import { DevMailListPage, DevMailPage } from './dev-mail.pages.tsx';
import { getDevMail, listDevMail } from './dev-mailbox.ts';
import { mailDirFor } from './transports.ts';

/**
 * /dev/mail: reads the `.eml` files of the file transport, so that a developer or a tester can
 * follow a reset link in the demo. app.ts registers it only outside production and only when
 * mail goes to files: there the page would show every link in clear to anyone. No schema tags,
 * so it stays out of the OpenAPI document.
 */
export async function devMailRoutes(app: FastifyInstance, { deps }: { deps: Deps }) {
  const directory = mailDirFor(deps.config.dataDir);

  // Messages hold live tokens: no copy in any cache, no address sent on when a link is followed.
  function privately(reply: FastifyReply): FastifyReply {
    return reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
  }

  app.get('/dev/mail', async (request, reply) => {
    const mails = await listDevMail(directory);
    return sendPage(privately(reply), <DevMailListPage ctx={pageContext(request)} mails={mails} />);
  });

  app.get<{ Params: { file: string } }>('/dev/mail/:file', async (request, reply) => {
    const mail = await getDevMail(directory, request.params.file);
    if (!mail) throw new AppError('NOT_FOUND');
    return sendPage(privately(reply), <DevMailPage ctx={pageContext(request)} mail={mail} />);
  });

  app.get<{ Params: { file: string } }>('/dev/mail/:file/raw', async (request, reply) => {
    const mail = await getDevMail(directory, request.params.file);
    if (!mail) throw new AppError('NOT_FOUND');
    return privately(reply)
      .type('message/rfc822')
      .header('content-disposition', `attachment; filename="${mail.file}"`)
      .send(mail.raw);
  });
}
