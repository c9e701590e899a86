// What the emulator handed out and who tried to sign in, for tests only (`audit()`, `GET /__emulator/audit`):
// a secrets scan needs the exact sessionTokens, codes and tokens a run was given (they are random, so no
// pattern finds them all), and a rate-limit test needs each authn attempt with its user and time. Bounded;
// emptied by reset(); never printed.
import type { EmulatorAudit, FlowRequest, IssuedKind } from '../types.js';

const MAX_ENTRIES = 10_000;

export class Audit {
  authn: EmulatorAudit['authn'] = [];
  issued: EmulatorAudit['issued'] = emptyIssued();
  idx: FlowRequest[] = [];
  direct: FlowRequest[] = [];

  /** One primary authentication attempt (username + password), before any check. */
  authnAttempt(login: string): EmulatorAudit['authn'][number] {
    const attempt = { at: Date.now(), login: login.toLowerCase(), rateLimited: false };
    if (this.authn.length < MAX_ENTRIES) this.authn.push(attempt);
    return attempt;
  }

  /** One Identity Engine request (IDX or Direct Authentication); `login` may be filled in once known. */
  flowRequest(flow: 'idx' | 'direct', request: string, login?: string): FlowRequest {
    const entry: FlowRequest = { at: Date.now(), request, rateLimited: false };
    if (login !== undefined) entry.login = login.toLowerCase();
    if (this[flow].length < MAX_ENTRIES) this[flow].push(entry);
    return entry;
  }

  /** A credential the emulator issued (or, for `codeVerifiers`, received). */
  record(kind: IssuedKind, value: string): void {
    const list = this.issued[kind];
    if (list.length < MAX_ENTRIES) list.push(value);
  }

  snapshot(): EmulatorAudit {
    const issued = emptyIssued();
    for (const kind of Object.keys(issued) as IssuedKind[]) issued[kind] = [...this.issued[kind]];
    return {
      authn: this.authn.map((attempt) => ({ ...attempt })),
      idx: this.idx.map((entry) => ({ ...entry })),
      direct: this.direct.map((entry) => ({ ...entry })),
      issued,
    };
  }

  clear(): void {
    this.authn = [];
    this.idx = [];
    this.direct = [];
    this.issued = emptyIssued();
  }
}

function emptyIssued(): EmulatorAudit['issued'] {
  return {
    sessionTokens: [],
    stateTokens: [],
    codes: [],
    codeVerifiers: [],
    accessTokens: [],
    idTokens: [],
    refreshTokens: [],
    interactionHandles: [],
    stateHandles: [],
    interactionCodes: [],
    mfaTokens: [],
  };
}
