// Sending an authorization response (or a redirected error) to the client by its response mode.
import type { Ctx } from '../http/context.js';
import { redirect, sendHtml } from '../http/respond.js';
import { escapeHtml, formPostPage } from '../pages/html.js';
import type { ResponseMode } from './authorize-request.js';

export function deliverToClient(ctx: Ctx, redirectUri: string, mode: ResponseMode, params: Record<string, string | undefined>): void {
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) if (value !== undefined) fields[name] = value;
  if (fields.state !== undefined && ctx.state.scenario.tamper === 'state') fields.state = `${fields.state}-tampered`;

  switch (mode) {
    case 'form_post':
      return sendHtml(ctx, 200, formPostPage(redirectUri, fields));
    case 'okta_post_message':
      return sendHtml(ctx, 200, postMessagePage(redirectUri, fields));
    case 'fragment': {
      const url = new URL(redirectUri);
      url.hash = new URLSearchParams(fields).toString();
      return redirect(ctx, url.toString());
    }
    case 'query': {
      const url = new URL(redirectUri);
      for (const [name, value] of Object.entries(fields)) url.searchParams.append(name, value);
      return redirect(ctx, url.toString());
    }
  }
}

/** okta_post_message: the page (loaded in an iframe by okta-auth-js) posts the result to its parent. */
function postMessagePage(redirectUri: string, fields: Record<string, string>): string {
  const origin = new URL(redirectUri).origin;
  const data = JSON.stringify(fields).replace(/</g, '\\u003c');
  return `<!DOCTYPE html><html><head><title>${escapeHtml('Okta Emulator')}</title></head><body><script>
window.parent.postMessage(${data}, ${JSON.stringify(origin).replace(/</g, '\\u003c')});
</script></body></html>`;
}
