import path from 'node:path';
import type { FullConfig } from '@playwright/test';

/** Where `.env` and a relative OKTA_CACHE_DIR resolve from: the Playwright config file's directory. */
export function configDir(config: FullConfig): string {
  return config.configFile ? path.dirname(config.configFile) : config.rootDir;
}
