import { nodeText, type PyNode } from '../../transforms/python/syntax.js';
import { V1_MEMBERS } from './pydantic-v1-members.js';

/**
 * Code that supports pydantic 1 and 2 tests the version and keeps the v1 API where only pydantic 1 runs it
 * (FastAPI's and SQLModel's `_compat.py`, openai-python's `if PYDANTIC_V1:`). On pydantic 1 that API is not
 * deprecated, and its v2 rewrite would raise there: such a site is not a finding. A site is pydantic-1-only when a
 * version test it sits under says so, in any of these shapes:
 *   `if PYDANTIC_V1:` / `if not PYDANTIC_V2:` / `else:` of `if IS_PYDANTIC_V2:` (a name or attribute that names
 *   pydantic and ends in V1/V2), `pydantic.VERSION.startswith("1")`, a comparison of a version that names pydantic
 *   with a literal (`pydantic.VERSION < "2"`, `PYDANTIC_MAJOR >= 2`), `hasattr(m, "model_dump")`; the `else` and
 *   `elif` branches, `x if PYDANTIC_V2 else y`, the statements after an `if PYDANTIC_V2:` whose body always leaves
 *   (return, raise, continue, break), and an `except AttributeError:`/`except ImportError:` around v2-only names.
 * A version test whose sides it cannot tell (`pydantic.VERSION in SUPPORTED`) leaves both branches unjudged: not
 * rewriting is the safe side.
 */
export function runsOnlyOnPydantic1(text: string, node: PyNode): boolean {
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (impliedBy(text, child, parent) === 'v1') return true;
  }
  return false;
}

type Major = 'v1' | 'v2' | 'either';
/** What a test implies when it holds and when it fails; undefined: it says nothing of pydantic's version. */
interface VersionTest {
  whenTrue?: Major;
  whenFalse?: Major;
}

const other = (major: Major | undefined): Major | undefined => (major === 'v1' ? 'v2' : major === 'v2' ? 'v1' : major);

/** What being `child` of `parent` implies of the version ('either' for an unreadable version test). */
function impliedBy(text: string, child: PyNode, parent: PyNode): Major | undefined {
  switch (parent.type) {
    case 'if_statement':
    case 'elif_clause':
    case 'else_clause': {
      // (an `else:` of a `for`, `while` or `try` says nothing of versions)
      if (child.type !== 'block' || (parent.type !== 'if_statement' && parent.parent?.type !== 'if_statement')) return undefined;
      // The branch's own test holds, and every test before it in the chain failed.
      const chain = parent.type === 'if_statement' ? [parent] : [parent.parent!, ...parent.parent!.children.filter((clause) => clause.type === 'elif_clause')];
      const ownAt = parent.type === 'if_statement' ? 0 : parent.type === 'else_clause' ? chain.length : chain.indexOf(parent);
      const implied: (Major | undefined)[] = chain.map((clause, at) => {
        const test = versionTest(text, clause.fields.condition);
        return at === ownAt ? test?.whenTrue : at < ownAt ? test?.whenFalse : undefined;
      });
      return strongest(implied);
    }
    case 'conditional_expression': {
      // `a if test else b`: its three expressions in order
      const [consequence, test, alternative] = parent.children.filter((part) => part.type !== 'comment');
      const read = versionTest(text, test);
      return child === consequence ? read?.whenTrue : child === alternative ? read?.whenFalse : undefined;
    }
    case 'block':
    case 'module':
      return afterEarlyExit(text, child, parent);
    case 'except_clause':
      return child.type === 'block' && catchesMissingV2(text, parent) ? 'v1' : undefined;
    default:
      return undefined;
  }
}

/** 'v1' (not judged) when any part implies pydantic 1 or is a version test it cannot read; else 'v2' or nothing. */
function strongest(implied: (Major | undefined)[]): Major | undefined {
  return implied.includes('v1') || implied.includes('either') ? 'v1' : implied.find((major) => major !== undefined);
}

/** A statement after `if <test>:` blocks whose body always leaves: it runs only when those tests failed. */
function afterEarlyExit(text: string, statement: PyNode, block: PyNode): Major | undefined {
  const implied: (Major | undefined)[] = [];
  for (const earlier of block.children) {
    if (earlier === statement) break;
    if (earlier.type !== 'if_statement' || earlier.children.some((clause) => clause.type === 'elif_clause' || clause.type === 'else_clause')) continue;
    const body = earlier.fields.consequence;
    const last = body?.children.filter((part) => part.type !== 'comment').at(-1);
    if (last && LEAVES.has(last.type)) implied.push(versionTest(text, earlier.fields.condition)?.whenFalse);
  }
  return strongest(implied);
}

const LEAVES = new Set(['return_statement', 'raise_statement', 'continue_statement', 'break_statement']);

/** `except AttributeError:` (or `ImportError`) around a body that uses v2-only names: the handler is pydantic 1's path. */
function catchesMissingV2(text: string, handler: PyNode): boolean {
  const caught = handler.fields.value;
  if (!caught || !/\b(?:AttributeError|ImportError|ModuleNotFoundError)\b/.test(nodeText(text, caught))) return false;
  const body = handler.parent?.type === 'try_statement' ? handler.parent.fields.body : undefined;
  return body !== undefined && V2_ONLY.test(nodeText(text, body));
}

const V2_ONLY = /\bmodel_(?:dump|dump_json|validate|validate_json|copy|construct|fields|json_schema|rebuild|config)\b|\b(?:field_validator|model_validator|ConfigDict|TypeAdapter)\b/;
/** A name or attribute that names pydantic and ends in its major version: `PYDANTIC_V2`, `compat.IS_PYDANTIC_V1`. */
const VERSION_FLAG = /pydantic\w*?_?v([12])$/i;
/** An expression that reads pydantic's version: `pydantic.VERSION`, `PYDANTIC_VERSION`, `version("pydantic")`. */
const NAMES_PYDANTIC = /pydantic/i;

/** What `test` says of pydantic's major version, or undefined when it does not read it. */
function versionTest(text: string, test: PyNode | undefined): VersionTest | undefined {
  if (!test) return undefined;
  const source = nodeText(text, test);
  switch (test.type) {
    case 'parenthesized_expression':
      return versionTest(text, test.children.find((part) => part.type !== 'comment'));
    case 'not_operator': {
      const inner = versionTest(text, test.fields.argument);
      return inner && { whenTrue: inner.whenFalse, whenFalse: inner.whenTrue };
    }
    case 'boolean_operator': {
      const left = versionTest(text, test.fields.left);
      const right = versionTest(text, test.fields.right);
      if (!left && !right) return undefined;
      const isAnd = /^\s*and\b/.test(text.slice(test.fields.left!.range[1], test.fields.right!.range[0]));
      // `a and b` holds only if both do; it fails if either does (and the other says nothing for sure).
      return isAnd
        ? { whenTrue: left?.whenTrue ?? right?.whenTrue, whenFalse: left?.whenFalse === right?.whenFalse ? left?.whenFalse : 'either' }
        : { whenTrue: left?.whenTrue === right?.whenTrue ? left?.whenTrue : 'either', whenFalse: left?.whenFalse ?? right?.whenFalse };
    }
    case 'identifier':
    case 'attribute': {
      const flag = VERSION_FLAG.exec(source.replace(/\s+/g, ''));
      if (!flag) return unreadableIfVersion(source);
      const major: Major = flag[1] === '1' ? 'v1' : 'v2';
      return { whenTrue: major, whenFalse: other(major) };
    }
    case 'call':
      return callTest(text, test, source);
    case 'comparison_operator':
      return comparisonTest(text, test, source);
    default:
      return NAMES_PYDANTIC.test(source) && /version|_v[12]\b/i.test(source) ? EITHER : undefined;
  }
}

const EITHER: VersionTest = { whenTrue: 'either', whenFalse: 'either' };
/** A name or call that reads pydantic's version in a way not read here (`PYDANTIC_VERSION`, `version("pydantic")`). */
const unreadableIfVersion = (source: string): VersionTest | undefined => (NAMES_PYDANTIC.test(source) && /version/i.test(source) ? EITHER : undefined);
const majorTest = (major: Major): VersionTest => ({ whenTrue: major, whenFalse: other(major) });

/** `pydantic.VERSION.startswith("1.")`, `hasattr(m, "model_dump")`. */
function callTest(text: string, call: PyNode, source: string): VersionTest | undefined {
  const callee = nodeText(text, call.fields.function);
  const strings = (call.fields.arguments?.children ?? []).filter((argument) => argument.type === 'string').map((argument) => nodeText(text, argument).replace(/^[a-zA-Z]*['"]+|['"]+$/g, ''));
  if (/\.startswith$/.test(callee) && NAMES_PYDANTIC.test(callee)) {
    const major = /^([12])(?:\.|$)/.exec(strings[0] ?? '')?.[1];
    return major ? majorTest(major === '1' ? 'v1' : 'v2') : EITHER;
  }
  // `is_pydantic_v2()`
  const flag = VERSION_FLAG.exec(callee.replace(/\s+/g, ''));
  if (flag && (call.fields.arguments?.children.length ?? 0) === 0) return majorTest(flag[1] === '1' ? 'v1' : 'v2');
  if (callee === 'hasattr' && strings.length === 1) {
    if (V2_ONLY.test(strings[0]!)) return majorTest('v2');
    if (Object.hasOwn(V1_MEMBERS, strings[0]!) && strings[0] !== 'json' && strings[0] !== 'copy') return majorTest('v1');
    return undefined;
  }
  return unreadableIfVersion(source);
}

/** `pydantic.VERSION < "2"`, `PYDANTIC_MAJOR == 1`, `int(pydantic.VERSION[0]) >= 2`: judged for a 1.x and a 2.x. */
function comparisonTest(text: string, comparison: PyNode, source: string): VersionTest | undefined {
  const operands = comparison.children.filter((part) => part.type !== 'comment');
  if (!NAMES_PYDANTIC.test(source) || !/version|major/i.test(source)) return undefined;
  if (operands.length !== 2) return EITHER;
  const [left, right] = operands as [PyNode, PyNode];
  const operator = text.slice(left.range[1], right.range[0]).trim();
  const literal = (node: PyNode) => /^[a-zA-Z]*['"(]*\s*(\d+)/.exec(nodeText(text, node))?.[1];
  const leftMajor = literal(left);
  const rightMajor = literal(right);
  // the version on one side, a literal major on the other
  const [bound, flipped] = rightMajor !== undefined && leftMajor === undefined ? [Number(rightMajor), false] : leftMajor !== undefined && rightMajor === undefined ? [Number(leftMajor), true] : [undefined, false];
  if (bound === undefined) return EITHER;
  const holds = (major: number): boolean | undefined => {
    const [a, b] = flipped ? [bound, major] : [major, bound];
    // majors only: `"2" <= VERSION` is true of every 2.x, `VERSION < "2"` of every 1.x
    switch (operator) {
      case '==':
        return a === b;
      case '!=':
        return a !== b;
      case '<':
        return a < b;
      case '<=':
        return a <= b;
      case '>':
        return a > b;
      case '>=':
        return a >= b;
      default:
        return undefined;
    }
  };
  const [onV1, onV2] = [holds(1), holds(2)];
  if (onV1 === undefined || onV2 === undefined || onV1 === onV2) return EITHER;
  return majorTest(onV1 ? 'v1' : 'v2');
}
