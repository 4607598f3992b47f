import { CsrfField, ErrorSummary, Field, type FormState } from '../views/form.tsx';
import { Layout } from '../views/layout.tsx';
import type { PageContext } from '../views/page-context.ts';
import {
  PasskeyCodesPanel,
  PasskeySignInButton,
  PasskeysSection,
  passkeyScripts,
} from './passkeys.pages.tsx';
import type { PasskeyView } from './passkeys.presenter.ts';
import type { SecondFactorMethod } from './second-factor.ts';

/** The sign-in's second step: a code from the app, or a recovery code. */
export function MfaPage({
  ctx,
  form,
  methods,
  method,
  next,
  error,
}: {
  ctx: PageContext;
  form: FormState;
  /** What the account can answer with (passkey, totp, recovery_code). */
  methods: SecondFactorMethod[];
  /** The code the form asks for. */
  method: 'totp' | 'recovery_code';
  next: string;
  error?: string;
}) {
  const { t } = ctx;
  const other = method === 'totp' ? 'recovery_code' : 'totp';
  const otherHref = `/login/mfa?method=${other}&next=${encodeURIComponent(next)}`;
  const offerOther = other === 'recovery_code' || methods.includes('totp');
  return (
    <Layout
      ctx={ctx}
      title={t('mfa.title')}
      scripts={methods.includes('passkey') ? passkeyScripts : undefined}
    >
      <section class="panel panel--narrow">
        <h1>{t('mfa.title')}</h1>
        {methods.includes('passkey') ? <PasskeySignInButton ctx={ctx} mode="mfa" next={next} /> : null}
        <p>{t(method === 'totp' ? 'mfa.intro' : 'mfa.recoveryIntro')}</p>
        <ErrorSummary t={t} errors={form.errors} message={error} />
        <form method="post" action="/login/mfa" novalidate>
          <CsrfField ctx={ctx} />
          <input type="hidden" name="next" value={next} />
          <input type="hidden" name="method" value={method} />
          <Field
            t={t}
            name="code"
            label={t(method === 'totp' ? 'mfa.code' : 'mfa.recoveryCode')}
            form={form}
            autocomplete="one-time-code"
            inputMode={method === 'totp' ? 'numeric' : undefined}
            maxLength={method === 'totp' ? 6 : 20}
            required
            keepValue={false}
          />
          <button type="submit" class="button button--primary">
            {t('mfa.submit')}
          </button>
        </form>
        <ul class="links">
          {offerOther ? (
            <li>
              <a href={otherHref}>{t(method === 'totp' ? 'mfa.useRecovery' : 'mfa.useTotp')}</a>
            </li>
          ) : null}
          <li>
            <a href="/recovery">{t('mfa.lostAll')}</a>
          </li>
        </ul>
      </section>
    </Layout>
  );
}

export type SecurityView =
  | {
      kind: 'status';
      totp: boolean;
      passkeys: PasskeyView[];
      recoveryLeft: number;
      /** MFA_REQUIRED and no factor yet: by when, and where "later" leads while there is time. */
      enrolment: { deadline: Date; overdue: boolean; next: string } | null;
    }
  | { kind: 'enrolling'; secret: string; qrCodeDataUrl: string }
  | { kind: 'codes'; recoveryCodes: string[] };

function PasswordForm({
  ctx,
  form,
  action,
  label,
}: {
  ctx: PageContext;
  form: FormState;
  action: string;
  label: string;
}) {
  const { t } = ctx;
  return (
    <form method="post" action={action} novalidate>
      <CsrfField ctx={ctx} />
      <Field
        t={t}
        name="currentPassword"
        id={`password-${action.split('/').pop()}`}
        label={t('security.currentPassword')}
        form={form}
        type="password"
        autocomplete="current-password"
        required
        keepValue={false}
      />
      <button type="submit" class="button">
        {label}
      </button>
    </form>
  );
}

/** /account/security: the second factor's state, its enrolment, its recovery codes shown once. */
export function SecurityPage({
  ctx,
  view,
  form,
  notice,
  error,
}: {
  ctx: PageContext;
  view: SecurityView;
  form: FormState;
  notice?: string;
  error?: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('security.title')} scripts={passkeyScripts}>
      <section class="panel">
        <h1>{t('security.title')}</h1>
        {notice ? (
          <p class="alert alert--info" role="status">
            {notice}
          </p>
        ) : null}
        <ErrorSummary t={t} errors={form.errors} message={error} />
        {view.kind === 'status' ? <StatusSections ctx={ctx} view={view} form={form} /> : null}
        {view.kind === 'enrolling' ? (
          <>
            <p>{t('security.scan')}</p>
            <img src={view.qrCodeDataUrl} alt={t('security.qrAlt')} width={240} height={240} />
            <p>
              {t('security.key')} : <code data-totp-secret>{view.secret}</code>
            </p>
            <form method="post" action="/account/security/totp/confirm" novalidate>
              <CsrfField ctx={ctx} />
              <Field
                t={t}
                name="code"
                label={t('security.confirmCode')}
                form={form}
                autocomplete="one-time-code"
                inputMode="numeric"
                maxLength={6}
                required
                keepValue={false}
              />
              <button type="submit" class="button button--primary">
                {t('security.confirm')}
              </button>
            </form>
          </>
        ) : null}
        {view.kind === 'codes' ? (
          <>
            <h2>{t('security.codesTitle')}</h2>
            <p>{t('security.codesIntro')}</p>
            <ul class="recovery-codes" data-recovery-codes>
              {view.recoveryCodes.map((code) => (
                <li>
                  <code>{code}</code>
                </li>
              ))}
            </ul>
            <p>
              <a href="/account/security">{t('security.back')}</a>
            </p>
          </>
        ) : null}
      </section>
    </Layout>
  );
}

function EnrolmentNotice({
  ctx,
  enrolment,
}: {
  ctx: PageContext;
  enrolment: { deadline: Date; overdue: boolean; next: string };
}) {
  const { t } = ctx;
  const date = new Intl.DateTimeFormat(ctx.locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'Europe/Paris',
  }).format(enrolment.deadline);
  return (
    <div class="alert alert--warning" role="status" data-mfa-enrolment>
      <p>{t(enrolment.overdue ? 'security.enrolOverdue' : 'security.enrolBy', { date })}</p>
      {enrolment.overdue ? null : (
        <p>
          <a href={enrolment.next}>{t('security.enrolLater')}</a>
        </p>
      )}
    </div>
  );
}

/** The status view: the app, the passkeys, the recovery codes, each with its forms. */
function StatusSections({
  ctx,
  view,
  form,
}: {
  ctx: PageContext;
  view: Extract<SecurityView, { kind: 'status' }>;
  form: FormState;
}) {
  const { t } = ctx;
  const enabled = view.totp || view.passkeys.length > 0;
  return (
    <>
      <PasskeyCodesPanel ctx={ctx} />
      {view.enrolment ? <EnrolmentNotice ctx={ctx} enrolment={view.enrolment} /> : null}
      <p>{t('security.intro')}</p>
      <p data-mfa-state={enabled ? 'on' : 'off'}>{t(enabled ? 'security.on' : 'security.off')}</p>
      <h2>{t('security.appTitle')}</h2>
      {view.totp ? (
        <>
          <p>{t('security.appOn')}</p>
          <PasswordForm
            ctx={ctx}
            form={form}
            action="/account/security/totp/remove"
            label={t('security.disable')}
          />
        </>
      ) : (
        <PasswordForm ctx={ctx} form={form} action="/account/security/totp" label={t('security.enable')} />
      )}
      <PasskeysSection ctx={ctx} passkeys={view.passkeys} form={form} />
      {enabled ? (
        <>
          <h2>{t('security.regenerate')}</h2>
          <p>{t('security.recoveryLeft', { count: view.recoveryLeft })}</p>
          <PasswordForm
            ctx={ctx}
            form={form}
            action="/account/security/recovery-codes"
            label={t('security.regenerate')}
          />
        </>
      ) : null}
    </>
  );
}
