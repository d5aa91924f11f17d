import { SimGraphError } from "../tenant/tenant-port";

/**
 * A small OData v4 $filter parser covering what Graph's directory and reporting endpoints accept:
 * comparisons, startsWith/endsWith/contains, lambda any/all over collections, and/or/not and
 * parentheses. Each endpoint then checks the tree against its own list of supported
 * (property, operator) pairs, so unsupported forms fail with 400 the way Graph does.
 */

export type CompareOp = "eq" | "ne" | "gt" | "ge" | "lt" | "le";
export type FunctionName = "startsWith" | "endsWith" | "contains";

export type Literal =
  | { type: "string"; value: string }
  | { type: "number"; value: number }
  | { type: "boolean"; value: boolean }
  | { type: "null" }
  | { type: "datetime"; value: string };

export type FilterNode =
  | { kind: "and" | "or"; left: FilterNode; right: FilterNode }
  | { kind: "not"; operand: FilterNode }
  | { kind: "compare"; op: CompareOp; property: string; value: Literal }
  | { kind: "function"; name: FunctionName; property: string; value: Literal }
  | { kind: "lambda"; quantifier: "any" | "all"; property: string; variable: string; predicate: FilterNode };

type Token =
  | { t: "ident"; v: string }
  | { t: "string"; v: string }
  | { t: "number"; v: number }
  | { t: "datetime"; v: string }
  | { t: "punct"; v: "(" | ")" | "," | ":" };

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})/;
const NUMBER = /^-?\d+(\.\d+)?/;
const IDENT = /^[A-Za-z_@][A-Za-z0-9_./@]*/;

export class FilterSyntaxError extends SimGraphError {
  constructor(message: string) {
    super(400, "BadRequest", `Invalid filter clause: ${message}`);
  }
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === "(" || ch === ")" || ch === "," || ch === ":") {
      tokens.push({ t: "punct", v: ch });
      i++;
      continue;
    }
    if (ch === "'") {
      let value = "";
      i++;
      for (;;) {
        if (i >= text.length) throw new FilterSyntaxError("unterminated string literal");
        const c = text.charAt(i);
        if (c === "'") {
          // OData escapes a quote by doubling it.
          if (text.charAt(i + 1) === "'") {
            value += "'";
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += c;
        i++;
      }
      tokens.push({ t: "string", v: value });
      continue;
    }
    const rest = text.slice(i);
    const dt = DATETIME.exec(rest);
    if (dt) {
      tokens.push({ t: "datetime", v: dt[0] });
      i += dt[0].length;
      continue;
    }
    const num = NUMBER.exec(rest);
    if (num) {
      tokens.push({ t: "number", v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const id = IDENT.exec(rest);
    if (id) {
      tokens.push({ t: "ident", v: id[0] });
      i += id[0].length;
      continue;
    }
    throw new FilterSyntaxError(`unexpected character '${ch}' at position ${i}`);
  }
  return tokens;
}

const COMPARE_OPS = new Set<string>(["eq", "ne", "gt", "ge", "lt", "le"]);
const FUNCTIONS: Record<string, FunctionName> = {
  startswith: "startsWith",
  endswith: "endsWith",
  contains: "contains",
};

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  parse(): FilterNode {
    const node = this.or();
    if (this.pos < this.tokens.length) throw new FilterSyntaxError("unexpected trailing input");
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  private next(): Token {
    const token = this.tokens[this.pos++];
    if (!token) throw new FilterSyntaxError("unexpected end of expression");
    return token;
  }

  private isKeyword(word: string): boolean {
    const token = this.peek();
    return token?.t === "ident" && token.v.toLowerCase() === word;
  }

  private expectPunct(v: "(" | ")" | "," | ":"): void {
    const token = this.next();
    if (token.t !== "punct" || token.v !== v) throw new FilterSyntaxError(`expected '${v}'`);
  }

  private or(): FilterNode {
    let left = this.and();
    while (this.isKeyword("or")) {
      this.pos++;
      left = { kind: "or", left, right: this.and() };
    }
    return left;
  }

  private and(): FilterNode {
    let left = this.unary();
    while (this.isKeyword("and")) {
      this.pos++;
      left = { kind: "and", left, right: this.unary() };
    }
    return left;
  }

  private unary(): FilterNode {
    if (this.isKeyword("not")) {
      this.pos++;
      return { kind: "not", operand: this.unary() };
    }
    return this.primary();
  }

  private primary(): FilterNode {
    const token = this.next();
    if (token.t === "punct" && token.v === "(") {
      const inner = this.or();
      this.expectPunct(")");
      return inner;
    }
    if (token.t !== "ident") throw new FilterSyntaxError("expected a property or function");
    const fn = FUNCTIONS[token.v.toLowerCase()];
    const following = this.peek();
    if (fn && following?.t === "punct" && following.v === "(") {
      this.pos++;
      const property = this.property();
      this.expectPunct(",");
      const value = this.literal();
      this.expectPunct(")");
      return { kind: "function", name: fn, property, value };
    }
    const lambda = /^(.*)\/(any|all)$/i.exec(token.v);
    if (lambda && following?.t === "punct" && following.v === "(") {
      this.pos++;
      const variableToken = this.next();
      if (variableToken.t !== "ident") throw new FilterSyntaxError("expected a lambda variable");
      this.expectPunct(":");
      const predicate = this.or();
      this.expectPunct(")");
      return {
        kind: "lambda",
        quantifier: (lambda[2] ?? "any").toLowerCase() as "any" | "all",
        property: lambda[1] ?? "",
        variable: variableToken.v,
        predicate,
      };
    }
    const opToken = this.next();
    if (opToken.t !== "ident" || !COMPARE_OPS.has(opToken.v.toLowerCase())) {
      throw new FilterSyntaxError(`unsupported operator after '${token.v}'`);
    }
    return {
      kind: "compare",
      op: opToken.v.toLowerCase() as CompareOp,
      property: token.v,
      value: this.literal(),
    };
  }

  private property(): string {
    const token = this.next();
    if (token.t !== "ident") throw new FilterSyntaxError("expected a property name");
    return token.v;
  }

  private literal(): Literal {
    const token = this.next();
    switch (token.t) {
      case "string":
        return { type: "string", value: token.v };
      case "number":
        return { type: "number", value: token.v };
      case "datetime":
        return { type: "datetime", value: token.v };
      case "ident": {
        const word = token.v.toLowerCase();
        if (word === "true" || word === "false") return { type: "boolean", value: word === "true" };
        if (word === "null") return { type: "null" };
        throw new FilterSyntaxError(`'${token.v}' is not a literal`);
      }
      default:
        throw new FilterSyntaxError("expected a literal");
    }
  }
}

export function parseFilter(text: string): FilterNode {
  const tokens = tokenize(text);
  if (tokens.length === 0) throw new FilterSyntaxError("empty expression");
  return new Parser(tokens).parse();
}

export type PropertyType = "string" | "boolean" | "number" | "datetime" | "stringCollection";
export type Operation = CompareOp | FunctionName | "any";

export interface PropertyRule {
  type: PropertyType;
  ops: readonly Operation[];
}

/** What one endpoint supports, property by property (paths use "/" as Graph does). */
export interface FilterSchema {
  properties: Record<string, PropertyRule>;
  /** Graph answers unsupported filters with endpoint-specific codes. */
  errorCode: string;
  allowNot?: boolean;
}

function unsupported(schema: FilterSchema, message: string): SimGraphError {
  return new SimGraphError(400, schema.errorCode, message);
}

function checkLiteral(schema: FilterSchema, property: string, rule: PropertyRule, value: Literal): void {
  const ok =
    (rule.type === "string" && value.type === "string") ||
    (rule.type === "stringCollection" && value.type === "string") ||
    (rule.type === "boolean" && value.type === "boolean") ||
    (rule.type === "number" && value.type === "number") ||
    (rule.type === "datetime" && value.type === "datetime");
  if (!ok)
    throw unsupported(schema, `Invalid filter clause: the value for '${property}' has the wrong type.`);
}

/** Throws 400 for any property/operator pair the endpoint does not support. */
export function validateFilter(node: FilterNode, schema: FilterSchema): void {
  switch (node.kind) {
    case "and":
    case "or":
      validateFilter(node.left, schema);
      validateFilter(node.right, schema);
      return;
    case "not":
      if (!schema.allowNot) throw unsupported(schema, "Invalid filter clause: 'not' is not supported.");
      validateFilter(node.operand, schema);
      return;
    case "compare":
    case "function": {
      const op = node.kind === "compare" ? node.op : node.name;
      const rule = schema.properties[node.property];
      if (!rule)
        throw unsupported(schema, `Invalid filter clause: property '${node.property}' is not supported.`);
      if (!rule.ops.includes(op)) {
        throw unsupported(
          schema,
          `Invalid filter clause: the operator '${op}' is not supported for property '${node.property}'.`,
        );
      }
      checkLiteral(schema, node.property, rule, node.value);
      return;
    }
    case "lambda": {
      const rule = schema.properties[node.property];
      if (
        !rule ||
        rule.type !== "stringCollection" ||
        !rule.ops.includes("any") ||
        node.quantifier !== "any"
      ) {
        throw unsupported(
          schema,
          `Invalid filter clause: '${node.property}/${node.quantifier}' is not supported.`,
        );
      }
      const inner = node.predicate;
      if (inner.kind !== "compare" || inner.op !== "eq" || inner.property !== node.variable) {
        throw unsupported(
          schema,
          `Invalid filter clause: only '${node.variable} eq <value>' is supported in any().`,
        );
      }
      checkLiteral(schema, node.property, rule, inner.value);
      return;
    }
  }
}

export function readPath(obj: unknown, path: string): unknown {
  let current: unknown = obj;
  for (const part of path.split("/")) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

function literalValue(value: Literal): string | number | boolean | null {
  return value.type === "null" ? null : value.value;
}

type Comparable = string | number | boolean | null;

function compareValues(actual: unknown, op: CompareOp, literal: Literal): boolean {
  const expected = literalValue(literal);
  if (literal.type === "datetime" && typeof actual === "string") {
    return applyOp(Date.parse(actual), op, Date.parse(literal.value));
  }
  if (typeof actual === "string" && typeof expected === "string") {
    // Graph compares these properties case-insensitively (UPNs, display names, enum names).
    return applyOp(actual.toLowerCase(), op, expected.toLowerCase());
  }
  if (actual === undefined) return applyOp(null, op, expected);
  return applyOp(actual as Comparable, op, expected);
}

function applyOp(a: Comparable, op: CompareOp, b: Comparable): boolean {
  switch (op) {
    case "eq":
      return a === b;
    case "ne":
      return a !== b;
    case "gt":
      return a !== null && b !== null && a > b;
    case "ge":
      return a !== null && b !== null && a >= b;
    case "lt":
      return a !== null && b !== null && a < b;
    case "le":
      return a !== null && b !== null && a <= b;
  }
}

export function evaluateFilter(node: FilterNode, obj: unknown): boolean {
  switch (node.kind) {
    case "and":
      return evaluateFilter(node.left, obj) && evaluateFilter(node.right, obj);
    case "or":
      return evaluateFilter(node.left, obj) || evaluateFilter(node.right, obj);
    case "not":
      return !evaluateFilter(node.operand, obj);
    case "compare":
      return compareValues(readPath(obj, node.property), node.op, node.value);
    case "function": {
      const actual = readPath(obj, node.property);
      const expected = literalValue(node.value);
      if (typeof actual !== "string" || typeof expected !== "string") return false;
      const a = actual.toLowerCase();
      const e = expected.toLowerCase();
      if (node.name === "startsWith") return a.startsWith(e);
      if (node.name === "endsWith") return a.endsWith(e);
      return a.includes(e);
    }
    case "lambda": {
      const items = readPath(obj, node.property);
      if (!Array.isArray(items)) return false;
      const test = (item: unknown): boolean => evaluateFilter(node.predicate, { [node.variable]: item });
      return node.quantifier === "any" ? items.some(test) : items.every(test);
    }
  }
}

/** Parses, validates against the endpoint's schema and returns a predicate (or undefined for no filter). */
export function compileFilter(
  text: string | null,
  schema: FilterSchema,
): { ast: FilterNode; test: (obj: unknown) => boolean } | undefined {
  if (text === null || text.trim() === "") return undefined;
  const ast = parseFilter(text);
  validateFilter(ast, schema);
  return { ast, test: (obj) => evaluateFilter(ast, obj) };
}

/** The top-level `and` conjuncts, used to narrow what the tenant has to generate. */
export function conjuncts(node: FilterNode): FilterNode[] {
  return node.kind === "and" ? [...conjuncts(node.left), ...conjuncts(node.right)] : [node];
}
