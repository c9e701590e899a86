// The doctor's output: one line per check, `✓` fine, `✗` blocks a login, `!` works but deserves a look,
// `-` not checked (an earlier problem makes the answer meaningless). Lines are written as they are found.
// Every line passes through a redactor that knows the configured secrets and every credential the doctor
// handled (sessionTokens, codes, tokens), and blanks anything shaped like a JWT: a finding must never leak
// one, even when an app or a proxy echoes it back.

export type Mark = 'ok' | 'fail' | 'warn' | 'skip';

const SYMBOL: Record<Mark, string> = { ok: '✓', fail: '✗', warn: '!', skip: '-' };
const JWT = /\beyJ[\w-]*\.[\w-]*\.[\w-]*/g;

export interface Finding {
  mark: Mark;
  check: string;
  text: string;
}

export class Report {
  readonly findings: Finding[] = [];
  readonly #secrets = new Set<string>();

  constructor(private readonly write: (line: string) => void) {}

  /** Values never to print (passwords, client secrets, keys, tokens); short values are ignored (too many false hits). */
  secret(...values: Array<string | undefined>): void {
    for (const value of values) if (value && value.length >= 6) this.#secrets.add(value);
  }

  ok(check: string, text: string): void {
    this.add('ok', check, text);
  }

  fail(check: string, text: string): void {
    this.add('fail', check, text);
  }

  warn(check: string, text: string): void {
    this.add('warn', check, text);
  }

  skip(check: string, text: string): void {
    this.add('skip', check, text);
  }

  /** A free line (header, summary). */
  line(text: string): void {
    this.write(this.redact(text));
  }

  get failures(): number {
    return this.findings.filter((f) => f.mark === 'fail').length;
  }

  get warnings(): number {
    return this.findings.filter((f) => f.mark === 'warn').length;
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so a secret containing another is blanked whole.
    for (const secret of [...this.#secrets].sort((a, b) => b.length - a.length)) out = out.split(secret).join('‹redacted›');
    return out.replace(JWT, '‹redacted›').replace(/\s*[\r\n]+\s*/g, ' ');
  }

  private add(mark: Mark, check: string, text: string): void {
    const finding = { mark, check, text: this.redact(text) };
    this.findings.push(finding);
    this.write(`${SYMBOL[mark]} ${check}: ${finding.text}`);
  }
}
