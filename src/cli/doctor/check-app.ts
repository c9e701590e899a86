// When APP_BASE_URL is set, the app accepts the access token: GET APP_BASE_URL + --app-path (default
// /api/me) with `Authorization: Bearer`. 2xx means accepted; 403 means accepted but not allowed on that
// path (still a valid token); 401 means the app does not trust the token (issuer, audience, client).
import { safeUrl } from '../../engine/diagnostics.js';
import { DEFAULT_TIMEOUT_MS } from '../../engine/diagnostics.js';
import type { DoctorContext } from './context.js';

export async function checkApp(ctx: DoctorContext, accessToken: string, label: string): Promise<void> {
  const { config, report } = ctx;
  const check = `${label} app`;
  if (!config.appBaseUrl) {
    report.skip(check, 'not checked: APP_BASE_URL is unset.');
    return;
  }
  const url = new URL(ctx.appPath, config.appBaseUrl.endsWith('/') ? config.appBaseUrl : `${config.appBaseUrl}/`).href;
  const shown = safeUrl(url);
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
      redirect: 'manual',
      signal: AbortSignal.timeout(config.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  } catch (error) {
    const reason = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    report.warn(check, `GET ${shown} failed (${reason}): the app did not answer. Fix: start the app, or unset APP_BASE_URL.`);
    return;
  }
  const status = response.status;
  const challenge = response.headers.get('www-authenticate') ?? '';
  await response.body?.cancel().catch(() => {});
  if (status >= 200 && status < 300) {
    report.ok(check, `GET ${shown} with the access token answered ${status}: the app accepts it.`);
  } else if (status === 403) {
    report.ok(check, `GET ${shown} answered 403: the app accepts the token but this identity may not use that path (a group or scope rule of the app's).`);
  } else if (status === 401) {
    const said = /error_description="([^"]*)"/.exec(challenge)?.[1];
    const iss = config.issuer;
    const aud = config.audience ? ` and audience ${config.audience}` : '';
    report.fail(check, `GET ${shown} with the access token answered 401${said ? ` ("${said}")` : ''}: the app does not accept the token. Fix: configure the app to trust issuer ${iss}${aud} (exactly as OKTA_ISSUER), or point OKTA_ISSUER / OKTA_AUDIENCE at what the app trusts.`);
  } else if (status === 404) {
    report.warn(check, `GET ${shown} answered 404: no such route. Fix: pass --app-path with a path of your API that needs a token.`);
  } else if (status >= 300 && status < 400) {
    report.warn(check, `GET ${shown} redirected (HTTP ${status}) to ${safeUrl(new URL(response.headers.get('location') ?? '/', url))}: a browser page that wants a session, not a bearer API. Fix: pass --app-path with a path of your API that takes bearer tokens.`);
  } else {
    report.warn(check, `GET ${shown} answered HTTP ${status}: neither accepted nor refused the token. Fix: pass --app-path with a path of your API that needs a token.`);
  }
}
