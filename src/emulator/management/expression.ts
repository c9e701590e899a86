// Okta's `search` and `filter` expressions (SCIM-like): `profile.login sw "run-1" and created lt
// "2026-01-01T00:00:00.000Z"`, with eq ne sw co ew gt ge lt le pr, and/or, parentheses. Parsed once into a
// predicate over a record's attributes; anything else is a SyntaxError, which routes answer E0000031.

export type Value = string | number | boolean | null | undefined;
/** Reads one attribute (`status`, `profile.login`, …) of the record being matched. */
export type Attributes = (name: string) => Value;
export type Predicate = (read: Attributes) => boolean;

const OPERATORS = ['eq', 'ne', 'sw', 'co', 'ew', 'gt', 'ge', 'lt', 'le', 'pr'] as const;
type Operator = (typeof OPERATORS)[number];

export interface ExpressionRules {
  /** Attributes the expression may name (a `profile.` prefix is allowed when `anyProfile`). */
  attributes: readonly string[];
  anyProfile?: boolean;
  operators: readonly Operator[];
  /** Attributes compared as instants rather than text. */
  dates: readonly string[];
}

export const SEARCH_OPERATORS: readonly Operator[] = OPERATORS;
export const FILTER_OPERATORS: readonly Operator[] = ['eq', 'gt', 'ge', 'lt', 'le'];

type Token = { kind: 'word'; text: string } | { kind: 'string'; text: string } | { kind: 'paren'; text: '(' | ')' };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const char = source[i]!;
    if (/\s/.test(char)) {
      i++;
    } else if (char === '(' || char === ')') {
      tokens.push({ kind: 'paren', text: char });
      i++;
    } else if (char === '"') {
      let text = '';
      i++;
      while (i < source.length && source[i] !== '"') {
        if (source[i] === '\\' && i + 1 < source.length) i++;
        text += source[i++];
      }
      if (source[i] !== '"') throw new SyntaxError('unterminated string');
      i++;
      tokens.push({ kind: 'string', text });
    } else {
      const match = /^[^\s()"]+/.exec(source.slice(i))!;
      tokens.push({ kind: 'word', text: match[0] });
      i += match[0].length;
    }
  }
  return tokens;
}

export function parseExpression(source: string, rules: ExpressionRules): Predicate {
  const tokens = tokenize(source);
  let at = 0;
  const peekWord = (): string | undefined => {
    const token = tokens[at];
    return token?.kind === 'word' ? token.text.toLowerCase() : undefined;
  };

  const parseOr = (): Predicate => {
    const parts = [parseAnd()];
    while (peekWord() === 'or') {
      at++;
      parts.push(parseAnd());
    }
    return parts.length === 1 ? parts[0]! : (read) => parts.some((part) => part(read));
  };
  const parseAnd = (): Predicate => {
    const parts = [parseTerm()];
    while (peekWord() === 'and') {
      at++;
      parts.push(parseTerm());
    }
    return parts.length === 1 ? parts[0]! : (read) => parts.every((part) => part(read));
  };
  const parseTerm = (): Predicate => {
    const token = tokens[at++];
    if (!token) throw new SyntaxError('expression ends early');
    if (token.kind === 'paren' && token.text === '(') {
      const inner = parseOr();
      const close = tokens[at++];
      if (close?.kind !== 'paren' || close.text !== ')') throw new SyntaxError('missing )');
      return inner;
    }
    if (token.kind !== 'word') throw new SyntaxError('attribute expected');
    const attribute = token.text;
    if (!rules.attributes.includes(attribute) && !(rules.anyProfile && /^profile\.[A-Za-z0-9_]+$/.test(attribute))) {
      throw new SyntaxError(`unsupported attribute ${attribute}`);
    }
    const operator = peekWord() as Operator | undefined;
    if (!operator || !rules.operators.includes(operator)) throw new SyntaxError('unsupported operator');
    at++;
    if (operator === 'pr') return (read) => read(attribute) !== null && read(attribute) !== undefined && read(attribute) !== '';
    const literal = tokens[at++];
    if (!literal || literal.kind === 'paren') throw new SyntaxError('value expected');
    const value = literalValue(literal);
    return comparison(attribute, operator, value, rules.dates.includes(attribute));
  };

  const predicate = parseOr();
  if (at !== tokens.length) throw new SyntaxError('unexpected input after the expression');
  return predicate;
}

function literalValue(token: Token): Value {
  if (token.kind === 'string') return token.text;
  const word = token.text.toLowerCase();
  if (word === 'true' || word === 'false') return word === 'true';
  if (word === 'null') return null;
  if (/^-?\d+(\.\d+)?$/.test(token.text)) return Number(token.text);
  throw new SyntaxError('string values must be quoted');
}

function comparison(attribute: string, operator: Exclude<Operator, 'pr'>, expected: Value, isDate: boolean): Predicate {
  return (read) => {
    const actual = read(attribute);
    if (actual === null || actual === undefined) return operator === 'ne' ? expected !== null : expected === null && operator === 'eq';
    if (isDate) {
      if (operator === 'sw' || operator === 'co' || operator === 'ew') return false;
      const left = Date.parse(String(actual));
      const right = Date.parse(String(expected));
      if (Number.isNaN(right)) return false;
      return order(operator, left - right);
    }
    if (typeof actual === 'string' && typeof expected === 'string') {
      // Okta matches text case-insensitively.
      const left = actual.toLowerCase();
      const right = expected.toLowerCase();
      if (operator === 'sw') return left.startsWith(right);
      if (operator === 'co') return left.includes(right);
      if (operator === 'ew') return left.endsWith(right);
      return order(operator, left < right ? -1 : left > right ? 1 : 0);
    }
    if (operator === 'sw' || operator === 'co' || operator === 'ew') return false;
    if (typeof actual === 'number' && typeof expected === 'number') return order(operator, actual - expected);
    // Booleans and mixed types: only (in)equality means anything.
    if (operator === 'eq') return actual === expected;
    if (operator === 'ne') return actual !== expected;
    return false;
  };
}

function order(operator: Exclude<Operator, 'pr' | 'sw' | 'co' | 'ew'>, difference: number): boolean {
  switch (operator) {
    case 'eq':
      return difference === 0;
    case 'ne':
      return difference !== 0;
    case 'gt':
      return difference > 0;
    case 'ge':
      return difference >= 0;
    case 'lt':
      return difference < 0;
    case 'le':
      return difference <= 0;
  }
}
