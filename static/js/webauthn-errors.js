// allauth's WebAuthn script only logs a failed or cancelled key request to the console;
// this shows the page's own message instead (templates/mfa/snippets/webauthn_scripts.html).
document.addEventListener('allauth.error', function (event) {
  const message = document.querySelector('[data-webauthn-error]')
  if (message) {
    event.preventDefault()
    message.hidden = false
    message.focus()
  }
})
