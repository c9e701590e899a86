// A GitHub Actions workflow as the runner reads it: parsed with `yaml` (duplicate keys and other
// errors refused), and its `${{ … }}` expressions expanded from a context. Only the expressions a
// workflow in the README uses are known; any other is an error, so a README that grows one makes the
// test learn it instead of running a command with a hole in it.
import { parse } from 'yaml';

export interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string | number | boolean>;
}

export interface Job {
  'runs-on': string;
  needs?: string[];
  if?: string;
  strategy?: { 'fail-fast'?: boolean; matrix?: Record<string, unknown[]> };
  env?: Record<string, string>;
  steps: Step[];
}

export interface Workflow {
  name: string;
  on: unknown;
  jobs: Record<string, Job>;
}

export interface ExpressionContext {
  vars: Record<string, string>;
  secrets: Record<string, string>;
  matrix: Record<string, string>;
  strategy: { 'job-index': number };
}

export function parseWorkflow(text: string): Workflow {
  return parse(text, { strict: true, uniqueKeys: true, prettyErrors: true }) as Workflow;
}

/** `${{ vars.X }}`, `${{ secrets.X }}`, `${{ matrix.X }}`, `${{ strategy.job-index }}`, `${{ !cancelled() }}`. */
export function expand(text: string, context: ExpressionContext): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression: string) => {
    if (expression === '!cancelled()') return 'true'; // nothing here cancels a run
    if (expression === 'strategy.job-index') return String(context.strategy['job-index']);
    const match = /^(vars|secrets|matrix)\.([\w-]+)$/.exec(expression);
    const value = match ? context[match[1] as 'vars' | 'secrets' | 'matrix'][match[2]!] : undefined;
    if (value === undefined) throw new Error(`the workflow's expression \${{ ${expression} }} has no value here`);
    return value;
  });
}

/** Whether a step or job runs: no `if`, or one that expands to true. */
export function runs(condition: string | undefined, context: ExpressionContext): boolean {
  return condition === undefined || expand(condition, context) === 'true';
}

/** actions/download-artifact's `pattern` (a glob of artifact names) as a RegExp. */
export function globToRegExp(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
}
