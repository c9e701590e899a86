// The parts and their one-way dependencies (DESIGN.md), read from the sources' import statements: a
// newcomer can trust the folder list, and a bug cannot hide in both the engine and the emulator.
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { repoRoot } from '../support/child-run.js';

const SRC = path.join(repoRoot, 'src');
const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
};

interface Import {
  from: string;
  /** A file under src/ (relative imports), or a package name. */
  target: string;
  relative: boolean;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s+'([^']+)'|\bimport\(\s*'([^']+)'\s*\)|(?:^|\n)\s*import\s+'([^']+)'/g)]
    .map((match) => match[1] ?? match[2] ?? match[3]!);
  return specifiers.map((specifier) => {
    if (!specifier.startsWith('.')) {
      const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;
      return { from: file, target: name, relative: false };
    }
    return { from: file, target: path.resolve(path.dirname(file), specifier).replace(/\.js$/, '.ts'), relative: true };
  });
}

const files = sourceFiles(SRC);
const imports = files.flatMap(importsOf);
const part = (file: string) => path.relative(SRC, file).split(path.sep)[0]!;
const rel = (file: string) => path.relative(SRC, file);
const isBuiltin = (name: string) => name.startsWith('node:') || builtinModules.includes(name);

test('the sources were found (the checks below are not vacuous)', () => {
  expect(files.length).toBeGreaterThan(80);
  expect(imports.filter((i) => i.relative).length).toBeGreaterThan(200);
});

test('the engine imports no test framework and no other part; the emulator imports no other part', () => {
  const crossings = imports.filter((i) => {
    const from = part(i.from);
    if (from !== 'engine' && from !== 'emulator') return false;
    if (!i.relative) return i.target === '@playwright/test' || i.target === 'jest' || i.target === '@jest/globals';
    return part(i.target) !== from;
  });
  expect(crossings.map((i) => `${rel(i.from)} → ${i.relative ? rel(i.target) : i.target}`)).toEqual([]);
});

test('the CLI reaches the engine only through its public entries (index and diagnostics), and provisioning through its index', () => {
  const deep = imports.filter((i) => part(i.from) === 'cli' && i.relative && part(i.target) !== 'cli'
    && !['engine/index.ts', 'engine/diagnostics.ts', 'provision/index.ts'].includes(rel(i.target)));
  expect(deep.map((i) => `${rel(i.from)} → ${rel(i.target)}`)).toEqual([]);
});

test('the Playwright front end reaches the engine and provisioning only through their indexes', () => {
  const deep = imports.filter((i) => part(i.from) === 'playwright' && i.relative && part(i.target) !== 'playwright'
    && !['engine/index.ts', 'provision/index.ts'].includes(rel(i.target)));
  expect(deep.map((i) => `${rel(i.from)} → ${rel(i.target)}`)).toEqual([]);
});

test('provisioning reaches only the engine\'s index, and only the CLI and the Playwright front end use it', () => {
  const provision = files.filter((file) => part(file) === 'provision');
  expect(provision.length).toBeGreaterThan(5);
  const out = imports.filter((i) => part(i.from) === 'provision' && i.relative && part(i.target) !== 'provision' && rel(i.target) !== 'engine/index.ts');
  expect(out.map((i) => `${rel(i.from)} → ${rel(i.target)}`)).toEqual([]);
  const users = imports.filter((i) => i.relative && part(i.target) === 'provision' && !['provision', 'cli', 'playwright'].includes(part(i.from)));
  expect(users.map((i) => `${rel(i.from)} → ${rel(i.target)}`)).toEqual([]);
  expect(imports.some((i) => part(i.from) === 'playwright' && part(i.target) === 'provision')).toBe(true);
  expect(imports.some((i) => part(i.from) === 'cli' && part(i.target) === 'provision')).toBe(true);
});

test('every package the library imports is a dependency or the peer dependency', () => {
  const declared = new Set([...Object.keys(pkg.dependencies), ...Object.keys(pkg.peerDependencies)]);
  const undeclared = imports.filter((i) => !i.relative && !isBuiltin(i.target) && !declared.has(i.target));
  expect(undeclared.map((i) => `${rel(i.from)} → ${i.target}`)).toEqual([]);
  const unused = [...Object.keys(pkg.dependencies)].filter((name) => !imports.some((i) => i.target === name));
  expect(unused, 'dependencies nothing in src/ imports belong in devDependencies').toEqual([]);
});

test('the Jest face (CommonJS) loads no ES-module-only package, so Jest needs no flag', () => {
  const esmOnly = ['jose', 'openid-client', '@playwright/test'];
  const seen = new Set<string>();
  const reached: string[] = [];
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const i of importsOf(file)) {
      if (i.relative) visit(i.target);
      else if (esmOnly.includes(i.target)) reached.push(`${rel(file)} → ${i.target}`);
    }
  };
  visit(path.join(SRC, 'jest', 'index.ts'));
  expect(seen.size).toBeGreaterThan(3);
  expect(reached).toEqual([]);
});
