// The Identity Engine step-up page: what /authorize?sessionToken= answers (200, no redirect) when the app's
// authentication policy wants more than the session proved. Okta renders the Sign-In Widget here, asking
// for another authenticator; no capture of its HTML exists (IDX.md §4), so this page names the situation
// and what fixes it, and clients detect it as Okta's: a 200 HTML answer instead of a redirect to the app.
import { escapeHtml, layout } from './html.js';

export function stepUpPage(options: { appLabel: string; username: string }): string {
  return layout(
    'Verify it\u2019s you',
    `<h2 class="okta-form-title" data-se="o-form-head">Verify it\u2019s you with a security method</h2>
<p class="okta-form-subtitle" data-se="o-form-explain">${escapeHtml(options.appLabel)} requires an additional security method for ${escapeHtml(options.username)}.</p>
<div class="infobox-error" data-se="o-form-error-container" id="okta-step-up">The app\u2019s authentication policy requires more than the session proved. Sign in with the Interaction Code flow (IDX) to answer it.</div>`,
  );
}
