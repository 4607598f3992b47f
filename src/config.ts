import path from 'node:path';
import { z } from 'zod';
import { defaultArgon2Limits } from './platform/crypto/argon2-queue.ts';
import { decodeMasterKey } from './platform/crypto/master-key.ts';
import { type AddressList, parseAddressList } from './platform/net/client-address.ts';

/** The only reader of process.env: one schema, every problem listed at once, a frozen result. */

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => ['true', '1', 'yes'].includes(v));
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const nonNegativeInt = (fallback: number) => z.coerce.number().int().nonnegative().default(fallback);
// The AES-256 key that seals secrets at rest; unset means a key file generated in DATA_DIR.
const masterKeyFromEnv = z.string().transform((value, context) => {
  const key = decodeMasterKey(value);
  if (!key)
    context.addIssue({ code: 'custom', message: 'must be 32 bytes written as 64 hex digits or base64' });
  return key ?? z.NEVER;
});

// Comma-separated addresses and CIDR ranges (`10.0.0.0/8, ::1`).
const addressListFromEnv = z.string().transform((value, context) => {
  const list = parseAddressList(value);
  if (!list)
    context.addIssue({ code: 'custom', message: 'must be IP addresses or CIDR ranges, comma-separated' });
  return list ?? z.NEVER;
});
const LOOPBACK = parseAddressList('127.0.0.0/8, ::1') as AddressList;

const environmentFields = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  // How long a process waits for the embedded database while another holds it without serving it.
  DATABASE_WAIT_SECONDS: nonNegativeInt(60),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().min(3).default('Sésame <no-reply@sesame.localhost>'),
  SMTP_TLS_REJECT_UNAUTHORIZED: booleanFromEnv.default(true),
  SMTP_REQUIRE_TLS: booleanFromEnv.default(false),
  // The worker's SMTP connections, kept open and reused: how many at once (also how many emails it
  // sends at once), and how many messages one carries before it is replaced by a fresh one.
  SMTP_POOL_CONNECTIONS: z.coerce.number().int().min(1).max(50).default(5),
  SMTP_POOL_MESSAGES: z.coerce.number().int().min(1).max(10_000).default(100),
  MASTER_KEY: masterKeyFromEnv.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SESSION_IDLE_MINUTES: positiveInt(30),
  SESSION_ABSOLUTE_HOURS: positiveInt(12),
  STAFF_SESSION_IDLE_MINUTES: positiveInt(15),
  STAFF_SESSION_ABSOLUTE_HOURS: positiveInt(10),
  PASSWORD_REQUIRE_CHARACTER_CLASSES: booleanFromEnv.default(true),
  RESET_TOKEN_TTL_MINUTES: positiveInt(30),
  RECOVERY_OBJECTION_HOURS: nonNegativeInt(24),
  DOCUMENT_RETENTION_DAYS: nonNegativeInt(30),
  RECOVERY_REQUIRE_SECOND_APPROVAL: booleanFromEnv.default(false),
  RECOVERY_DRAFT_EXPIRY_DAYS: positiveInt(7),
  RECOVERY_INFO_EXPIRY_DAYS: positiveInt(30),
  // What the claimant's status page announces as the usual time to a decision once a case is sent,
  // in working days: the provider's own commitment (Sésame measures nothing to promise it).
  RECOVERY_REVIEW_WORKING_DAYS: positiveInt(3),
  // clamd's TCP address (tcp://host:3310) or unix socket (unix:///run/clamav/clamd.ctl); unset: no scan.
  CLAMD_URL: z.url({ protocol: /^(tcp|unix)$/ }).optional(),
  // The support desk's address: tickets by email are sent to it, replies come from it.
  SUPPORT_EMAIL: z.email().default('support@sesame.localhost'),
  INBOUND_SMTP_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  INBOUND_SMTP_HOST: z.string().min(1).default('127.0.0.1'),
  // The MTA whose Authentication-Results header is trusted; unset: none is, the product checks DMARC itself.
  INBOUND_AUTHSERV_ID: z.string().min(1).optional(),
  INBOUND_MAX_MESSAGE_BYTES: positiveInt(25 * 1024 * 1024),
  // The MTA(s) allowed to talk to the SMTP listener; required with INBOUND_AUTHSERV_ID (see below).
  INBOUND_SMTP_ALLOWED_CLIENTS: addressListFromEnv.optional(),
  // Who may read /metrics and /api/docs; unset: anyone, except in production (loopback only).
  OPERATIONS_ALLOWED_CLIENTS: addressListFromEnv.optional(),
  // HTTP server timeouts, in seconds (slow clients must not hold sockets for ever).
  HTTP_HEADERS_TIMEOUT_SECONDS: positiveInt(20),
  HTTP_REQUEST_TIMEOUT_SECONDS: positiveInt(120),
  HTTP_IDLE_TIMEOUT_SECONDS: positiveInt(30),
  HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: positiveInt(5),
  // Argon2 work of this process: how many at once, how many waiting before 503.
  ARGON2_MAX_CONCURRENCY: positiveInt(defaultArgon2Limits.concurrency),
  ARGON2_MAX_QUEUE: nonNegativeInt(defaultArgon2Limits.maxQueued),
  // Recovery uploads: bytes a case may send in all, and one IP in an hour (MiB, counted as received).
  UPLOAD_QUOTA_CASE_MIB: positiveInt(60),
  UPLOAD_QUOTA_IP_MIB_PER_HOUR: positiveInt(120),
  CONTACT_STALE_DAYS: positiveInt(365),
  MFA_REQUIRED: booleanFromEnv.default(false),
  MFA_GRACE_DAYS: z.coerce.number().int().min(0).max(365).default(14),
  TRUST_PROXY: booleanFromEnv.default(false),
});
const environmentSchema = environmentFields
  .refine((e) => e.NODE_ENV !== 'production' || e.SMTP_URL !== undefined, {
    path: ['SMTP_URL'],
    // The file transport keeps links (tokens) in clear in DATA_DIR/mail: a development convenience only.
    message: 'required in production (without it, mail is written to files in DATA_DIR/mail)',
    // Checked even when other values are bad, so that every problem is listed at once.
    when: () => true,
  })
  .refine(
    (e) => !(e.INBOUND_AUTHSERV_ID && e.INBOUND_SMTP_PORT !== undefined && !e.INBOUND_SMTP_ALLOWED_CLIENTS),
    {
      path: ['INBOUND_SMTP_ALLOWED_CLIENTS'],
      // Otherwise anyone who reaches the listener can write the trusted Authentication-Results header.
      message: 'required when INBOUND_AUTHSERV_ID and INBOUND_SMTP_PORT are both set (the MTA addresses)',
      when: () => true,
    },
  );

export type Config = Readonly<{
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  publicUrl: URL;
  secureCookies: boolean;
  dataDir: string;
  databaseUrl: string | undefined;
  databaseWaitSeconds: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  smtpTlsRejectUnauthorized: boolean;
  smtpRequireTls: boolean;
  /** SMTP_POOL_*: connections the mail worker keeps to the relay, and messages per connection. */
  smtpPool: { connections: number; messagesPerConnection: number };
  masterKey: Buffer | undefined;
  logLevel: string;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  staffSessionIdleMinutes: number;
  staffSessionAbsoluteHours: number;
  passwordRequireCharacterClasses: boolean;
  resetTokenTtlMinutes: number;
  recoveryObjectionHours: number;
  documentRetentionDays: number;
  recoveryRequireSecondApproval: boolean;
  recoveryDraftExpiryDays: number;
  recoveryInfoExpiryDays: number;
  /** RECOVERY_REVIEW_WORKING_DAYS: the usual turnaround announced to claimants. */
  recoveryReviewWorkingDays: number;
  clamdUrl: string | undefined;
  supportEmail: string;
  inboundSmtpPort: number | undefined;
  inboundSmtpHost: string;
  inboundAuthservId: string | undefined;
  inboundMaxMessageBytes: number;
  inboundSmtpAllowedClients: AddressList | null;
  operationsAllowedClients: AddressList | null;
  http: {
    headersTimeoutMs: number;
    requestTimeoutMs: number;
    idleTimeoutMs: number;
    keepAliveTimeoutMs: number;
  };
  argon2: { concurrency: number; maxQueued: number };
  uploadQuota: { caseBytes: number; ipBytesPerHour: number };
  contactStaleDays: number;
  /** MFA_REQUIRED: every customer must have a second factor, after MFA_GRACE_DAYS from their first sign-in under the rule. */
  mfaPolicy: { required: boolean; graceDays: number };
  trustProxy: boolean;
}>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Reads the environment once; throws ConfigError naming every bad variable. */
export function loadConfig(environment: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "not set", as they do in most .env files.
  const present = Object.fromEntries(Object.entries(environment).filter(([, value]) => value !== ''));
  const parsed = environmentSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(
      // Values are not echoed: DATABASE_URL, SMTP_URL and MASTER_KEY can carry secrets.
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  }
  const e = parsed.data;
  const publicUrl = new URL(
    e.PUBLIC_URL ?? `http://${e.HOST === '0.0.0.0' ? '127.0.0.1' : e.HOST}:${e.PORT}`,
  );
  return Object.freeze({
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    publicUrl,
    secureCookies: publicUrl.protocol === 'https:',
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    databaseWaitSeconds: e.DATABASE_WAIT_SECONDS,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    smtpTlsRejectUnauthorized: e.SMTP_TLS_REJECT_UNAUTHORIZED,
    smtpRequireTls: e.SMTP_REQUIRE_TLS,
    smtpPool: Object.freeze({
      connections: e.SMTP_POOL_CONNECTIONS,
      messagesPerConnection: e.SMTP_POOL_MESSAGES,
    }),
    masterKey: e.MASTER_KEY,
    logLevel: e.LOG_LEVEL,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.SESSION_ABSOLUTE_HOURS,
    staffSessionIdleMinutes: e.STAFF_SESSION_IDLE_MINUTES,
    staffSessionAbsoluteHours: e.STAFF_SESSION_ABSOLUTE_HOURS,
    passwordRequireCharacterClasses: e.PASSWORD_REQUIRE_CHARACTER_CLASSES,
    resetTokenTtlMinutes: e.RESET_TOKEN_TTL_MINUTES,
    recoveryObjectionHours: e.RECOVERY_OBJECTION_HOURS,
    documentRetentionDays: e.DOCUMENT_RETENTION_DAYS,
    recoveryRequireSecondApproval: e.RECOVERY_REQUIRE_SECOND_APPROVAL,
    recoveryDraftExpiryDays: e.RECOVERY_DRAFT_EXPIRY_DAYS,
    recoveryInfoExpiryDays: e.RECOVERY_INFO_EXPIRY_DAYS,
    recoveryReviewWorkingDays: e.RECOVERY_REVIEW_WORKING_DAYS,
    clamdUrl: e.CLAMD_URL,
    supportEmail: e.SUPPORT_EMAIL,
    inboundSmtpPort: e.INBOUND_SMTP_PORT,
    inboundSmtpHost: e.INBOUND_SMTP_HOST,
    inboundAuthservId: e.INBOUND_AUTHSERV_ID,
    inboundMaxMessageBytes: e.INBOUND_MAX_MESSAGE_BYTES,
    inboundSmtpAllowedClients: e.INBOUND_SMTP_ALLOWED_CLIENTS ?? null,
    operationsAllowedClients: e.OPERATIONS_ALLOWED_CLIENTS ?? (e.NODE_ENV === 'production' ? LOOPBACK : null),
    http: Object.freeze({
      headersTimeoutMs: e.HTTP_HEADERS_TIMEOUT_SECONDS * 1000,
      requestTimeoutMs: e.HTTP_REQUEST_TIMEOUT_SECONDS * 1000,
      idleTimeoutMs: e.HTTP_IDLE_TIMEOUT_SECONDS * 1000,
      keepAliveTimeoutMs: e.HTTP_KEEP_ALIVE_TIMEOUT_SECONDS * 1000,
    }),
    argon2: Object.freeze({ concurrency: e.ARGON2_MAX_CONCURRENCY, maxQueued: e.ARGON2_MAX_QUEUE }),
    uploadQuota: Object.freeze({
      caseBytes: e.UPLOAD_QUOTA_CASE_MIB * 1024 * 1024,
      ipBytesPerHour: e.UPLOAD_QUOTA_IP_MIB_PER_HOUR * 1024 * 1024,
    }),
    contactStaleDays: e.CONTACT_STALE_DAYS,
    mfaPolicy: { required: e.MFA_REQUIRED, graceDays: e.MFA_GRACE_DAYS },
    trustProxy: e.TRUST_PROXY,
  });
}
