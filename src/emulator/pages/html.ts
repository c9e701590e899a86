// HTML pages Okta renders: the 400 error page (no redirect possible), the form_post interstitial, and the
// layout the hosted sign-in pages share. Every interpolated value is escaped.

export const ORG_NAME = 'Okta Emulator';

/** Safe in text and in double-quoted attributes (every attribute here is double-quoted). */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`);
}

export function layout(title: string, body: string, head = ''): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex,nofollow">
<title>${escapeHtml(ORG_NAME)} - ${escapeHtml(title)}</title>
<style>
body{font-family:sans-serif;background:#f5f5f5;margin:0}
.auth-container{max-width:400px;margin:60px auto;background:#fff;border:1px solid #ddd;border-radius:3px;padding:30px}
label{display:block;margin-top:12px}input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:8px}
.button-primary{margin-top:20px;width:100%;padding:10px;background:#1662dd;color:#fff;border:0;border-radius:3px}
.infobox-error{background:#fdeaea;border:1px solid #e34843;padding:8px;margin-bottom:10px}
</style>
${head}
</head>
<body>
<div id="okta-sign-in" class="auth-container main-container">
${body}
</div>
</body>
</html>
`;
}

/** Okta's "BAD REQUEST" page, shown when the error cannot be redirected to the client. */
export function errorPage(errorCode: string, description: string): string {
  return layout(
    'Error',
    `<h1>400 Bad Request</h1>
<h2 class="o-form-title">BAD REQUEST</h2>
<p>Your request resulted in an error.</p>
<p class="error-idp">Identity Provider: Unknown</p>
<p class="error-code" id="error-code">Error Code: <span>${escapeHtml(errorCode)}</span></p>
<p class="error-description" id="error-description">Description: <span>${escapeHtml(description)}</span></p>
<a href="/" class="button">Go to Homepage</a>`,
  );
}

/** response_mode=form_post: one form of hidden inputs, posted to the redirect URI as soon as it loads. */
export function formPostPage(action: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}"/>`)
    .join('\n');
  return `<!DOCTYPE html>
<html>
<head>
<title>${escapeHtml(ORG_NAME)} - Signing in...</title>
<script>
window.onload = function(){
  document.forms['appForm'].submit();
}
</script>
</head>
<body id="app" class="enduser-app">
<div id="container">
<form id="appForm" method="post" name="oauthResponse" action="${escapeHtml(action)}">
${inputs}
</form>
</div>
<noscript><p>Javascript is disabled: press the button to continue.</p><button type="submit" form="appForm">Continue</button></noscript>
</body>
</html>
`;
}
