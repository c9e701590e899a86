// Prints the run's one-line Okta summary: identities, logins, refreshes and cache hits across all workers.
import { finishRunStats } from './fixtures/run-stats.js';

export default async function globalTeardown(): Promise<void> {
  const summary = finishRunStats();
  if (summary) console.log(summary);
}
