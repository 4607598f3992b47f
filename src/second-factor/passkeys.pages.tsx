import { CsrfField, Field, type FormState } from '../views/form.tsx';
import type { PageContext } from '../views/page-context.ts';
import type { PasskeyView } from './passkeys.presenter.ts';

/** The scripts of every page with a passkey ceremony: the library first (both are deferred, run in order). */
export const passkeyScripts = ['/static/vendor/simplewebauthn/index.umd.min.js', '/static/passkeys.js'];

function formatDate(ctx: PageContext, iso: string): string {
  return new Intl.DateTimeFormat(ctx.locale === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'Europe/Paris',
  }).format(new Date(iso));
}

/** "Sign in with a passkey" (password-less) or "Use my passkey" (second factor); hidden until the script finds WebAuthn. */
export function PasskeySignInButton({
  ctx,
  mode,
  next,
}: {
  ctx: PageContext;
  mode: 'passwordless' | 'mfa';
  next: string;
}) {
  const { t } = ctx;
  const boxId = `passkey-error-${mode}`;
  return (
    <div class="passkey-sign-in">
      <div class="alert alert--error" role="alert" tabIndex={-1} id={boxId} hidden />
      <button
        type="button"
        class={mode === 'mfa' ? 'button button--primary' : 'button'}
        data-passkey-sign-in={mode}
        data-passkey-needs-support
        data-next={next}
        data-error-box={boxId}
        data-msg-failed={t('passkey.failed')}
        data-msg-cancelled={t('passkey.cancelled')}
        hidden
      >
        {t(mode === 'mfa' ? 'passkey.use' : 'passkey.signIn')}
      </button>
      {mode === 'mfa' ? (
        <p class="field__hint" data-passkey-unsupported>
          {t('passkey.unsupported')}
        </p>
      ) : null}
    </div>
  );
}

/** The passkeys part of /account/security: the list (rename, remove) and the form that adds one. */
export function PasskeysSection({
  ctx,
  passkeys,
  form,
}: {
  ctx: PageContext;
  passkeys: PasskeyView[];
  form: FormState;
}) {
  const { t } = ctx;
  return (
    <section aria-labelledby="passkeys-title" data-passkeys>
      <h2 id="passkeys-title">{t('passkeys.title')}</h2>
      <p>{t('passkeys.intro')}</p>
      {passkeys.length === 0 ? <p>{t('passkeys.none')}</p> : null}
      <ul class="passkey-list">
        {passkeys.map((passkey) => (
          <li data-passkey={passkey.id}>
            <p>
              <strong data-passkey-name>{passkey.name}</strong>
              {passkey.backedUp ? ` (${t('passkeys.synced')})` : ''}
              <br />
              {t('passkeys.created', { date: formatDate(ctx, passkey.createdAt) })},{' '}
              {passkey.lastUsedAt
                ? t('passkeys.lastUsed', { date: formatDate(ctx, passkey.lastUsedAt) })
                : t('passkeys.neverUsed')}
            </p>
            <form method="post" action="/account/security/passkeys/rename" novalidate>
              <CsrfField ctx={ctx} />
              <input type="hidden" name="passkeyId" value={passkey.id} />
              <Field
                t={t}
                name="name"
                id={`rename-${passkey.id}`}
                label={t('passkeys.name')}
                form={{ values: { name: passkey.name }, errors: [] }}
                maxLength={60}
                required
              />
              <button type="submit" class="button">
                {t('passkeys.rename')}
              </button>
            </form>
            <form method="post" action="/account/security/passkeys/remove" novalidate>
              <CsrfField ctx={ctx} />
              <input type="hidden" name="passkeyId" value={passkey.id} />
              <Field
                t={t}
                name="currentPassword"
                id={`remove-${passkey.id}`}
                label={t('security.currentPassword')}
                form={{ values: {}, errors: [] }}
                type="password"
                autocomplete="current-password"
                hint={t('passkeys.passwordHint')}
                keepValue={false}
              />
              <button type="submit" class="button button--danger">
                {t('passkeys.remove')}
              </button>
            </form>
          </li>
        ))}
      </ul>
      <h3>{t('passkeys.add')}</h3>
      <div class="alert alert--error" role="alert" tabIndex={-1} id="passkey-error-register" hidden />
      <form
        method="post"
        action="/account/security/passkeys"
        novalidate
        data-passkey-register
        data-error-box="passkey-error-register"
        data-codes-panel="passkey-codes"
        data-msg-failed={t('passkey.failed')}
        data-msg-cancelled={t('passkey.cancelled')}
      >
        <CsrfField ctx={ctx} />
        <Field
          t={t}
          name="name"
          label={t('passkeys.name')}
          form={form}
          hint={t('passkeys.nameHint')}
          maxLength={60}
        />
        <Field
          t={t}
          name="currentPassword"
          id="passkey-add-password"
          label={t('security.currentPassword')}
          form={form}
          type="password"
          autocomplete="current-password"
          hint={t('passkeys.passwordHint')}
          keepValue={false}
        />
        <p class="field__hint" data-passkey-unsupported>
          {t('passkey.unsupported')}
        </p>
        <button type="submit" class="button button--primary">
          {t('passkeys.add')}
        </button>
      </form>
    </section>
  );
}

/**
 * Where the script shows the recovery codes that come with a first passkey: once, in place of the
 * rest of the page (which still says how things were before the passkey).
 */
export function PasskeyCodesPanel({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <section id="passkey-codes" aria-labelledby="passkey-codes-title" hidden>
      <h2 id="passkey-codes-title" tabIndex={-1}>
        {t('security.codesTitle')}
      </h2>
      <p>{t('security.codesIntro')}</p>
      <ul class="recovery-codes" data-recovery-codes />
      <p>
        <a href="/account/security">{t('security.back')}</a>
      </p>
    </section>
  );
}
