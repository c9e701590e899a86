// The README's Quick start, read as a user reads it: the install line, every code block that names a file
// (```ts title="playwright.config.ts"```), and the line `npx okta-emulator` prints. The package spec
// builds its throwaway projects from exactly these, so a Quick start that would break users breaks it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../support/child-run.js';

export interface QuickStart {
  /** The packages of its `npm i -D …` line, in order. */
  packages: string[];
  /** File name → content, for every block with a `title`. */
  files: Record<string, string>;
  /** The emulator's start-up line as the README quotes it. */
  emulatorLine: string;
}

/**
 * The code blocks of the README's `<!-- name:start -->` … `<!-- name:end -->` section, as a user copies
 * them: without the fences and without the indent of a list item they may sit in.
 */
function sectionBlocks(name: string): Array<{ info: string; body: string }> {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const section = new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)<!-- ${name}:end -->`).exec(readme)?.[1];
  if (!section) throw new Error(`README.md has no <!-- ${name}:start --> … <!-- ${name}:end --> section`);
  return [...section.matchAll(/^( *)```([^\n]*)\n([\s\S]*?)^\1```$/gm)].map(([, indent, info, body]) => ({
    info: info!,
    body: body!.split('\n').map((line) => (line.startsWith(indent!) ? line.slice(indent!.length) : line)).join('\n'),
  }));
}

/** The one code block of a README section (e.g. `ci-workflow`), with its language. */
export function readmeBlock(name: string): { language: string; body: string } {
  const blocks = sectionBlocks(name);
  if (blocks.length !== 1) throw new Error(`README.md's ${name} section holds ${blocks.length} code blocks, not one`);
  return { language: blocks[0]!.info.split(/\s/)[0]!, body: blocks[0]!.body };
}

/** File name → content, for every block of the section with a `title`. */
export function readmeFiles(name: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const { info, body } of sectionBlocks(name)) {
    const title = /\btitle="([^"]+)"/.exec(info)?.[1];
    if (title) files[title] = body;
  }
  return files;
}

export function readQuickStart(): QuickStart {
  const blocks = sectionBlocks('quickstart');
  const files = readmeFiles('quickstart');
  const install = blocks.map(({ body }) => /^npm i(?:nstall)? -D (.+)$/m.exec(body)?.[1]).find(Boolean);
  if (!install) throw new Error('the Quick start has no `npm i -D …` line');
  const emulatorLine = blocks.map(({ body }) => /^okta emulator: issuer .*$/m.exec(body)?.[0]).find(Boolean);
  if (!emulatorLine) throw new Error('the Quick start does not quote the line `npx okta-emulator` prints');
  return { packages: install.trim().split(/\s+/), files, emulatorLine };
}

/**
 * The Quick start's `.env` with this machine's values: every variable it names must be one the caller
 * fills (a new variable in the README is a new thing users must set, so the test must learn it), and every
 * value the caller has must be named there.
 */
export function fillEnvFile(template: string, values: Record<string, string>): string {
  const names = template.split('\n').filter((line) => /^\s*[A-Z_]+=/.test(line)).map((line) => line.split('=')[0]!.trim());
  const unknown = names.filter((name) => !(name in values));
  const unnamed = Object.keys(values).filter((name) => !names.includes(name));
  if (unknown.length || unnamed.length) {
    throw new Error(`the Quick start's .env names ${JSON.stringify(names)}; the test fills ${JSON.stringify(Object.keys(values))}`);
  }
  return names.map((name) => `${name}=${values[name]}`).join('\n') + '\n';
}
