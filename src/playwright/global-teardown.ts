// Prints the run's one-line Okta summary (identities, logins, refreshes and cache hits across all workers),
// and takes bearer tokens out of the run's artifacts: Playwright records request headers in traces, and
// global teardown runs before the reporters' onEnd, so the HTML report copies the scrubbed traces. Traces
// that could not be scrubbed are warned about one by one and counted in the summary.
import type { FullConfig } from '@playwright/test';
import { scrubArtifacts } from './artifact-scrub.js';
import { finishRunStats } from './run-stats.js';
import { configDir } from './config-dir.js';
import { removeTestUsers } from '../provision/index.js';

export default async function globalTeardown(config: FullConfig): Promise<void> {
  const scrub = await scrubArtifacts(config.projects.map((project) => project.outputDir));
  const summary = finishRunStats(scrub.unscrubbed.length);
  if (summary) console.log(summary);
  // The run's test users (OKTA_<ROLE>_PROVISION=true), removed whatever the tests' results, with the run's cost.
  await removeTestUsers({ baseDir: configDir(config), log: (line) => console.log(line) });
}
