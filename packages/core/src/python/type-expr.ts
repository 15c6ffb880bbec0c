import { assertNever } from './assert-never';

/**
 * The syntax of a Python type annotation, before it is given a meaning: `typing.List["int"]`, `int | None`,
 * `Tuple[int, ...]`. Spans (`from`, `to`) are offsets into the annotation text, so that a problem can point at the
 * exact part of an annotation, including inside a string annotation.
 */
export type TypeExpr =
  | { kind: 'name'; name: string; args?: TypeExpr[]; from: number; to: number } // `int`, `typing.List[str]`
  | { kind: 'union'; members: TypeExpr[]; from: number; to: number } // `A | B`
  | { kind: 'ellipsis'; from: number; to: number } // `...` (in `Tuple[int, ...]`)
  | { kind: 'tuple'; items: TypeExpr[]; from: number; to: number } // `()` (in `Tuple[()]`)
  | { kind: 'brackets'; items: TypeExpr[]; from: number; to: number }; // `[int, str]` (in `Callable[[int], str]`)

export type TypeExprResult = { ok: true; expr: TypeExpr } | { ok: false; message: string; at: number };

type Token =
  | { kind: 'name' | 'string' | 'op'; text: string; from: number; to: number }
  | { kind: 'end'; text: ''; from: number; to: number };

class TypeSyntaxError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

const isNameStart = (ch: string): boolean => ch === '_' || /\p{L}/u.test(ch);
const isNameChar = (ch: string): boolean => ch === '_' || /[\p{L}\p{N}]/u.test(ch);
const OPS = ['...', '[', ']', '(', ')', ',', '.', '|'];

function tokenize(text: string, base: number): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] ?? '';
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === '\f') {
      i++;
    } else if (ch === '\\' && (text[i + 1] === '\n' || text[i + 1] === '\r')) {
      i += 2;
    } else if (ch === '#') {
      while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
    } else if (isNameStart(ch)) {
      const start = i;
      while (i < text.length && isNameChar(text[i] ?? '')) i++;
      tokens.push({ kind: 'name', text: text.slice(start, i), from: base + start, to: base + i });
    } else if (ch === '"' || ch === "'") {
      const start = i;
      const quote = text.startsWith(ch.repeat(3), i) ? ch.repeat(3) : ch;
      const end = text.indexOf(quote, i + quote.length);
      if (end < 0) throw new TypeSyntaxError(`the string ${text.slice(start, start + 20)} is not closed`, base + start);
      i = end + quote.length;
      tokens.push({ kind: 'string', text: text.slice(start, i), from: base + start, to: base + i });
    } else {
      const op = OPS.find((o) => text.startsWith(o, i));
      if (!op) throw new TypeSyntaxError(`unexpected '${ch}'`, base + i);
      tokens.push({ kind: 'op', text: op, from: base + i, to: base + i + op.length });
      i += op.length;
    }
  }
  tokens.push({ kind: 'end', text: '', from: base + text.length, to: base + text.length });
  return tokens;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.pos] ?? this.tokens[this.tokens.length - 1]!;
  }
  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'end') this.pos++;
    return t;
  }
  private isOp(text: string): boolean {
    const t = this.peek();
    return t.kind === 'op' && t.text === text;
  }
  private expectOp(text: string, opened?: Token): Token {
    const t = this.peek();
    if (t.kind === 'op' && t.text === text) return this.next();
    const where = opened ? ` to close the '${opened.text}'` : '';
    throw new TypeSyntaxError(`expected '${text}'${where}, found ${describe(t)}`, t.from);
  }

  parseAll(): TypeExpr {
    const expr = this.parseUnion();
    const t = this.peek();
    if (t.kind !== 'end') throw new TypeSyntaxError(`unexpected ${describe(t)} after the type`, t.from);
    return expr;
  }

  private parseUnion(): TypeExpr {
    const first = this.parsePrimary();
    if (!this.isOp('|')) return first;
    const members = [first];
    while (this.isOp('|')) {
      this.next();
      members.push(this.parsePrimary());
    }
    return { kind: 'union', members, from: first.from, to: members[members.length - 1]!.to };
  }

  private parsePrimary(): TypeExpr {
    const t = this.next();
    switch (t.kind) {
      case 'name':
        return this.parseNameRest(t);
      case 'string':
        return parseStringAnnotation(t);
      case 'op':
        if (t.text === '...') return { kind: 'ellipsis', from: t.from, to: t.to };
        if (t.text === '(') {
          if (this.isOp(')')) return { kind: 'tuple', items: [], from: t.from, to: this.next().to };
          const inner = this.parseUnion();
          this.expectOp(')', t);
          return inner;
        }
        if (t.text === '[') {
          const items = this.parseList(']', t);
          return { kind: 'brackets', items, from: t.from, to: this.expectOp(']', t).to };
        }
        throw new TypeSyntaxError(`expected a type, found ${describe(t)}`, t.from);
      case 'end':
        throw new TypeSyntaxError('expected a type, found the end of the annotation', t.from);
      default:
        return assertNever(t);
    }
  }

  private parseNameRest(first: Token): TypeExpr {
    let name = first.text;
    let to = first.to;
    while (this.isOp('.')) {
      this.next();
      const part = this.next();
      if (part.kind !== 'name') throw new TypeSyntaxError(`expected a name after '.', found ${describe(part)}`, part.from);
      name += `.${part.text}`;
      to = part.to;
    }
    if (!this.isOp('[')) return { kind: 'name', name, from: first.from, to };
    const open = this.next();
    const args = this.parseList(']', open);
    if (args.length === 0) throw new TypeSyntaxError(`${name}[] needs type arguments`, open.from);
    return { kind: 'name', name, args, from: first.from, to: this.expectOp(']', open).to };
  }

  /** Comma-separated types up to (not including) `close`; a trailing comma is allowed. */
  private parseList(close: string, opened: Token): TypeExpr[] {
    const items: TypeExpr[] = [];
    while (!this.isOp(close)) {
      if (this.peek().kind === 'end') this.expectOp(close, opened);
      items.push(this.parseUnion());
      if (!this.isOp(',')) break;
      this.next();
    }
    return items;
  }
}

/** `"List[int]"` as an annotation: a forward reference, parsed in place (spans stay in the outer text's terms). */
function parseStringAnnotation(t: Token): TypeExpr {
  const quote = t.text.startsWith(t.text[0]!.repeat(3)) && t.text.length >= 6 ? t.text.slice(0, 3) : t.text.slice(0, 1);
  const inner = t.text.slice(quote.length, t.text.length - quote.length);
  if (inner.includes('\\')) throw new TypeSyntaxError('escape sequences in string annotations are not supported', t.from);
  if (inner.trim() === '') throw new TypeSyntaxError('the string annotation is empty', t.from);
  return new Parser(tokenize(inner, t.from + quote.length)).parseAll();
}

function describe(t: Token): string {
  switch (t.kind) {
    case 'end':
      return 'the end of the annotation';
    case 'name':
    case 'op':
    case 'string':
      return `'${t.text.length > 20 ? `${t.text.slice(0, 20)}…` : t.text}'`;
    default:
      return assertNever(t);
  }
}

/** Parses annotation text into a `TypeExpr`; `at` of an error is an offset into `text`. */
export function parseTypeExpr(text: string): TypeExprResult {
  try {
    const tokens = tokenize(text, 0);
    if (tokens.length === 1) return { ok: false, message: 'the type annotation is empty', at: 0 };
    return { ok: true, expr: new Parser(tokens).parseAll() };
  } catch (e) {
    if (e instanceof TypeSyntaxError) return { ok: false, message: e.message, at: e.at };
    throw e;
  }
}
