// The hosted sign-in pages, built like the DOM the Okta Sign-In Widget (Classic) renders, so UI sign-in
// tests written against a real org run here unchanged: the element ids (#okta-signin-username/-password/
// -submit), the `data-se` test hooks Okta's own sample test kits wait for (`form[data-se="o-form"]`,
// `[data-se="o-form-input-username"] input`, `[data-se="o-form-input-password"] input`,
// `[data-se="o-form-error-container"]`), `data-type="save"` on the submit button, and the TOTP step's
// `[data-se="o-form-input-answer"] input` (#okta-totp-code, #okta-verify-submit). Plain HTML forms: no
// script is needed to sign in. The recorded pages in okta-wire/ only hold the widget's loader (the widget
// draws its form in script), so this follows the widget's rendered markup.
import { escapeHtml, layout } from './html.js';

export function signInPage(options: { fromURI: string; username?: string; error?: string }): string {
  return layout(
    'Sign In',
    widgetForm({
      formId: 'form-signin',
      formClass: 'primary-auth-form',
      action: '/login/login.htm',
      title: 'Sign In',
      error: options.error,
      hidden: { fromURI: options.fromURI },
      fields: [
        field({ name: 'username', hook: 'username', id: 'okta-signin-username', label: 'Username', type: 'text', value: options.username ?? '', extra: 'autocomplete="username" autofocus' }),
        field({ name: 'password', hook: 'password', id: 'okta-signin-password', label: 'Password', type: 'password', value: '', extra: 'autocomplete="current-password"' }),
      ],
      submit: { id: 'okta-signin-submit', value: 'Sign In' },
    }),
  );
}

export function totpPage(options: { fromURI: string; stateToken: string; error?: string }): string {
  return layout(
    'Verify',
    widgetForm({
      formId: 'form-verify',
      formClass: 'mfa-verify-totp',
      action: '/login/verify',
      title: 'Google Authenticator',
      subtitle: 'Enter your Google Authenticator passcode',
      error: options.error,
      hidden: { fromURI: options.fromURI, stateToken: options.stateToken },
      fields: [field({ name: 'passCode', hook: 'answer', id: 'okta-totp-code', label: 'Enter Code', type: 'text', value: '', extra: 'inputmode="numeric" autocomplete="one-time-code" autofocus' })],
      submit: { id: 'okta-verify-submit', value: 'Verify' },
    }),
  );
}

export function signedInPage(name: string): string {
  return layout('Signed In', `<h2 class="okta-form-title">Signed in</h2><p id="signed-in-user">You are signed in as ${escapeHtml(name)}.</p>`);
}

interface FormOptions {
  formId: string;
  formClass: string;
  action: string;
  title: string;
  subtitle?: string;
  error: string | undefined;
  hidden: Record<string, string>;
  fields: string[];
  submit: { id: string; value: string };
}

function widgetForm(o: FormOptions): string {
  const hidden = Object.entries(o.hidden)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  const subtitle = o.subtitle ? `\n<p class="okta-form-subtitle o-form-explain" data-se="o-form-explain">${escapeHtml(o.subtitle)}</p>` : '';
  return `<div class="auth-content"><div class="auth-content-inner">
<form method="POST" action="${o.action}" id="${o.formId}" class="${o.formClass} o-form o-form-edit-mode" data-se="o-form">
<div class="o-form-content o-form-theme clearfix" data-se="o-form-content">
<h2 class="okta-form-title o-form-head" data-se="o-form-head">${escapeHtml(o.title)}</h2>${subtitle}
${errorContainer(o.error)}
${hidden}
<div class="o-form-fieldset-container" data-se="o-form-fieldset-container">
${o.fields.join('\n')}
</div>
</div>
<div class="o-form-button-bar">
<input class="button button-primary" type="submit" value="${escapeHtml(o.submit.value)}" id="${o.submit.id}" data-type="save">
</div>
</form>
</div></div>`;
}

function field(f: { name: string; hook: string; id: string; label: string; type: string; value: string; extra: string }): string {
  return `<div class="o-form-fieldset o-form-label-top" data-se="o-form-fieldset">
<div class="okta-form-label o-form-label" data-se="o-form-label"><label for="${f.id}">${escapeHtml(f.label)}</label></div>
<div class="o-form-input" data-se="o-form-input-container">
<span class="o-form-input-name-${f.hook} o-form-control okta-form-input-field input-fix" data-se="o-form-input-${f.hook}">
<input type="${f.type}" name="${f.name}" id="${f.id}" value="${escapeHtml(f.value)}" ${f.extra}>
</span>
</div>
</div>`;
}

// Like the widget: the container is always there, and holds an alert (with `o-form-has-errors`) after a failure.
function errorContainer(error: string | undefined): string {
  if (!error) return '<div class="o-form-error-container" data-se="o-form-error-container"></div>';
  return `<div class="o-form-error-container o-form-has-errors" data-se="o-form-error-container"><div><div class="okta-form-infobox-error infobox infobox-error" role="alert"><span class="icon error-16"></span><p>${escapeHtml(error)}</p></div></div></div>`;
}
