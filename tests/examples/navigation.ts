// Records every URL the page's main frame visits, so a test can prove it never saw the sign-in page.
import type { Page } from '@playwright/test';

export function recordNavigations(page: Page): string[] {
  const visited: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) visited.push(frame.url());
  });
  return visited;
}

export function signInPages(visited: string[]): string[] {
  return visited.filter((url) => new URL(url).pathname.startsWith('/login/login.htm') || url.includes('/v1/authorize'));
}
