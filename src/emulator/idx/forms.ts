// The pieces every IDX document is made of (IDX.md §1.2): forms (`rel`, `name`, `href`, `method`,
// `produces`, `value`, `accepts`) that always carry the hidden stateHandle field, and the authenticator
// objects that `relatesTo` paths point at.
import type { OrgAuthenticator, UserAuthenticator } from './authenticators.js';
import type { IdxMessage } from './messages.js';

export const ION_TYPE = 'application/ion+json; okta-version=1.0.0';
export const FORM_ACCEPTS = 'application/json; okta-version=1.0.0';

export type Field = Record<string, unknown>;

export interface Form {
  rel: string[];
  name: string;
  relatesTo?: string[];
  href: string;
  method: 'POST';
  produces: string;
  refresh?: number;
  value: Field[];
  accepts: string;
}

export function stateHandleField(stateHandle: string): Field {
  return { name: 'stateHandle', required: true, value: stateHandle, visible: false, mutable: false };
}

export function form(
  org: string,
  name: string,
  path: string,
  stateHandle: string,
  fields: Field[] = [],
  extra: { relatesTo?: string[]; refresh?: number } = {},
): Form {
  const built: Form = { rel: ['create-form'], name, href: `${org}${path}`, method: 'POST', produces: ION_TYPE, value: [...fields, stateHandleField(stateHandle)], accepts: FORM_ACCEPTS };
  if (extra.relatesTo) built.relatesTo = extra.relatesTo;
  if (extra.refresh !== undefined) built.refresh = extra.refresh;
  // Okta's key order: relatesTo after name, refresh after produces.
  return orderKeys(built as unknown as Record<string, unknown>, ['rel', 'name', 'relatesTo', 'href', 'method', 'produces', 'refresh', 'value', 'accepts']) as unknown as Form;
}

/** `credentials.passcode`, with field-level messages when the last answer was refused. */
export function passcodeField(label: string, options: { secret?: boolean; messages?: IdxMessage[] } = {}): Field {
  const passcode: Field = { name: 'passcode', label };
  if (options.secret) passcode.secret = true;
  if (options.messages?.length) passcode.messages = { type: 'array', value: options.messages };
  return { name: 'credentials', type: 'object', form: { value: [passcode] }, required: true };
}

/** The org's authenticator, as listed under `authenticators`. */
export function authenticatorObject(authenticator: OrgAuthenticator): Record<string, unknown> {
  return {
    type: authenticator.type,
    key: authenticator.key,
    id: authenticator.authenticatorId,
    displayName: authenticator.displayName,
    methods: [{ type: authenticator.methodType }],
  };
}

/** The user's enrollment, as listed under `authenticatorEnrollments` and `currentAuthenticatorEnrollment`. */
export function enrollmentObject(authenticator: UserAuthenticator): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  if (authenticator.profile) object.profile = authenticator.profile;
  return {
    ...object,
    type: authenticator.type,
    key: authenticator.key,
    id: authenticator.enrollmentId,
    authenticatorId: authenticator.authenticatorId,
    displayName: authenticator.displayName,
    methods: [{ type: authenticator.methodType }],
  };
}

export function messagesOf(messages: IdxMessage[]): { type: 'array'; value: IdxMessage[] } {
  return { type: 'array', value: messages };
}

function orderKeys(object: Record<string, unknown>, order: string[]): Record<string, unknown> {
  const ordered: Record<string, unknown> = {};
  for (const key of order) if (object[key] !== undefined) ordered[key] = object[key];
  return ordered;
}
