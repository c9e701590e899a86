// The README and .env.example are the contract users read: every error code the engine can throw has a
// row in the README's error table, and every variable the engine and the provisioning part read is
// listed in both. Read from the sources, so that a new code or variable without its documentation fails.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { repoRoot } from '../support/child-run.js';

const read = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');
const readme = read('README.md');
const envExample = read('.env.example');

/** Set by global setup for its workers, never by users. */
const INTERNAL = new Set(['OKTA_PROVISIONED_FILE', 'OKTA_RUN_PUBLISHED_KIDS']);

function sources(dir: string): string[] {
  return (readdirSync(path.join(repoRoot, dir), { recursive: true }) as string[])
    .filter((name) => name.endsWith('.ts'))
    .map((name) => read(path.join(dir, name)));
}

test('every error code of the engine has a row in the README\'s error table', () => {
  const union = /export type OktaErrorCode =([^;]+);/.exec(read('src/engine/errors.ts'))?.[1];
  const codes = [...(union ?? '').matchAll(/'(ERR_[A-Z_]+)'/g)].map((match) => match[1]!);
  expect(codes.length).toBeGreaterThan(20);
  const rows = new Set([...readme.matchAll(/^\| `(ERR_[A-Z_]+)` \|/gm)].map((match) => match[1]));
  expect(codes.filter((code) => !rows.has(code))).toEqual([]);
});

test('every variable the engine and provisioning read is in the README and in .env.example', () => {
  // The names the code reads: quoted ('OKTA_ISSUER', for get()) or as env.OKTA_….
  const named = new Set(
    [...sources('src/engine'), ...sources('src/provision')].flatMap((text) => [...text.matchAll(/(?:['"]|env\.)(OKTA_[A-Z_]+[A-Z])\b/g)].map((match) => match[1]!)),
  );
  const users = [...named].filter((name) => !INTERNAL.has(name));
  expect(users).toContain('OKTA_LOGIN_FLOW');
  expect(users).toContain('OKTA_API_TOKEN');
  expect(users.filter((name) => !readme.includes(`\`${name}\``) && !readme.includes(`${name} `) && !readme.includes(`\`${name}=`))).toEqual([]);
  expect(users.filter((name) => !new RegExp(`^#? ?${name}=`, 'm').test(envExample))).toEqual([]);
});
