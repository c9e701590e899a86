// Reading an IDX document (what /idp/idx/* answers): its remediation forms, the authenticator a form or
// option relates to, its messages (top-level and field-level), and the interaction code when it is done.
// Shapes follow the samples in tests/emulator/okta-wire/idx (Okta's SDK fixtures); anything unexpected is
// skipped, never trusted: the caller decides what a document without a usable form means.

export interface IdxField {
  name: string;
  value?: unknown;
  mutable?: boolean;
  form?: { value?: IdxField[] };
  options?: IdxOption[];
  messages?: { value?: IdxMessage[] };
}

export interface IdxOption {
  label?: string;
  value?: { form?: { value?: IdxField[] } } | unknown;
  relatesTo?: string;
}

export interface IdxForm {
  name: string;
  href: string;
  method?: string;
  accepts?: string;
  relatesTo?: string[] | string;
  value?: IdxField[];
}

export interface IdxMessage {
  message?: string;
  i18n?: { key?: string; params?: unknown[] };
  class?: string;
}

export interface IdxDocument {
  version?: string;
  stateHandle?: string;
  remediation?: { value?: IdxForm[] };
  messages?: { value?: IdxMessage[] };
  successWithInteractionCode?: { value?: IdxField[] };
  user?: { value?: { id?: unknown } };
  [key: string]: unknown;
}

export interface Authenticator {
  key: string;
  type?: string;
  displayName?: string;
}

export function forms(doc: IdxDocument): IdxForm[] {
  const list = doc.remediation?.value;
  return Array.isArray(list) ? list.filter((f) => f && typeof f.name === 'string' && typeof f.href === 'string') : [];
}

export function findForm(doc: IdxDocument, name: string): IdxForm | undefined {
  return forms(doc).find((f) => f.name === name);
}

export function field(form: IdxForm | { value?: IdxField[] } | undefined, name: string): IdxField | undefined {
  return Array.isArray(form?.value) ? form.value.find((f) => f?.name === name) : undefined;
}

/** The interaction code of `successWithInteractionCode`, when the document has one. */
export function interactionCode(doc: IdxDocument): string | undefined {
  const value = field(doc.successWithInteractionCode, 'interaction_code')?.value;
  return typeof value === 'string' && value ? value : undefined;
}

/** The user id Okta names in the document (`user.value.id`), when it does. */
export function userId(doc: IdxDocument): string | undefined {
  const id = doc.user?.value?.id;
  return typeof id === 'string' && id ? id : undefined;
}

/** Every message of the document: top-level, then field-level (wrong passcodes come back on their field). */
export function messages(doc: IdxDocument): IdxMessage[] {
  const out: IdxMessage[] = [];
  const add = (list: unknown) => {
    if (Array.isArray(list)) for (const m of list) if (m && typeof m === 'object') out.push(m as IdxMessage);
  };
  add(doc.messages?.value);
  const walk = (fields: unknown, depth: number) => {
    if (!Array.isArray(fields) || depth > 4) return;
    for (const f of fields as IdxField[]) {
      add(f?.messages?.value);
      walk(f?.form?.value, depth + 1);
    }
  };
  for (const form of forms(doc)) walk(form.value, 0);
  return out;
}

/** Resolves a `relatesTo` JSONPath such as `$.authenticatorEnrollments.value[3]` or `$.currentAuthenticator`. */
export function resolve(doc: IdxDocument, path: unknown): unknown {
  if (typeof path !== 'string' || !path.startsWith('$.')) return undefined;
  let node: unknown = doc;
  for (const part of path.slice(2).split('.')) {
    const match = /^([A-Za-z0-9_]+)(?:\[(\d+)\])?$/.exec(part);
    if (!match || !node || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[match[1]!];
    if (match[2] !== undefined) node = Array.isArray(node) ? node[Number(match[2])] : undefined;
  }
  return node;
}

/** The authenticator a form or an option relates to (objects wrapped in `{type, value}` are unwrapped). */
export function relatedAuthenticator(doc: IdxDocument, relatesTo: unknown): Authenticator | undefined {
  const path = Array.isArray(relatesTo) ? relatesTo[0] : relatesTo;
  let node = resolve(doc, path) as Record<string, unknown> | undefined;
  if (node && typeof node === 'object' && 'value' in node && node.value && typeof node.value === 'object' && !Array.isArray(node.value)) {
    node = node.value as Record<string, unknown>;
  }
  if (!node || typeof node !== 'object') return undefined;
  // 2020-era captures (Okta's Java SDK fixtures) have no `key`; their password authenticator says its type.
  const key = typeof node.key === 'string' ? node.key : node.type === 'password' ? 'okta_password' : undefined;
  if (!key) return undefined;
  const found: Authenticator = { key };
  if (typeof node.type === 'string') found.type = node.type;
  if (typeof node.displayName === 'string') found.displayName = node.displayName;
  return found;
}

/** The fixed fields of a form (`mutable: false` with a value, e.g. stateHandle), as Okta expects them back. */
export function fixedValues(fields: IdxField[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields ?? []) if (f?.mutable === false && f.value !== undefined) out[f.name] = f.value;
  return out;
}
