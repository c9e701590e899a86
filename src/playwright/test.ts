// The Playwright front end: `test` with Okta fixtures. Tokens are held per worker and per role (one login
// per identity for the whole run, thanks to the engine's disk cache and lock); everything a test touches
// (bearer headers, a request context, the browser's storageState) is checked fresh before each test.
import {
  test as base,
  type APIRequestContext,
  type Fixtures,
  type PlaywrightTestArgs,
  type PlaywrightTestOptions,
  type PlaywrightWorkerArgs,
  type PlaywrightWorkerOptions,
  type TestType,
} from '@playwright/test';
import { loadConfig, type OktaConfig, type TokenRecord } from '../engine/index.js';
import { configDir } from './config-dir.js';
import { bearerRequest } from './bearer-request.js';
import { IdentityTokens } from './identity-tokens.js';
import { poolAccount } from './pool-account.js';
import { ensureStorageStateFile } from './storage-files.js';
import { mergedStorageStateFile, type UserStorageState } from './storage-merge.js';
import type { OktaStorageKind } from './storage-state.js';

/** okta-auth-js counts a token expired this early (its tokenManager's `expireEarlySeconds`, default 30) and
 * then tries a silent renew that a seeded SPA cannot do, and signs the user out: the spa kind's tokens need
 * this much life beyond the test's timeout. */
const OKTA_AUTH_JS_EARLY_EXPIRY_MS = 30_000;

export interface OktaOptions {
  /** The identity a test runs as; default: the configuration's default role. Set per project or per file. */
  oktaRole: string | undefined;
  /** What the browser context starts with: see the README's "Which storageState kind". Default 'none'. */
  oktaStorage: OktaStorageKind;
  /** Where the app under test starts its Okta login (for the server-session kind). */
  oktaAppLoginPath: string;
  /** Origins besides the app's (`baseURL`) that `oktaRequest` and `oktaAs().request` send the bearer
   * token to, e.g. `['https://api.example.com']`. Requests to any other origin go without it. */
  oktaTokenOrigins: string[];
}

/** What a test gets for one role. */
export interface OktaIdentity {
  role: string;
  tokens: TokenRecord;
  /** `{ Authorization: 'Bearer …' }` */
  headers: Record<string, string>;
  /** A request context for the app (`baseURL`) that sends the bearer header. */
  request: APIRequestContext;
}

export interface OktaTestFixtures extends OktaOptions {
  /** The current role's tokens, with enough life left for this test. */
  oktaTokens: TokenRecord;
  /** `{ Authorization: 'Bearer <access token>' }` for the current role. */
  bearerHeaders: Record<string, string>;
  /** Like `request`, with `baseURL` = the app and the current role's bearer header. */
  oktaRequest: APIRequestContext;
  /** Switch role inside one test: `const admin = await oktaAs('admin')`. */
  oktaAs: (role: string) => Promise<OktaIdentity>;
}

export interface OktaWorkerFixtures {
  oktaConfig: OktaConfig;
}

/** Ours alone: the worker's tokens per role. Kept out of the exported types (and so out of users' fixtures). */
interface OktaInternalWorkerFixtures {
  _oktaIdentities: IdentityTokens;
}

type BaseTestArgs = PlaywrightTestArgs & PlaywrightTestOptions;
type BaseWorkerArgs = PlaywrightWorkerArgs & PlaywrightWorkerOptions;

const fixtures: Fixtures<OktaTestFixtures, OktaWorkerFixtures & OktaInternalWorkerFixtures, BaseTestArgs, BaseWorkerArgs> = {
  oktaRole: [undefined, { option: true }],
  oktaStorage: ['none', { option: true }],
  oktaAppLoginPath: ['/login', { option: true }],
  oktaTokenOrigins: [[], { option: true }],

  oktaConfig: [async ({}, use, workerInfo) => use(loadConfig(undefined, { baseDir: configDir(workerInfo.config) })), { scope: 'worker', box: true }],

  _oktaIdentities: [
    async ({ oktaConfig }, use, workerInfo) => use(new IdentityTokens(oktaConfig, poolAccount(workerInfo.config, workerInfo.parallelIndex))),
    { scope: 'worker', box: true },
  ],

  oktaTokens: [
    async ({ _oktaIdentities, oktaRole }, use, testInfo) => {
      const role = oktaRole ?? _oktaIdentities.config.defaultRole;
      const tokens = await test.step(`okta: tokens for ${role}`, () => _oktaIdentities.get(role, testInfo.timeout), { box: true });
      await use(tokens);
    },
    { box: true },
  ],

  bearerHeaders: [async ({ oktaTokens }, use) => use(bearer(oktaTokens)), { box: true }],

  oktaRequest: [
    async ({ playwright, oktaTokens, baseURL, extraHTTPHeaders, oktaTokenOrigins }, use) => {
      const request = await bearerRequest(playwright, { baseURL, extraHTTPHeaders, tokenOrigins: oktaTokenOrigins, headers: bearer(oktaTokens) });
      await use(request);
      await request.dispose();
    },
    { box: true },
  ],

  oktaAs: [
    async ({ playwright, _oktaIdentities, baseURL, extraHTTPHeaders, oktaTokenOrigins }, use, testInfo) => {
      const contexts: APIRequestContext[] = [];
      await use(async (role) => {
        const tokens = await test.step(`okta: tokens for ${role}`, () => _oktaIdentities.get(role, testInfo.timeout), { box: true });
        const request = await bearerRequest(playwright, { baseURL, extraHTTPHeaders, tokenOrigins: oktaTokenOrigins, headers: bearer(tokens) });
        contexts.push(request);
        return { role, tokens, headers: bearer(tokens), request };
      });
      await Promise.all(contexts.map((context) => context.dispose()));
    },
    { box: true },
  ],

  storageState: async ({ storageState, oktaStorage, oktaAppLoginPath, baseURL, _oktaIdentities, oktaRole }, use, testInfo) => {
    if (oktaStorage === 'none') return use(storageState);
    const role = oktaRole ?? _oktaIdentities.config.defaultRole;
    const appBaseUrl = baseURL ?? _oktaIdentities.config.appBaseUrl;
    if (!appBaseUrl) {
      throw new Error('oktaStorage needs the app\'s URL. Recommended fix: set APP_BASE_URL or `use: { baseURL }`.');
    }
    const extraLife = oktaStorage === 'spa' ? OKTA_AUTH_JS_EARLY_EXPIRY_MS : 0;
    const file = await test.step(
      `okta: ${oktaStorage} storageState for ${role}`,
      async () => {
        const tokens = await _oktaIdentities.get(role, testInfo.timeout, extraLife);
        const options = { appBaseUrl, loginPath: oktaAppLoginPath };
        const ours = await ensureStorageStateFile(tokens, oktaStorage, options, _oktaIdentities.config.cacheDir, () => _oktaIdentities.relogin(role, tokens));
        // The project's own storageState, if it set one, is kept: merged with ours, ours winning.
        return storageState === undefined ? ours : mergedStorageStateFile(storageState as UserStorageState, ours);
      },
      { box: true },
    );
    await use(file);
  },
};

/**
 * The fixtures as a plain object, for a project that builds its own `test` in one `extend` call:
 * `base.extend<OktaTestFixtures & Mine, OktaWorkerFixtures>({ ...oktaFixtures, ...mine })`. Most projects
 * instead combine `test` below with their own through Playwright's `mergeTests`. (Typed with the public
 * fixtures only; the object also holds our internal one.)
 */
export const oktaFixtures = fixtures as unknown as Fixtures<OktaTestFixtures, OktaWorkerFixtures, BaseTestArgs, BaseWorkerArgs>;

export const test: TestType<BaseTestArgs & OktaTestFixtures, BaseWorkerArgs & OktaWorkerFixtures> = base.extend<
  OktaTestFixtures,
  OktaWorkerFixtures & OktaInternalWorkerFixtures
>(fixtures) as unknown as TestType<BaseTestArgs & OktaTestFixtures, BaseWorkerArgs & OktaWorkerFixtures>;

export { expect } from '@playwright/test';

function bearer(tokens: TokenRecord): Record<string, string> {
  return { Authorization: `${tokens.tokenType} ${tokens.accessToken}` };
}
