// The hosted sign-in pages, with the Okta sign-in widget's element ids so browser tests written against a
// real org also drive this one: #okta-signin-username/-password/-submit, then #okta-totp-code and
// #okta-verify-submit for the TOTP step.
import { escapeHtml, layout } from './html.js';

export function signInPage(options: { fromURI: string; username?: string; error?: string }): string {
  return layout(
    'Sign In',
    `<h2 class="okta-form-title o-form-head">Sign In</h2>
<form method="POST" action="/login/login.htm" id="form-signin" class="primary-auth-form o-form" data-se="o-form">
${errorBox(options.error)}
<input type="hidden" name="fromURI" value="${escapeHtml(options.fromURI)}">
<label for="okta-signin-username">Username</label>
<input type="text" name="username" id="okta-signin-username" autocomplete="username" value="${escapeHtml(options.username ?? '')}" autofocus>
<label for="okta-signin-password">Password</label>
<input type="password" name="password" id="okta-signin-password" autocomplete="current-password">
<input class="button button-primary" type="submit" value="Sign In" id="okta-signin-submit" data-type="save">
</form>`,
  );
}

export function totpPage(options: { fromURI: string; stateToken: string; error?: string }): string {
  return layout(
    'Verify',
    `<h2 class="okta-form-title o-form-head">Google Authenticator</h2>
<p class="okta-form-subtitle o-form-explain">Enter your Google Authenticator passcode</p>
<form method="POST" action="/login/verify" id="form-verify" class="mfa-verify-totp o-form" data-se="factor-totp">
${errorBox(options.error)}
<input type="hidden" name="fromURI" value="${escapeHtml(options.fromURI)}">
<input type="hidden" name="stateToken" value="${escapeHtml(options.stateToken)}">
<label for="okta-totp-code">Enter Code</label>
<input type="text" name="passCode" id="okta-totp-code" inputmode="numeric" autocomplete="one-time-code" autofocus>
<input class="button button-primary" type="submit" value="Verify" id="okta-verify-submit" data-type="save">
</form>`,
  );
}

export function signedInPage(name: string): string {
  return layout('Signed In', `<h2 class="okta-form-title">Signed in</h2><p id="signed-in-user">You are signed in as ${escapeHtml(name)}.</p>`);
}

function errorBox(error: string | undefined): string {
  if (!error) return '';
  return `<div class="o-form-error-container o-form-has-errors" data-se="o-form-error-container"><div class="okta-form-infobox-error infobox infobox-error" role="alert"><p>${escapeHtml(error)}</p></div></div>`;
}
