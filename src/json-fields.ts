import { UsageError } from './errors.js';

/**
 * Reading back a JSON file deprecfix wrote (a saved report, a saved history): field by field, so the error names the
 * file and the first field that is wrong (`before.byRule.x must be a whole number ≥ 0`), with a hint what to pass.
 */
export class JsonFields {
  constructor(
    private readonly file: string,
    private readonly hint: string,
    /** Said before the field (`not a deprecfix report: `). */
    private readonly prefix = '',
  ) {}

  /** The parsed value (a BOM is allowed); malformed JSON is a usage error naming the file. */
  parse(text: string): unknown {
    try {
      return JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (error) {
      throw new UsageError(`${this.file}: not valid JSON (${(error as Error).message})`, this.hint);
    }
  }

  object(value: unknown, path: string): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) this.fail(path, 'must be an object');
    return value as Record<string, unknown>;
  }

  array(value: unknown, path: string): unknown[] {
    if (!Array.isArray(value)) this.fail(path, 'must be an array');
    return value as unknown[];
  }

  optionalArray(value: unknown, path: string): unknown[] {
    return value === undefined ? [] : this.array(value, path);
  }

  string(value: unknown, path: string): string {
    if (typeof value !== 'string') this.fail(path, 'must be a string');
    return value as string;
  }

  count(value: unknown, path: string): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) this.fail(path, 'must be a whole number ≥ 0');
    return value as number;
  }

  optionalBoolean(value: unknown, path: string): boolean {
    if (value === undefined) return false;
    if (typeof value !== 'boolean') this.fail(path, 'must be true or false');
    return value as boolean;
  }

  numberRecord(value: unknown, path: string): Record<string, number> {
    const record = this.object(value, path);
    return Object.fromEntries(Object.entries(record).map(([key, count]) => [key, this.count(count, `${path}[${JSON.stringify(key)}]`)]));
  }

  fail(path: string, problem: string): never {
    throw new UsageError(`${this.file}: ${this.prefix}${path} ${problem}`, this.hint);
  }
}
