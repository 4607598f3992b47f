// « Afficher le mot de passe » for every password input that has a toggle button beside it.
// Progressive enhancement: the buttons are rendered hidden and shown only here, so a page without
// JavaScript has none. The field goes back to hidden before its form is sent, so that a browser
// offering to save or autofill still sees a password field.
(() => {
  for (const button of document.querySelectorAll('button[data-password-toggle]')) {
    const input = document.getElementById(button.getAttribute('aria-controls') || '');
    if (!input) continue;
    const set = (shown) => {
      input.type = shown ? 'text' : 'password';
      button.textContent = shown ? button.dataset.labelHide : button.dataset.labelShow;
    };
    button.addEventListener('click', () => set(input.type === 'password'));
    input.form?.addEventListener('submit', () => set(false));
    set(false);
    button.hidden = false;
  }
})();
