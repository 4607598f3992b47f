// Live password-policy feedback for every input[data-password-policy]. Progressive enhancement
// only: the server enforces the policy on submit. Loaded as a file because the CSP forbids inline
// scripts; messages are written with textContent, never innerHTML, so none can become markup.
(() => {
  const DELAY_MS = 300;
  const ENDPOINT = '/api/v1/password/policy-check';
  // Body members the endpoint compares with the password; any other related field counts as a name.
  const KNOWN_FIELDS = ['email', 'firstName', 'lastName', 'name'];

  function csrfToken() {
    const meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : '';
  }

  /** Values of the fields listed (by id) in data-policy-inputs, keyed as the endpoint expects. */
  function relatedValues(input) {
    const values = {};
    for (const id of (input.dataset.policyInputs || '').split(',')) {
      const field = id.trim() ? document.getElementById(id.trim()) : null;
      if (!field?.value) continue;
      const key = KNOWN_FIELDS.includes(field.name) ? field.name : 'name';
      // The endpoint caps these at 200 characters; a longer value would only earn a 422.
      values[key] = (values[key] ? `${values[key]} ${field.value}` : field.value).slice(0, 200);
    }
    return values;
  }

  function item(text, className) {
    const li = document.createElement('li');
    li.textContent = text;
    if (className) li.className = className;
    return li;
  }

  function render(input, result) {
    const list = document.getElementById(input.dataset.policyOutput || '');
    const meter = document.getElementById(input.dataset.policyMeter || '');
    if (meter) {
      // The meter, its visible label and the score in words appear together.
      const box = meter.closest('.password-strength');
      if (box) box.hidden = !result;
      const words = document.getElementById(`${meter.id}-words`);
      if (words) words.textContent = result ? result.strength : '';
      meter.value = result ? result.score : 0;
      meter.textContent = result ? result.strength : '';
      meter.setAttribute('aria-valuetext', result ? result.strength : '');
    }
    if (!list) return;
    if (!result) return list.replaceChildren();
    const items = result.reasons.map((reason) => item(reason.message));
    // The success message in the success colour, apart from the reasons still to fix.
    if (result.ok && result.summary) items.push(item(result.summary, 'password-feedback__ok'));
    list.replaceChildren(...items);
  }

  function watch(input) {
    let timer;
    let latest = 0;
    async function check(sequence) {
      try {
        const response = await fetch(ENDPOINT, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken() },
          body: JSON.stringify({ ...relatedValues(input), password: input.value }),
        });
        if (!response.ok) return;
        const result = await response.json();
        // A slow answer to an earlier keystroke must not overwrite a newer one.
        if (sequence === latest) render(input, result);
      } catch {
        // Offline or refused: the checklist on the page and the check on submit still apply.
      }
    }
    input.addEventListener('input', () => {
      clearTimeout(timer);
      const sequence = ++latest;
      if (!input.value) return render(input, null);
      timer = setTimeout(() => check(sequence), DELAY_MS);
    });
  }

  document.querySelectorAll('input[data-password-policy]').forEach(watch);
})();
