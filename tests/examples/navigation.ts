// Records every URL the page's main frame asks for, redirect hops included (a 302 chain is one navigation
// but several requests), so a test can prove it never saw the sign-in page, or that it bounced via Okta.
import type { Page } from '@playwright/test';

export function recordNavigations(page: Page): string[] {
  const visited: string[] = [];
  page.on('request', (request) => {
    if (request.isNavigationRequest() && request.frame() === page.mainFrame()) visited.push(request.url());
  });
  return visited;
}

/** The Okta sign-in page, or an /authorize call (which a signed-in app has no reason to make). */
export function signInPages(visited: string[]): string[] {
  return visited.filter((url) => new URL(url).pathname.startsWith('/login/login.htm') || url.includes('/v1/authorize'));
}
