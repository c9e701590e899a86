// acquireTokens: the cache algorithm. Read the cache; if the tokens have life left, done. Otherwise take
// the per-identity lock, read the cache again (another process may just have logged in), and only then
// refresh or log in — so N parallel workers cost Okta one login. Results are written before the lock is
// released, which is also what keeps a rotated refresh token from being used twice.
import { performance } from 'node:perf_hooks';
import {
  checkCacheDir,
  forgetFailure,
  hasLife,
  lastTotpStep,
  lifetimeSeconds,
  readRecord,
  recalledFailure,
  rememberFailure,
  resolveIdentity,
  saveTotpStep,
  shouldRemember,
  writeRecord,
} from './cache.js';
import { OktaError, isOktaError } from './errors.js';
import { removeFile } from './files.js';
import { unpublishedKid } from './key-check.js';
import type { FlowContext } from './login.js';
import { DEFAULT_RETRY, withRetries } from './retry.js';
import type { Acquisition, AcquireOptions, OktaConfig, TokenRecord } from './types.js';

export async function acquireTokens(config: OktaConfig, role: string, options: AcquireOptions = {}): Promise<Acquisition> {
  const started = performance.now();
  const warn = options.warn ?? ((message: string) => console.warn(message));
  const minTtl = options.minTtlSeconds ?? 60;
  const { identity, account, entry } = resolveIdentity(config, role, options.account ?? 0);
  const ctx: FlowContext = { config, identity, account, entry, warn };
  const done = (tokens: TokenRecord, source: Acquisition['source']): Acquisition => ({ tokens, source, ms: Math.round(performance.now() - started) });

  // Lock-free fast path: files are replaced atomically, so a read is never torn. A corrupt file is left for
  // the locked path to report and remove.
  let seen: TokenRecord | undefined;
  if (!options.fresh) {
    seen = await readRecord(entry, () => {}, { discard: false, identity: ctx });
    if (seen && hasLife(seen, minTtl) && !(await unpublishedKid(config, seen, warn))) return done(seen, 'cache');
  }

  // Tokens signed with a key the issuer no longer publishes would only be refused by the app: discarded,
  // and replaced by a login (a refresh token from those days is as dead as they are). Asked only of tokens
  // about to be served as they are: a refresh or a login validates what it gets anyway.
  const stillPublished = async (record: TokenRecord): Promise<boolean> => {
    const kid = await unpublishedKid(config, record, warn);
    if (!kid) return true;
    warn(`okta: the cached tokens for role '${role}' are signed with a key (kid ${kid}) that ${config.issuer} no longer publishes (its keys changed, e.g. an emulator restarted without its state); logging in again.`);
    await removeFile(entry.file).catch(() => {});
    return false;
  };

  // The lock (proper-lockfile) and the flows (openid-client, undici, otpauth) load on first need: a worker
  // served from the cache never pays for them (bench/per-run.ts measures what that saves).
  const [{ withFileLock }, { loginService, loginUser, refreshUser }] = await Promise.all([import('./lock.js'), import('./login.js')]);
  const locked = withFileLock(entry.file, async (hold) => {
    await checkCacheDir(config.cacheDir, warn);
    let cached = await readRecord(entry, warn, { discard: true, identity: ctx });
    if (!options.fresh && cached && hasLife(cached, minTtl)) {
      if (await stillPublished(cached)) return done(cached, 'cache');
      cached = undefined;
    }
    // Tokens that live shorter than minTtl (a short access-token policy) can never satisfy it: without this,
    // N processes waiting on the lock would each refresh (or log in) again in turn, N requests for one
    // need. Tokens another process obtained while we waited are as fresh as ours would be: take them.
    if (!options.fresh && cached && cached.accessToken !== seen?.accessToken && hasLife(cached, Math.min(minTtl, lifetimeSeconds(cached) / 2))) {
      return done(cached, 'cache');
    }

    const remembered = await recalledFailure(entry, account, warn);
    if (remembered) throw remembered;
    const policy = { ...DEFAULT_RETRY, warn };

    if (cached?.refreshToken && !options.fresh && identity.kind === 'user') {
      try {
        // A holder that lost the lock must not spend the refresh token (with rotation, once only) nor
        // write over what the new holder writes.
        await hold.assertHeld('the refresh');
        const record = await withRetries(() => refreshUser(ctx, cached), policy);
        await hold.assertHeld('writing the refreshed tokens');
        await writeRecord(entry, record);
        return done(record, 'refresh');
      } catch (error) {
        if (!(error instanceof OktaError) || error.code !== 'ERR_TOKEN') throw error;
        warn(`okta: the cached refresh token for role '${role}' was refused (${error.oauthError ?? 'error'}); logging in again.`);
      }
    }

    const totp = { lastStep: account?.totpSecret ? await lastTotpStep(entry, warn) : undefined };
    const spent = totp.lastStep;
    try {
      await hold.assertHeld('the login');
      const record = identity.kind === 'service'
        ? await withRetries(() => loginService(ctx), policy)
        : await withRetries(() => loginUser(ctx, totp), policy);
      await hold.assertHeld('writing the tokens');
      await writeRecord(entry, record);
      await forgetFailure(entry);
      return done(record, 'login');
    } catch (error) {
      // The failure is remembered for this process and the run's others; when it cannot be written down,
      // the error thrown says so (rememberFailure).
      if (shouldRemember(error)) throw await rememberFailure(entry, account, error);
      throw error;
    } finally {
      if (totp.lastStep !== undefined && totp.lastStep !== spent) await saveTotpStep(entry, totp.lastStep);
    }
  }, config.lockTimeoutMs);
  return locked;
}
