// Passkey ceremonies of the customer area: sign in with a passkey, use one as the second factor,
// add one on the security page. The WebAuthn calls are @simplewebauthn/browser's (served from
// /static/vendor/, loaded before this file); the server does every check. Progressive
// enhancement: without JavaScript or WebAuthn the buttons stay hidden and a note says why.
// Messages come from data-* attributes written by the server in the page's language, and are set
// with textContent, never innerHTML.
(() => {
  const lib = window.SimpleWebAuthnBrowser;
  const supported = Boolean(lib?.browserSupportsWebAuthn?.());

  function csrfToken() {
    const meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : '';
  }

  async function post(url, body) {
    const response = await fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken() },
      body: JSON.stringify(body ?? {}),
    });
    const data = await response.json().catch(() => ({}));
    return { ok: response.ok, status: response.status, data };
  }

  function say(box, text) {
    if (!box) return;
    box.textContent = text;
    box.hidden = false;
    box.focus();
  }

  /** The refusal's own message (field errors first), else the page's generic one. */
  function problemText(data, fallback) {
    const first = Array.isArray(data?.errors) ? data.errors[0] : null;
    return first?.message || data?.title || fallback;
  }

  // The browser said no (cancelled, timed out, no authenticator): not an error worth a stack.
  function ceremonyFailed(error, box, messages) {
    const cancelled = error && (error.name === 'NotAllowedError' || error.name === 'AbortError');
    say(box, cancelled ? messages.cancelled : messages.failed);
  }

  function messagesOf(element) {
    return {
      failed: element.dataset.msgFailed || 'Error',
      cancelled: element.dataset.msgCancelled || element.dataset.msgFailed || 'Cancelled',
    };
  }

  for (const note of document.querySelectorAll('[data-passkey-unsupported]')) note.hidden = supported;
  for (const el of document.querySelectorAll('[data-passkey-needs-support]')) el.hidden = !supported;
  if (!supported) return;

  /** Sign-in without a password, and the second factor of a pending sign-in: the same ceremony. */
  for (const button of document.querySelectorAll('button[data-passkey-sign-in]')) {
    const box = document.getElementById(button.dataset.errorBox);
    const messages = messagesOf(button);
    const mfa = button.dataset.passkeySignIn === 'mfa';
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        const options = await post(mfa ? '/api/v1/auth/mfa/passkey-options' : '/api/v1/auth/passkey/options');
        if (!options.ok) return say(box, problemText(options.data, messages.failed));
        let response;
        try {
          response = await lib.startAuthentication({ optionsJSON: options.data.options });
        } catch (error) {
          return ceremonyFailed(error, box, messages);
        }
        const result = mfa
          ? await post('/api/v1/auth/mfa', { method: 'passkey', response })
          : await post('/api/v1/auth/passkey', { response });
        if (!result.ok) return say(box, problemText(result.data, messages.failed));
        window.location.assign(button.dataset.next || '/account');
      } finally {
        button.disabled = false;
      }
    });
  }

  /** The security page's "add a passkey" form: proof, then the browser's ceremony, then the server's check. */
  for (const form of document.querySelectorAll('form[data-passkey-register]')) {
    const box = document.getElementById(form.dataset.errorBox);
    const messages = messagesOf(form);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const submit = form.querySelector('button[type="submit"]');
      if (submit) submit.disabled = true;
      try {
        const password = form.elements.namedItem('currentPassword');
        const name = form.elements.namedItem('name');
        const options = await post('/api/v1/account/passkeys/options', {
          currentPassword: password?.value || undefined,
        });
        if (!options.ok) return say(box, problemText(options.data, messages.failed));
        let response;
        try {
          response = await lib.startRegistration({ optionsJSON: options.data.options });
        } catch (error) {
          return ceremonyFailed(error, box, messages);
        }
        const added = await post('/api/v1/account/passkeys', { name: name?.value || undefined, response });
        if (!added.ok) return say(box, problemText(added.data, messages.failed));
        const codes = added.data.recoveryCodes;
        const panel = document.getElementById(form.dataset.codesPanel);
        if (Array.isArray(codes) && panel) {
          // The first factor's recovery codes, shown this once: the page never had them.
          const list = panel.querySelector('[data-recovery-codes]');
          for (const code of codes) {
            const item = document.createElement('li');
            const text = document.createElement('code');
            text.textContent = code;
            item.append(text);
            list.append(item);
          }
          // The rest of the page still describes the account without this passkey: only the codes stay.
          for (const sibling of panel.parentElement.children) {
            if (sibling !== panel && sibling.tagName !== 'H1') sibling.hidden = true;
          }
          panel.hidden = false;
          panel.querySelector('h2')?.focus();
          return;
        }
        window.location.assign('/account/security?passkeyAdded=1');
      } finally {
        if (submit) submit.disabled = false;
      }
    });
  }
})();
