// What global setup builds storageState for: the projects of this run only. Playwright hands global setup
// every project of the config (it filters them by --project after global setup), so the selection is read
// from the command line the way Playwright reads it: `--project a b`, `--project=a`, case-insensitive, `*`
// wildcards, and the selected projects' dependencies unless `--no-deps`. Without `--project` (UI mode, the
// VS Code extension, a plain run) every project is selected, as Playwright does.
import type { FullConfig, FullProject } from '@playwright/test';
import type { OktaStorageKind } from './storage-state.js';

export interface StorageRequest {
  role: string | undefined;
  kind: Exclude<OktaStorageKind, 'none'>;
  appBaseUrl: string;
  loginPath: string;
}

/** The (role, storage kind, app) that the selected projects set with `use: { oktaRole, oktaStorage }`. */
export function storageRequests(config: FullConfig, argv: string[]): StorageRequest[] {
  return selectedProjects(config.projects, argv).flatMap((project) => {
    const use = project.use as { oktaRole?: string; oktaStorage?: OktaStorageKind; oktaAppLoginPath?: string; baseURL?: string };
    if (!use.oktaStorage || use.oktaStorage === 'none' || !use.baseURL) return [];
    return [{ role: use.oktaRole, kind: use.oktaStorage, appBaseUrl: use.baseURL, loginPath: use.oktaAppLoginPath ?? '/login' }];
  });
}

export function selectedProjects(projects: FullProject[], argv: string[]): FullProject[] {
  const names = projectArguments(argv);
  if (!names.length) return projects;
  const matches = (project: FullProject) =>
    names.some((name) => new RegExp(`^${name.split('*').map(escapeRegExp).join('.*')}$`, 'i').test(project.name));
  const selected = new Set(projects.filter(matches));
  if (!argv.includes('--no-deps')) {
    // Dependencies run first, and theirs too.
    for (const project of selected) {
      for (const name of project.dependencies) {
        for (const dependency of projects.filter((candidate) => candidate.name === name)) selected.add(dependency);
      }
    }
  }
  return projects.filter((project) => selected.has(project));
}

// `--project` takes every value up to the next option (Playwright's option is variadic).
function projectArguments(argv: string[]): string[] {
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--project=')) names.push(arg.slice('--project='.length));
    else if (arg === '--project') {
      for (; i + 1 < argv.length && !argv[i + 1]!.startsWith('-'); i++) names.push(argv[i + 1]!);
    }
  }
  return names;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
