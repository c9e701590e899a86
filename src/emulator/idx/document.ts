// The IDX document for where a transaction stands (IDX.md §1): `version`, `stateHandle`, `expiresAt`,
// `intent`, the remediation forms of its step, the authenticator objects their `relatesTo` paths resolve
// to, `user`, `cancel`, `app`, and `successWithInteractionCode` once it is done. Messages go on top, or on
// the passcode field for a refused code, as the samples show.
import { ORG_SERVER_KEY, type EmulatorState } from '../state/emulator-state.js';
import type { Client, User } from '../state/seed.js';
import { authenticatorOf, orgAuthenticator, type UserAuthenticator } from './authenticators.js';
import { authenticatorObject, enrollmentObject, form, messagesOf, passcodeField, type Field, type Form } from './forms.js';
import type { IdxMessage } from './messages.js';
import { appPolicy, secondFactor } from './policy.js';
import type { IdxTransaction } from './store.js';
import { transactionExpiresAt } from './transactions.js';

export type IdxDocument = Record<string, unknown>;

export interface DocumentOptions {
  /** Top-level messages. */
  messages?: IdxMessage[];
  /** Messages on the passcode field of challenge-authenticator. */
  passcodeMessages?: IdxMessage[];
}

export function idxDocument(state: EmulatorState, tx: IdxTransaction, options: DocumentOptions = {}): IdxDocument {
  const org = state.orgUrl;
  const client = state.client(tx.interaction.clientId);
  const user = tx.userId ? state.userById(tx.userId) : undefined;
  const doc: IdxDocument = {
    version: '1.0.0',
    stateHandle: tx.stateHandle,
    expiresAt: new Date(transactionExpiresAt(state, tx)).toISOString(),
    intent: 'LOGIN',
  };
  // A transaction past identify whose user is gone (deleted through the Management API) starts over.
  const step = user ? tx : { ...tx, step: { name: 'identify' } as const };
  const parts = stepParts(state, step, user, options);
  if (parts.remediation) doc.remediation = { type: 'array', value: parts.remediation };
  if (options.messages?.length) doc.messages = messagesOf(options.messages);
  Object.assign(doc, parts.objects);
  if (user) doc.user = { type: 'object', value: { id: user.id, identifier: user.login } };
  doc.cancel = form(org, 'cancel', '/idp/idx/cancel', tx.stateHandle);
  doc.app = { type: 'object', value: { name: 'oidc_client', label: client?.clientId ?? tx.interaction.clientId, id: tx.interaction.clientId } };
  if (tx.step.name === 'success' && client) doc.successWithInteractionCode = successForm(state, tx, client, tx.step.code);
  return doc;
}

/** An error answer that ends the transaction (or names none): no remediation, AJS calls it TERMINAL. */
export function idxTerminal(state: EmulatorState, tx: IdxTransaction | undefined, messages: IdxMessage[]): IdxDocument {
  const doc: IdxDocument = { version: '1.0.0' };
  if (tx) Object.assign(doc, { stateHandle: tx.stateHandle, expiresAt: new Date(transactionExpiresAt(state, tx)).toISOString(), intent: 'LOGIN' });
  doc.messages = messagesOf(messages);
  return doc;
}

interface StepParts {
  remediation?: Form[];
  objects: Record<string, unknown>;
}

function stepParts(state: EmulatorState, tx: IdxTransaction, user: User | undefined, options: DocumentOptions): StepParts {
  const org = state.orgUrl;
  const handle = tx.stateHandle;
  const step = tx.step;
  switch (step.name) {
    case 'identify':
      return identifyParts(state, tx);
    case 'challenge': {
      const authenticator = authenticatorOf(user!, step.authenticator);
      const objects = {
        currentAuthenticatorEnrollment: { type: 'object', value: { ...enrollmentLinks(org, handle, authenticator), ...enrollmentObject(authenticator) } },
        authenticators: { type: 'array', value: [authenticatorObject(authenticator)] },
        authenticatorEnrollments: { type: 'array', value: [enrollmentObject(authenticator)] },
      };
      if (step.authenticator === 'okta_verify') {
        // The emulated phone never answers: the client can only poll, or choose another authenticator.
        const poll = form(org, 'challenge-poll', '/idp/idx/authenticators/poll', handle, [], { relatesTo: ['$.currentAuthenticatorEnrollment'], refresh: 4000 });
        return { remediation: [poll], objects };
      }
      const label = step.authenticator === 'okta_password' ? 'Password' : 'Enter code';
      const passcode = passcodeField(label, { secret: step.authenticator === 'okta_password', messages: options.passcodeMessages });
      const challenge = form(org, 'challenge-authenticator', '/idp/idx/challenge/answer', handle, [passcode], { relatesTo: ['$.currentAuthenticatorEnrollment'] });
      return { remediation: [challenge], objects };
    }
    case 'select': {
      const needed = secondFactor(appPolicy(state, tx.interaction.clientId), user!);
      const keys = needed.kind === 'choose' ? needed.keys.filter((key) => !tx.verified.includes(key)) : [];
      return selectParts(org, handle, keys.map((key) => authenticatorOf(user!, key)));
    }
    case 'enroll': {
      const google = authenticatorOf(user!, 'google_otp');
      const option = { label: google.displayName, value: { form: { value: [idField(google)] } }, relatesTo: '$.authenticators.value[0]' };
      const select = form(org, 'select-authenticator-enroll', '/idp/idx/credential/enroll', handle, [{ name: 'authenticator', type: 'object', options: [option] }]);
      return { remediation: [select], objects: { authenticators: { type: 'array', value: [authenticatorObject(google)] } } };
    }
    case 'reenroll': {
      const password = authenticatorOf(user!, 'okta_password');
      const reenroll = form(org, 'reenroll-authenticator', '/idp/idx/challenge/answer', handle, [passcodeField('New password', { secret: true })], {
        relatesTo: ['$.currentAuthenticator'],
      });
      return {
        remediation: [reenroll],
        objects: {
          currentAuthenticator: { type: 'object', value: authenticatorObject(password) },
          authenticators: { type: 'array', value: [authenticatorObject(password)] },
          authenticatorEnrollments: { type: 'array', value: [enrollmentObject(password)] },
        },
      };
    }
    case 'success':
      return { objects: {} };
  }
}

/** The first form: identifier first, or with the password too ("password first" global session policy). */
function identifyParts(state: EmulatorState, tx: IdxTransaction): StepParts {
  const org = state.orgUrl;
  const withPassword = state.scenario.idxPasswordOnIdentify;
  const fields: Field[] = [{ name: 'identifier', label: 'Username' }];
  if (withPassword) fields.push(passcodeField('Password', { secret: true }));
  fields.push({ name: 'rememberMe', type: 'boolean', label: 'Remember this device' });
  const identify = form(org, 'identify', '/idp/idx/identify', tx.stateHandle, fields);
  const objects: Record<string, unknown> = {};
  if (withPassword) {
    objects.currentAuthenticator = {
      type: 'object',
      value: { recover: form(org, 'recover', '/idp/idx/recover', tx.stateHandle), ...passwordAuthenticator() },
    };
  }
  return { remediation: [identify], objects };
}

function selectParts(org: string, handle: string, choices: UserAuthenticator[]): StepParts {
  const options = choices.map((authenticator, index) => ({
    label: authenticator.displayName,
    value: { form: { value: [idField(authenticator), { name: 'methodType', required: false, value: authenticator.methodType, mutable: false }] } },
    relatesTo: `$.authenticatorEnrollments.value[${index}]`,
  }));
  const select = form(org, 'select-authenticator-authenticate', '/idp/idx/challenge', handle, [{ name: 'authenticator', type: 'object', options }]);
  return {
    remediation: [select],
    objects: {
      authenticators: { type: 'array', value: choices.map(authenticatorObject) },
      authenticatorEnrollments: { type: 'array', value: choices.map(enrollmentObject) },
    },
  };
}

function idField(authenticator: UserAuthenticator): Field {
  return { name: 'id', required: true, value: authenticator.authenticatorId, mutable: false };
}

/** The links an enrollment offers while it is being challenged: recover (password), resend and poll (email). */
function enrollmentLinks(org: string, handle: string, authenticator: UserAuthenticator): Record<string, unknown> {
  if (authenticator.key === 'okta_password') return { recover: form(org, 'recover', '/idp/idx/recover', handle) };
  if (authenticator.key === 'okta_email') {
    return {
      resend: form(org, 'resend', '/idp/idx/challenge/resend', handle),
      poll: form(org, 'poll', '/idp/idx/challenge/poll', handle, [], { refresh: 4000 }),
    };
  }
  return {};
}

/** The password authenticator before a user is known (the org's, not an enrollment). */
function passwordAuthenticator(): Record<string, unknown> {
  return authenticatorObject(orgAuthenticator('okta_password'));
}

/** Not a remediation: the form the client posts (its own way) to the token endpoint. */
function successForm(state: EmulatorState, tx: IdxTransaction, client: Client, code: string): Record<string, unknown> {
  const server = state.server(tx.interaction.serverId === ORG_SERVER_KEY ? null : tx.interaction.serverId);
  const value: Field[] = [
    { name: 'grant_type', required: true, value: 'interaction_code' },
    { name: 'interaction_code', required: true, value: code },
    { name: 'client_id', required: true, value: client.clientId },
  ];
  if (client.tokenEndpointAuthMethod !== 'none') value.push({ name: 'client_secret', required: true });
  value.push({ name: 'code_verifier', required: true });
  return { rel: ['create-form'], name: 'issue', href: `${server?.endpointBase ?? ''}/token`, method: 'POST', value, accepts: 'application/x-www-form-urlencoded' };
}

