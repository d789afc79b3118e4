/**
 * A strict JSON parser (RFC 8259 with I-JSON's restrictions, RFC 7493). `JSON.parse` keeps the last of
 * duplicate keys and accepts lone surrogates; a signed document that means one thing to the signer's
 * tooling and another to the browser is exactly what signatures exist to prevent, so both are errors.
 * Objects come back with a null prototype: a key named `__proto__` is data, never a prototype.
 *
 * Numbers: Cordon's documents carry only whole numbers (serials, the schema version), so a number is
 * accepted only as canonical digits within ±(2^53 - 1). `7.0`, `7e0` and `9007199254740990.9999` (which
 * `JSON.parse` reads as 2^53 - 1) are refused: one value must have one spelling, or two parsers, a
 * signer's and a browser's, could read the same signed bytes differently.
 */
import { MAX_JSON_DEPTH } from './limits.ts';

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export type JsonResult =
  | { readonly ok: true; readonly value: JsonValue }
  | { readonly ok: false; readonly message: string; readonly line: number; readonly column: number };

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const LITERALS: readonly (readonly [string, JsonValue])[] = [
  ['true', true],
  ['false', false],
  ['null', null],
];
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const CANONICAL_INTEGER = /^-?(?:0|[1-9][0-9]*)$/;
/** Characters a string holds as they are: not the quote, the backslash, a control character or a surrogate. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what a JSON string may not hold raw
const PLAIN_RUN = /[^"\\\u0000-\u001f\ud800-\udfff]*/y;

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseStrictJson(text: string, maxDepth: number = MAX_JSON_DEPTH): JsonResult {
  let i = 0;

  const fail = (message: string, at: number = i): never => {
    throw new JsonSyntaxError(message, at);
  };
  const skipWhitespace = (): void => {
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
      i++;
    }
  };
  const describe = (at: number): string =>
    at >= text.length ? 'end of input' : `${JSON.stringify(text[at])}`;

  const parseString = (): string => {
    // Caller has seen the opening quote.
    i++;
    let out = '';
    let runStart = i;
    for (;;) {
      // Skip a run of plain characters in one native regex step: a list's strings (a 1 MiB base64
      // payload, 25,000 names) are almost all plain, and a loop per character dominated parsing.
      PLAIN_RUN.lastIndex = i;
      PLAIN_RUN.test(text);
      i = PLAIN_RUN.lastIndex;
      if (i >= text.length) fail('unterminated string');
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        out += text.slice(runStart, i);
        i++;
        return out;
      }
      if (c < 0x20) fail('control character in string (escape it)');
      if (c >= 0xd800 && c <= 0xdfff) {
        const next = text.charCodeAt(i + 1);
        if (c > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) fail('unpaired surrogate in string');
        i += 2;
        continue;
      }
      if (c !== 0x5c) {
        i++;
        continue;
      }
      out += text.slice(runStart, i);
      const esc = text[i + 1];
      i += 2;
      switch (esc) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          const unit = readHex4(i);
          i += 4;
          if (unit >= 0xd800 && unit <= 0xdbff) {
            if (text.slice(i, i + 2) !== '\\u') fail('unpaired surrogate escape', i - 6);
            const low = readHex4(i + 2);
            if (low < 0xdc00 || low > 0xdfff) fail('unpaired surrogate escape', i - 6);
            out += String.fromCharCode(unit, low);
            i += 6;
          } else if (unit >= 0xdc00 && unit <= 0xdfff) {
            fail('unpaired surrogate escape', i - 6);
          } else {
            out += String.fromCharCode(unit);
          }
          break;
        }
        default:
          fail(`invalid escape \\${esc ?? ''}`, i - 2);
      }
      runStart = i;
    }
  };

  const readHex4 = (at: number): number => {
    const hex = text.slice(at, at + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail('invalid \\u escape', at - 2);
    return parseInt(hex, 16);
  };

  const parseValue = (depth: number): JsonValue => {
    skipWhitespace();
    const c = text[i];
    if (c === '{' || c === '[') {
      if (depth >= maxDepth) fail(`nested deeper than ${maxDepth} levels`);
      return c === '{' ? parseObject(depth + 1) : parseArray(depth + 1);
    }
    if (c === '"') return parseString();
    for (const [word, value] of LITERALS) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return value;
      }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m === null) return fail(`unexpected ${describe(i)}`);
    if (!CANONICAL_INTEGER.test(m[0])) fail(`number ${m[0].slice(0, 40)} is not a whole number written in digits (no fraction, no exponent)`);
    const n = Number(m[0]);
    if (!Number.isSafeInteger(n)) fail(`number ${m[0].slice(0, 40)} is out of range (beyond 2^53 - 1)`);
    i += m[0].length;
    return n;
  };

  const parseObject = (depth: number): JsonObject => {
    i++;
    const obj: JsonObject = Object.create(null) as JsonObject;
    skipWhitespace();
    if (text[i] === '}') {
      i++;
      return obj;
    }
    for (;;) {
      skipWhitespace();
      if (text[i] !== '"') fail(`expected a string key, found ${describe(i)}`);
      const keyAt = i;
      const key = parseString();
      if (Object.prototype.hasOwnProperty.call(obj, key)) fail(`duplicate key ${JSON.stringify(key)}`, keyAt);
      skipWhitespace();
      if (text[i] !== ':') fail(`expected ":", found ${describe(i)}`);
      i++;
      obj[key] = parseValue(depth);
      skipWhitespace();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return obj;
      }
      fail(`expected "," or "}", found ${describe(i)}`);
    }
  };

  const parseArray = (depth: number): JsonValue[] => {
    i++;
    const arr: JsonValue[] = [];
    skipWhitespace();
    if (text[i] === ']') {
      i++;
      return arr;
    }
    for (;;) {
      arr.push(parseValue(depth));
      skipWhitespace();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return arr;
      }
      fail(`expected "," or "]", found ${describe(i)}`);
    }
  };

  try {
    const value = parseValue(0);
    skipWhitespace();
    if (i < text.length) fail(`unexpected ${describe(i)} after the end of the document`);
    return { ok: true, value };
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    const before = text.slice(0, e.offset);
    const line = before.split('\n').length;
    const column = e.offset - before.lastIndexOf('\n');
    return { ok: false, message: `${e.message} at line ${line}, column ${column}`, line, column };
  }
}
