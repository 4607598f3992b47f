import type { AddressInfo } from 'node:net';
import type { DNSResolver } from 'mailauth';
import { SMTPServer } from 'smtp-server';
import type { Deps } from '../../platform/deps.ts';
import { AppError } from '../../platform/http/errors.ts';
import { isAddressInList } from '../../platform/net/client-address.ts';
import { ingestSupportEmail } from './ingest-support-email.ts';

/**
 * The SMTP listener for support email (INBOUND_SMTP_PORT). It accepts mail for SUPPORT_EMAIL only,
 * without AUTH, announces the size limit (SIZE) and answers each message with what became of it:
 * 250 with the ticket reference, 451 when we cannot take it now (the sender's MTA retries), 5xx
 * when it can never be taken (the sender gets a bounce that says why).
 */

export type InboundSmtp = { port: number; close(): Promise<void> };

type SmtpError = Error & { responseCode: number };
const smtpError = (responseCode: number, message: string): SmtpError =>
  Object.assign(new Error(message), { responseCode });

export async function startInboundSmtp(
  deps: Deps,
  options: { port: number; host: string; resolver?: DNSResolver },
): Promise<InboundSmtp> {
  const supportAddress = deps.config.supportEmail.toLowerCase();
  const limit = deps.config.inboundMaxMessageBytes;
  const allowed = deps.config.inboundSmtpAllowedClients;
  const server = new SMTPServer({
    // Mail comes from other MTAs: no AUTH; no STARTTLS since no certificate is configured here
    // (put the listener behind the provider's MTA, which handles TLS).
    disabledCommands: ['AUTH', 'STARTTLS'],
    authOptional: true,
    size: limit,
    banner: 'Sésame support',
    logger: false,
    // Only the provider's MTA(s) when INBOUND_SMTP_ALLOWED_CLIENTS is set (required with
    // INBOUND_AUTHSERV_ID: whoever talks to us directly could write that MTA's header).
    onConnect(session, callback) {
      if (allowed && !isAddressInList(session.remoteAddress, allowed))
        return callback(smtpError(554, 'This server only accepts mail from the provider’s MTA'));
      callback();
    },
    onRcptTo(address, _session, callback) {
      if (address.address.toLowerCase() === supportAddress) return callback();
      callback(
        smtpError(550, `Mailbox unavailable: this server only receives mail for ${deps.config.supportEmail}`),
      );
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      let received = 0;
      stream.on('data', (chunk: Buffer) => {
        received += chunk.length;
        // Past the limit the rest is read and thrown away: the client must finish DATA to get our 552.
        if (received <= limit) chunks.push(chunk);
      });
      stream.on('error', (error: Error) => callback(error));
      stream.on('end', () => {
        if (stream.sizeExceeded || received > limit) {
          callback(smtpError(552, `Message too large: the limit is ${limit} bytes`));
          return;
        }
        const envelope = {
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          remoteAddress: session.remoteAddress,
          helo: session.hostNameAppearsAs || null,
          viaTrustedMta: allowed !== null && isAddressInList(session.remoteAddress, allowed),
        };
        ingestSupportEmail(
          deps,
          Buffer.concat(chunks),
          envelope,
          options.resolver ? { resolver: options.resolver } : {},
        ).then(
          (result) => {
            if (result.ok) {
              const reply = result.reference
                ? `Queued as ${result.reference}`
                : 'Accepted (automatic message, not answered)';
              callback(null, reply);
            } else if (result.reason === 'too_large') {
              callback(smtpError(552, `Message too large: the limit is ${limit} bytes`));
            } else {
              callback(smtpError(550, 'Message refused: it needs exactly one valid address in From'));
            }
          },
          (error: unknown) => {
            // Database down, virus scanner unreachable…: temporary, the sending MTA will try again.
            const scanner = error instanceof AppError && error.code === 'SCANNER_UNAVAILABLE';
            deps.log.error({ err: error }, 'support email intake failed');
            callback(
              smtpError(
                451,
                scanner
                  ? 'Temporary failure: attachments cannot be checked now, try again later'
                  : 'Temporary failure, try again later',
              ),
            );
          },
        );
      });
    },
  });
  server.on('error', (error) => deps.log.warn({ err: error }, 'inbound SMTP connection error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
