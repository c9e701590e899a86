// Which account of a pool (OKTA_<ROLE>_USERNAME=a,b,c,…) a worker takes. Playwright's recipe is one
// account per parallel worker; with `--shard S/N` on several CI machines, worker W of shard S takes
// account (S-1)·workers + W, so no two machines share an account while the pool has one for every worker
// of every shard. A smaller pool wraps around (the engine takes the index modulo the pool's size).
import type { FullConfig } from '@playwright/test';

type PoolConfig = Pick<FullConfig, 'shard' | 'workers'>;

export function poolAccount(config: PoolConfig, parallelIndex: number): number {
  const shard = config.shard ? config.shard.current - 1 : 0;
  return shard * config.workers + parallelIndex;
}

/** The accounts of a pool of `size` that this shard's workers take: what its global setup logs in. */
export function shardAccounts(config: PoolConfig, size: number): number[] {
  const taken = new Set<number>();
  for (let worker = 0; worker < config.workers; worker++) taken.add(poolAccount(config, worker) % size);
  return [...taken].sort((a, b) => a - b);
}
