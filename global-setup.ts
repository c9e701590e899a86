// Logs every configured identity in once before the workers start (see the README's Quick start).
export { default } from 'playwright-okta/global-setup';
