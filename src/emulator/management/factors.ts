// The Factors API for `token:software:totp` (provider GOOGLE): enrol → PENDING_ACTIVATION with the shared
// secret, activate with a passcode (five attempts within five minutes), list, get and unenrol. An active
// factor is the user's `totpSecret`, so /api/v1/authn and IDX then ask for it, as for a seeded MFA user.
import { randomBytes } from 'node:crypto';
import type { Ctx } from '../http/context.js';
import { readJsonObject, stringField } from '../http/body.js';
import { sendEmpty, sendJson } from '../http/respond.js';
import { totpStep } from '../authn/totp.js';
import { totpFactorId, type DirectoryUser, type TotpEnrolment } from '../state/directory.js';
import { setRateLimitHeaders } from '../middleware/common-headers.js';
import { factorBody } from './bodies.js';
import { sendManagementError, sendNotFound, sendValidationError } from './errors.js';
import { admitted } from './guard.js';

const ATTEMPTS = 5;
const ATTEMPT_WINDOW_MS = 5 * 60_000;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** 16 base32 characters (80 bits), like the secrets Okta hands out. */
function newSecret(): string {
  return [...randomBytes(16)].map((byte) => BASE32[byte % 32]).join('');
}

function pathUser(ctx: Ctx): DirectoryUser | undefined {
  const user = ctx.state.userById(ctx.params.userId!) ?? ctx.state.userByLogin(ctx.params.userId!);
  if (!user) sendNotFound(ctx, ctx.params.userId!, 'User');
  return user;
}

function pathFactor(ctx: Ctx, user: DirectoryUser): TotpEnrolment | undefined {
  const enrolment = ctx.state.store.directory.enrolment(user.id);
  if (!enrolment || enrolment.id !== ctx.params.factorId) {
    sendNotFound(ctx, ctx.params.factorId!, 'UserFactor');
    return undefined;
  }
  return enrolment;
}

export async function enrollFactor(ctx: Ctx): Promise<void> {
  if (!(await admitted(ctx, 'users', 'okta.users.manage'))) return;
  const user = pathUser(ctx);
  if (!user) return;
  const body = await readJsonObject(ctx);
  if (!body) return sendManagementError(ctx, 'E0000003');
  if (stringField(body, 'factorType') !== 'token:software:totp' || (stringField(body, 'provider') ?? 'GOOGLE') !== 'GOOGLE') {
    return sendValidationError(ctx, 'factorEnrollRequest', 'The emulator enrols token:software:totp factors of provider GOOGLE only.');
  }
  const directory = ctx.state.store.directory;
  const existing = directory.enrolment(user.id);
  if (existing?.status === 'ACTIVE') return sendValidationError(ctx, 'factorEnrollRequest', 'There is an existing verified factor.');
  const now = new Date().toISOString();
  // Enrolling again before activation replaces the pending secret, as a new QR code would.
  const enrolment: TotpEnrolment = { id: totpFactorId(user.id), userId: user.id, secret: newSecret(), status: 'PENDING_ACTIVATION', created: now, lastUpdated: now, attempts: [] };
  directory.putEnrolment(enrolment);
  sendJson(ctx, 200, factorBody(ctx.state, user, enrolment, true));
}

export async function activateFactor(ctx: Ctx): Promise<void> {
  if (!(await admitted(ctx, 'users', 'okta.users.manage'))) return;
  const user = pathUser(ctx);
  if (!user) return;
  const enrolment = pathFactor(ctx, user);
  if (!enrolment) return;
  const body = await readJsonObject(ctx);
  const passCode = stringField(body, 'passCode');
  if (!passCode) return sendValidationError(ctx, 'passCode', 'The field cannot be left blank');
  if (enrolment.status === 'ACTIVE') return sendManagementError(ctx, 'E0000038');

  const now = Date.now();
  enrolment.attempts = enrolment.attempts.filter((at) => at > now - ATTEMPT_WINDOW_MS);
  if (enrolment.attempts.length >= ATTEMPTS) {
    // Okta: "five activation attempts within five minutes", then an error until the window moves on.
    setRateLimitHeaders(ctx, ATTEMPTS, 0, enrolment.attempts[0]! + ATTEMPT_WINDOW_MS);
    return sendManagementError(ctx, 'E0000047');
  }
  enrolment.attempts.push(now);
  const step = totpStep(enrolment.secret, passCode, now);
  if (step === undefined) {
    return sendManagementError(ctx, 'E0000068', { causes: ["Your passcode doesn't match our records. Please try again."] });
  }
  enrolment.status = 'ACTIVE';
  enrolment.lastUpdated = new Date(now).toISOString();
  enrolment.attempts = [];
  user.totpSecret = enrolment.secret;
  // The code that activated the factor is spent: the next sign-in needs the next time step's code.
  ctx.state.store.usedTotpSteps.set(user.id, step);
  sendJson(ctx, 200, factorBody(ctx.state, user, enrolment, false));
}

export async function listFactors(ctx: Ctx): Promise<void> {
  if (!(await admitted(ctx, 'users', 'okta.users.read'))) return;
  const user = pathUser(ctx);
  if (!user) return;
  const enrolment = ctx.state.store.directory.enrolment(user.id);
  sendJson(ctx, 200, enrolment ? [factorBody(ctx.state, user, enrolment, true)] : []);
}

export async function getFactor(ctx: Ctx): Promise<void> {
  if (!(await admitted(ctx, 'users', 'okta.users.read'))) return;
  const user = pathUser(ctx);
  const enrolment = user && pathFactor(ctx, user);
  if (user && enrolment) sendJson(ctx, 200, factorBody(ctx.state, user, enrolment, true));
}

export async function unenrollFactor(ctx: Ctx): Promise<void> {
  if (!(await admitted(ctx, 'users', 'okta.users.manage'))) return;
  const user = pathUser(ctx);
  const enrolment = user && pathFactor(ctx, user);
  if (!user || !enrolment) return;
  ctx.state.store.directory.deleteEnrolment(user.id);
  delete user.totpSecret;
  sendEmpty(ctx, 204);
}
