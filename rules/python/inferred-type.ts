/** The values of the receiver proof: a class, by key, and what an expression is known to be (`Ty`). */

/** A class: one of the repository (`file` + `name`, `start` for classes defined inside functions) or a library's. */
export type ClassKey = { file: string; name: string; start?: number } | { external: string };

/** What an expression is known to be, as far as the receiver proof cares. */
export type Ty =
  /** `open`: `self`/`cls`, which may be a subclass that adds a base (a mixin's `self` in a model). */
  | { k: 'inst'; classes: ClassKey[]; open?: boolean }
  | { k: 'cls'; classes: ClassKey[]; open?: boolean }
  /** A list/sequence/set/iterator: not a model, iterating it gives `elem`. */
  | { k: 'iter'; elem: Ty }
  /** A dict/mapping: not a model, subscripting it gives `value`. */
  | { k: 'map'; value: Ty }
  | { k: 'none' }
  | { k: 'not-model' }
  | { k: 'unknown' };

export const UNKNOWN: Ty = { k: 'unknown' };
export const NOT_MODEL: Ty = { k: 'not-model' };

/** The union of two inferred types; `None` drops out (a method call on `None` fails the same way under either name). */
export function unionTy(a: Ty, b: Ty): Ty {
  if (a.k === 'none') return b;
  if (b.k === 'none') return a;
  if (a.k === 'unknown' || b.k === 'unknown') return UNKNOWN;
  if ((a.k === 'inst' && b.k === 'inst') || (a.k === 'cls' && b.k === 'cls')) {
    return { k: a.k, classes: uniqueKeys([...a.classes, ...b.classes]), ...(a.open || b.open ? { open: true } : {}) };
  }
  if (a.k === 'iter' && b.k === 'iter') return { k: 'iter', elem: unionTy(a.elem, b.elem) };
  if (a.k === 'map' && b.k === 'map') return { k: 'map', value: unionTy(a.value, b.value) };
  const notModel = (ty: Ty): boolean => ty.k === 'not-model' || ty.k === 'iter' || ty.k === 'map';
  if (notModel(a) && notModel(b)) return NOT_MODEL;
  return UNKNOWN;
}

/** A class key as a string, to memoise and de-duplicate by. */
export function keyId(key: ClassKey): string {
  return 'external' in key ? `ext:${key.external}` : `${key.file}#${key.name}#${key.start ?? ''}`;
}

function uniqueKeys(keys: ClassKey[]): ClassKey[] {
  const seen = new Map<string, ClassKey>();
  for (const key of keys) seen.set(keyId(key), key);
  return [...seen.values()];
}
