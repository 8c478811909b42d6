/**
 * JSON with source offsets, from jsonc-parser (VS Code's JSON parser) in strict mode. JSON.parse can't say where each
 * entry is (for `manifest.json:LINE` warnings), reorders integer-like keys, silently keeps the last of duplicate keys,
 * and in Node 20 omits the error position for some errors. The tests check that this accepts and rejects the same
 * texts as JSON.parse. Used by the manifest and the baseline.
 */
import { getLocation, ParseErrorCode, printParseErrorCode } from 'jsonc-parser';
import type { Node as JsonNode, ParseError, ParseOptions } from 'jsonc-parser';

export const STRICT_JSON: ParseOptions = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false };

/**
 * The first syntax error as a sentence, at the offset a person would look at. jsonc-parser's codes say what it wanted
 * (`ValueExpected`) but not why, so the two commonest hand-editing mistakes — a trailing comma and a comment — and
 * the problems inside a string are recognised from the text at the error offset.
 */
export function jsonSyntaxProblem(text: string, errors: ParseError[]): { offset: number; problem: string } {
  const [{ error, offset, length }, next] = errors;
  const token = text.slice(offset, offset + length);
  const found = offset >= text.length ? 'the end of the file' : token.startsWith('"') ? token : visible(token);
  switch (error) {
    case ParseErrorCode.ValueExpected:
    case ParseErrorCode.PropertyNameExpected: {
      const comma = /,[ \t\r\n]*$/.exec(text.slice(0, offset));
      if (comma && (token === ']' || token === '}')) {
        return { offset: comma.index, problem: `trailing comma before '${token}'` };
      }
      break;
    }
    case ParseErrorCode.InvalidCommentToken:
      return { offset, problem: 'comments are not allowed in JSON' };
    case ParseErrorCode.UnexpectedEndOfString: // the string token stops before a line break, or at the end of the file
      return offset + length < text.length
        ? { offset: offset + length, problem: 'line break inside a string (write it as \\n)' }
        : { offset, problem: 'unterminated string' };
    case ParseErrorCode.InvalidCharacter:
      return {
        offset: offset + Math.max(0, token.search(/[\x00-\x1f]/)),
        problem: 'control character inside a string (escape it)',
      };
    case ParseErrorCode.InvalidEscapeCharacter:
    case ParseErrorCode.InvalidUnicode: {
      // Walk the escapes in order, so `\\x` (an escaped backslash, then x) is not mistaken for `\x`.
      const escapes = token.matchAll(/\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}|(u[0-9a-fA-F]{0,3}|.?))/gsu);
      const bad = [...escapes].find((match) => match[1] !== undefined);
      return { offset: offset + (bad?.index ?? 0), problem: `invalid escape sequence \\${bad?.[1] ?? ''}` };
    }
    case ParseErrorCode.UnexpectedEndOfNumber:
    case ParseErrorCode.InvalidNumberFormat:
      return { offset, problem: `incomplete number ${token}` };
    case ParseErrorCode.EndOfFileExpected:
      return { offset, problem: `unexpected ${found} after the end of the JSON value` };
    case ParseErrorCode.InvalidSymbol: {
      // Not a JSON token at all (`tru`, `NaN`, `'a'`, an unquoted key). jsonc-parser skips it and then reports what it
      // wanted at the next token, which is what was wanted here.
      const wanted = next && /^[ \t\r\n]*$/.test(text.slice(offset + length, next.offset)) && expectation(text, next);
      return { offset, problem: wanted ? `${wanted}, found ${found}` : `unexpected ${found}` };
    }
  }
  return { offset, problem: `${expectation(text, errors[0]) || printParseErrorCode(error)}, found ${found}` };
}

/** Quoted, with invisible characters (a pasted no-break space, a stray BOM) spelled as `\uXXXX`. */
function visible(token: string): string {
  const hex = (char: string) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  return JSON.stringify(token).replace(/[\s\u200b-\u200d\u2060\ufeff]/g, hex);
}

function expectation(text: string, { error, offset }: ParseError): string {
  switch (error) {
    case ParseErrorCode.ValueExpected:
      return 'expected a value';
    case ParseErrorCode.PropertyNameExpected:
      return 'expected a double-quoted property name';
    case ParseErrorCode.ColonExpected:
      return "expected ':' after the property name";
    case ParseErrorCode.CommaExpected:
      // The location's path ends in an index inside an array and in a property name inside an object.
      return typeof getLocation(text, offset).path.at(-1) === 'number'
        ? "expected ',' or ']' after an array element"
        : "expected ',' or '}' after a property value";
    case ParseErrorCode.CloseBraceExpected:
      return "expected '}'";
    case ParseErrorCode.CloseBracketExpected:
      return "expected ']'";
  }
  return '';
}

export interface JsonMember {
  key: string;
  keyOffset: number;
  value: JsonNode;
}

/** An object's members by key, in file order, failing on a duplicate (jsonc-parser keeps both, JSON.parse the last). */
export function membersByKey(node: JsonNode, fail: (offset: number, problem: string) => never): Map<string, JsonMember> {
  const byKey = new Map<string, JsonMember>();
  for (const property of node.children ?? []) {
    const [keyNode, value] = property.children as [JsonNode, JsonNode];
    const key = keyNode.value as string;
    if (byKey.has(key)) fail(keyNode.offset, `duplicate key "${key}"`);
    byKey.set(key, { key, keyOffset: keyNode.offset, value });
  }
  return byKey;
}

export function describeNode(node: JsonNode): string {
  return node.type === 'array' || node.type === 'object' ? `an ${node.type}` : `a ${node.type}`;
}

export function nodeText(text: string, node: JsonNode): string {
  return node.type === 'string' || node.type === 'number'
    ? text.slice(node.offset, node.offset + node.length)
    : describeNode(node);
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - lastBreak };
}
