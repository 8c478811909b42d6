// Generates the benchmark repositories into bench/.work/ (deterministic; reused while GENERATOR_VERSION and the
// size are unchanged): TypeScript repositories of any size (run.mjs uses 20 and 2,000 files, 200 with --quick) and
// a ~5 MB Python one. `node bench/generate.mjs` makes 20, 200, 500 and 2,000; run.mjs makes what it needs.
//
// TypeScript repositories: `src/<area>/<noun><i>.ts`, file i imports from file floor((i-1)/4), so the imports form
// a tree and a scoped run must load (a chain of) parents. File i's text depends on i only, so the first 20 files of
// the 500- and 2,000-file repositories are byte-identical to the 20-file repository and P1 compares the same work.
// Each repository is its own git repository (one commit), so deprecfix finds its root, manifest and clean state
// there rather than in /work/main.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ESLINT_NO_DEPRECATED_CONFIG, random, writeRepo } from './gen-common.mjs';
import { SERVICE_PY_FEATURES, servicePyFiles } from './service-py.mjs';
import { SERVICE_TS_FEATURES, serviceTsFiles } from './service-ts.mjs';

/** Bump when the generated text changes: stale repositories in bench/.work are then regenerated. */
export const GENERATOR_VERSION = 6;

export const WORK_DIR = fileURLToPath(new URL('./.work/', import.meta.url));

/** The 20 files every size shares, listed in the manifest scope `bench` (P1). */
export const SCOPE_FILES = 20;

/** This deprecfix checkout: the benchmark repositories link node_modules/deprecfix to it. */
export const DEPRECFIX_ROOT = fileURLToPath(new URL('../', import.meta.url));

const STAMP = '.bench-stamp.json';

const AREAS = ['billing', 'accounts', 'orders', 'shipping', 'catalog', 'reports', 'auth', 'notifications'];
const NOUNS = ['invoice', 'ledger', 'customer', 'session', 'parcel', 'product', 'summary', 'token', 'channel', 'refund', 'quota', 'batch'];

// ---------------------------------------------------------------------------------------------------------------
// TypeScript modules

const pascal = (word) => word[0].toUpperCase() + word.slice(1);

function moduleInfo(i) {
  const noun = NOUNS[i % NOUNS.length];
  const area = AREAS[Math.floor(i / NOUNS.length) % AREAS.length];
  return {
    file: `src/${area}/${noun}${i}.ts`,
    area,
    type: `${pascal(noun)}${i}`,
    helper: `${noun}${i}Score`,
  };
}

export function tsFilePath(i) {
  return moduleInfo(i).file;
}

function importPath(fromFile, toFile) {
  let relative = path.posix.relative(path.posix.dirname(fromFile), toFile).replace(/\.ts$/, '.js');
  if (!relative.startsWith('.')) relative = `./${relative}`;
  return relative;
}

/**
 * The deprecated calls a file may contain, one block each (deprecfix kind in brackets). Every file gets at least two;
 * the choice rotates with the index so every kind occurs in every 20 files.
 */
const FINDING_BLOCKS = [
  'plainToClass', // class-transformer-rename
  'classToPlain', // class-transformer-rename
  'zonedTimeToUtc', // date-fns-tz-rename
  'utcToZonedTime', // date-fns-tz-rename
  'bufferSlice', // buffer-slice
  'bufferConstructor', // buffer-constructor
  'toGMTString', // annexb-togmtstring
  'getYear', // annexb-getyear
  'jsonClone', // json-roundtrip-clone
];

function chooseBlocks(i, next) {
  const chosen = new Set([FINDING_BLOCKS[i % FINDING_BLOCKS.length], FINDING_BLOCKS[(i * 4 + 3) % FINDING_BLOCKS.length]]);
  for (const block of FINDING_BLOCKS) if (next() < 0.25) chosen.add(block);
  return FINDING_BLOCKS.filter((block) => chosen.has(block));
}

export function tsModuleText(i) {
  const next = random(i + 1);
  const me = moduleInfo(i);
  const parent = i > 0 ? moduleInfo(Math.floor((i - 1) / 4)) : undefined;
  const blocks = chooseBlocks(i, next);
  const has = (block) => blocks.includes(block);
  const usesTransformer = has('plainToClass') || has('classToPlain');
  const usesTimeZones = has('zonedTimeToUtc') || has('utcToZonedTime');
  const zone = ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo', 'UTC'][i % 4];
  const { type, helper } = me;

  const lines = [`// ${me.area}: ${type} records, their scoring and their wire format.`];
  if (usesTransformer) {
    // The new name next to the old one: `instanceToPlain` is not a finding.
    const names = ['instanceToPlain', ...(has('plainToClass') ? ['plainToClass'] : []), ...(has('classToPlain') ? ['classToPlain'] : [])];
    lines.push(`import { ${names.join(', ')} } from 'class-transformer';`);
  }
  if (usesTimeZones) {
    const names = ['formatInTimeZone', ...(has('utcToZonedTime') ? ['utcToZonedTime'] : []), ...(has('zonedTimeToUtc') ? ['zonedTimeToUtc'] : [])];
    lines.push(`import { ${names.join(', ')} } from 'date-fns-tz';`);
  }
  if (parent) lines.push(`import { ${parent.type}, ${parent.helper}, type ${parent.type}Record } from '${importPath(me.file, parent.file)}';`);
  lines.push(
    '',
    `export const ${type.toUpperCase()}_ZONE = '${zone}';`,
    '',
    `export interface ${type}Record {`,
    '  id: string;',
    '  createdAt: string;',
    '  amount: number;',
    '  tags: string[];',
    ...(parent ? [`  parent?: ${parent.type}Record;`] : []),
    '}',
    '',
    `export class ${type} {`,
    '  id = \'\';',
    '  createdAt = new Date(0);',
    '  amount = 0;',
    '  tags: string[] = [];',
    '',
    '  constructor(init?: Partial<' + type + '>) {',
    '    Object.assign(this, init);',
    '  }',
    '',
    '  /** The newest tags first, at most `limit` of them. */',
    '  recentTags(limit = 3): string[] {',
    '    return [...this.tags].reverse().slice(0, limit); // Array#slice: not a finding',
    '  }',
    '',
    `  toRecord(): ${type}Record {`,
    '    return { id: this.id, createdAt: this.createdAt.toISOString(), amount: this.amount, tags: this.tags };',
    '  }',
    '}',
    '',
    `export function ${helper}(amount: number): number {`,
    parent ? `  const base = ${parent.helper}(amount / 2);` : '  const base = amount / 2;',
    `  return Math.round((base + ${(i % 7) + 1}) * 100) / 100;`,
    '}',
    '',
  );

  if (has('plainToClass')) {
    lines.push(
      `export function load${type}(raw: unknown): ${type} {`,
      `  return plainToClass(${type}, raw);`,
      '}',
      '',
    );
  }
  if (has('classToPlain')) {
    lines.push(
      `export function save${type}(entity: ${type}): Record<string, unknown> {`,
      '  return classToPlain(entity);',
      '}',
      '',
    );
  }
  if (usesTransformer) {
    lines.push(
      `export function export${type}(entity: ${type}): Record<string, unknown> {`,
      '  return instanceToPlain(entity);',
      '}',
      '',
    );
  }
  if (has('zonedTimeToUtc')) {
    lines.push(
      `export function ${type[0].toLowerCase()}${type.slice(1)}ToUtc(local: Date): Date {`,
      `  return zonedTimeToUtc(local, ${type.toUpperCase()}_ZONE);`,
      '}',
      '',
    );
  }
  if (has('utcToZonedTime')) {
    lines.push(
      `export function ${type[0].toLowerCase()}${type.slice(1)}Label(instant: Date): string {`,
      `  const zoned = utcToZonedTime(instant, ${type.toUpperCase()}_ZONE);`,
      '  return zoned.toISOString();',
      '}',
      '',
    );
  }
  if (usesTimeZones) {
    lines.push(
      `export function ${type[0].toLowerCase()}${type.slice(1)}Stamp(instant: Date): string {`,
      `  return formatInTimeZone(instant, ${type.toUpperCase()}_ZONE, 'yyyy-MM-dd HH:mm');`,
      '}',
      '',
    );
  }
  if (has('bufferSlice')) {
    lines.push(
      `export function ${helper}Header(frame: Buffer): Buffer {`,
      '  return frame.slice(0, 4);',
      '}',
      '',
    );
  }
  if (has('bufferConstructor')) {
    lines.push(
      `export function ${helper}Scratch(size: number): Buffer {`,
      '  const scratch = new Buffer(size);',
      '  scratch.fill(0);',
      '  return scratch;',
      '}',
      '',
    );
  }
  if (has('toGMTString')) {
    lines.push(
      `export function ${helper}Expires(entity: ${type}): string {`,
      '  return entity.createdAt.toGMTString();',
      '}',
      '',
    );
  }
  if (has('getYear')) {
    lines.push(
      `export function ${helper}FiscalYear(entity: ${type}): number {`,
      '  return entity.createdAt.getYear() + 1900;',
      '}',
      '',
    );
  }
  if (has('jsonClone')) {
    lines.push(
      `export function clone${type}Record(record: ${type}Record): ${type}Record {`,
      '  return JSON.parse(JSON.stringify(record));',
      '}',
      '',
    );
  }

  // Look-alikes that are not findings: a Uint8Array's copying slice, a fetch Response's json(), Buffer's new API.
  lines.push(
    `export function ${helper}Checksum(bytes: Uint8Array): number {`,
    '  const head = bytes.slice(0, 8);',
    '  let sum = 0;',
    '  for (const byte of head) sum = (sum + byte) % 255;',
    '  return sum;',
    '}',
    '',
    `export async function fetch${type}(baseUrl: string, id: string): Promise<${type}Record> {`,
    '  const response = await fetch(`${baseUrl}/' + me.area + '/${id}`);',
    `  if (!response.ok) throw new Error(\`${type} \${id}: \${response.status}\`);`,
    `  return (await response.json()) as ${type}Record;`,
    '}',
    '',
    `export function ${helper}Digest(entity: ${type}): string {`,
    '  const bytes = Buffer.from(entity.id, \'utf8\');',
    '  return bytes.subarray(0, 16).toString(\'hex\') + entity.createdAt.toUTCString();',
    '}',
    '',
    `export function summarize${type}(entities: ${type}[]): string {`,
    '  const total = entities.reduce((sum, entity) => sum + entity.amount, 0);',
    '  const years = new Set(entities.map((entity) => entity.createdAt.getFullYear()));',
    '  const copy = structuredClone(entities.map((entity) => entity.toRecord()));',
    `  return \`\${copy.length} ${type} in \${years.size} years: \${${helper}(total)}\`;`,
    '}',
  );
  if (parent) {
    lines.push(
      '',
      `export function adopt${type}(parent: ${parent.type}, child: ${type}): ${type} {`,
      '  child.tags = [...parent.tags.slice(0, 2), ...child.tags];',
      '  return child;',
      '}',
    );
  }
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// Type stubs: just enough of each package's declarations, with the real package's @deprecated tags.

const CLASS_TRANSFORMER_DTS = `// class-transformer 0.5.1's rename API, declared by hand. Like the real package, only one overload of each old
// name carries @deprecated.
export type ClassConstructor<T> = { new (...args: any[]): T };
export interface ClassTransformOptions {
  excludeExtraneousValues?: boolean;
  groups?: string[];
  version?: number;
}
export declare function instanceToPlain<T>(object: T, options?: ClassTransformOptions): Record<string, any>;
export declare function instanceToPlain<T>(object: T[], options?: ClassTransformOptions): Record<string, any>[];
export declare function plainToInstance<T, V>(cls: ClassConstructor<T>, plain: V[], options?: ClassTransformOptions): T[];
export declare function plainToInstance<T, V>(cls: ClassConstructor<T>, plain: V, options?: ClassTransformOptions): T;
/** @deprecated Function name changed, use the \`instanceToPlain\` method instead. */
export declare function classToPlain<T>(object: T, options?: ClassTransformOptions): Record<string, any>;
export declare function classToPlain<T>(object: T[], options?: ClassTransformOptions): Record<string, any>[];
/** @deprecated Function name changed, use the \`plainToInstance\` method instead. */
export declare function plainToClass<T, V>(cls: ClassConstructor<T>, plain: V[], options?: ClassTransformOptions): T[];
export declare function plainToClass<T, V>(cls: ClassConstructor<T>, plain: V, options?: ClassTransformOptions): T;
`;

const DATE_FNS_TZ_DTS = `// date-fns-tz 3.0.0, declared by hand. 3.0 renamed zonedTimeToUtc/utcToZonedTime; the old names are kept here,
// marked @deprecated, so that a peer relying on @deprecated has something to find.
export declare function fromZonedTime(date: Date | string | number, timeZone: string): Date;
export declare function toZonedTime(date: Date | string | number, timeZone: string): Date;
export declare function formatInTimeZone(date: Date | string | number, timeZone: string, formatStr: string): string;
/** @deprecated Renamed to \`fromZonedTime\` in 3.0.0. */
export declare function zonedTimeToUtc(date: Date | string | number, timeZone: string): Date;
/** @deprecated Renamed to \`toZonedTime\` in 3.0.0. */
export declare function utcToZonedTime(date: Date | string | number, timeZone: string): Date;
`;

const NODE_DTS = `// The slice of @types/node the benchmark code uses: the global Buffer.
type BufferEncoding = 'ascii' | 'utf8' | 'utf-8' | 'utf16le' | 'base64' | 'base64url' | 'latin1' | 'binary' | 'hex';

interface Buffer extends Uint8Array {
  /** @deprecated Use \`subarray\`: unlike Uint8Array#slice, Buffer#slice does not copy. */
  slice(start?: number, end?: number): Buffer;
  subarray(start?: number, end?: number): Buffer;
  toString(encoding?: BufferEncoding, start?: number, end?: number): string;
  fill(value: string | Uint8Array | number, offset?: number, end?: number): this;
  writeUInt32BE(value: number, offset?: number): number;
}

interface BufferConstructor {
  /** @deprecated since v10.0.0 - Use \`Buffer.alloc()\` instead (also see \`Buffer.allocUnsafe()\`). */
  new (size: number): Buffer;
  /** @deprecated since v10.0.0 - Use \`Buffer.from(string[, encoding])\` instead. */
  new (str: string, encoding?: BufferEncoding): Buffer;
  alloc(size: number, fill?: string | Uint8Array | number, encoding?: BufferEncoding): Buffer;
  from(data: string, encoding?: BufferEncoding): Buffer;
  from(data: Uint8Array | readonly number[] | ArrayBuffer): Buffer;
  isBuffer(value: unknown): value is Buffer;
}

declare var Buffer: BufferConstructor;
`;

// Annex B Date methods are not in TypeScript's lib; code that still calls them declares them (and marks them).
const LEGACY_DATE_DTS = `// Annex B Date methods that TypeScript's lib does not declare.
interface Date {
  /** @deprecated Use \`toUTCString()\`. */
  toGMTString(): string;
  /** @deprecated Use \`getFullYear()\`: getYear() counts from 1900. */
  getYear(): number;
}
`;

const ESLINT_RECOMMENDED_CONFIG = `// deprecfix's recommended config (typed, warn) on the TypeScript sources.
import deprecfix from 'deprecfix/eslint-plugin';

export default [
  ...deprecfix.configs.recommended,
  { languageOptions: { parserOptions: { tsconfigRootDir: import.meta.dirname } } },
];
`;


function stubPackage(name, version, dts) {
  return {
    [`node_modules/${name}/package.json`]: `${JSON.stringify({ name, version, types: 'index.d.ts' }, null, 2)}\n`,
    [`node_modules/${name}/index.d.ts`]: dts,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Writing repositories

function json(value) {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export function tsRepoFiles(fileCount) {
  const scope = Array.from({ length: Math.min(SCOPE_FILES, fileCount) }, (_, i) => tsFilePath(i));
  const files = {
    'package.json': json({
      name: 'bench-ts-repo',
      version: '1.0.0',
      private: true,
      type: 'module',
      dependencies: { 'class-transformer': '^0.5.1', 'date-fns-tz': '^3.0.0' },
      devDependencies: { '@types/node': '^20.0.0' },
    }),
    'tsconfig.json': json({
      compilerOptions: {
        target: 'ES2022',
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        lib: ['ES2023', 'DOM'],
        types: ['node'],
        strict: true,
        skipLibCheck: true,
        noEmit: true,
      },
      include: ['src'],
    }),
    // `--scope all` is the union of the manifest's scopes, so `everything` makes it the whole repository (P3).
    'deprecfix.manifest.json': json({ version: 1, scopes: { bench: scope, everything: ['src/**/*.ts'] } }),
    '.gitignore': 'node_modules/\ndeprecfix-report.*\n',
    // The peers' configurations, as a team would write them (P2, P3). `deprecfix` resolves through the
    // node_modules/deprecfix link to this checkout; typescript-eslint from the checkout's node_modules above.
    'eslint.recommended.config.mjs': ESLINT_RECOMMENDED_CONFIG,
    'eslint.no-deprecated.config.mjs': ESLINT_NO_DEPRECATED_CONFIG,
    'src/legacy-date.d.ts': LEGACY_DATE_DTS,
    ...stubPackage('class-transformer', '0.5.1', CLASS_TRANSFORMER_DTS),
    ...stubPackage('date-fns-tz', '3.0.0', DATE_FNS_TZ_DTS),
    ...stubPackage('@types/node', '20.11.0', NODE_DTS),
  };
  for (let i = 0; i < fileCount; i++) files[tsFilePath(i)] = tsModuleText(i);
  return files;
}

/** The Python repository: pydantic 2 models still using v1 methods and datetime.utcnow, ~`megabytes` MB. */
export function pythonRepoFiles(megabytes) {
  const files = { 'requirements.txt': 'pydantic==2.7.1\n', 'app/__init__.py': '' };
  let bytes = 0;
  for (let index = 0; bytes < megabytes * 1024 * 1024; index++) {
    const text = pythonModuleText(index);
    files[`app/module_${index}.py`] = text;
    bytes += Buffer.byteLength(text);
  }
  return files;
}

function pythonModuleText(index) {
  const lines = [
    'from datetime import datetime, timezone',
    'from typing import Optional',
    '',
    'from pydantic import BaseModel, Field',
    '',
    '',
  ];
  for (let c = 0; c < 12; c++) {
    lines.push(
      `class Model${index}_${c}(BaseModel):`,
      '    id: str',
      '    name: Optional[str] = None',
      '    created_at: datetime = Field(default_factory=datetime.utcnow)',
      '',
      '    def describe(self) -> dict:',
      '        return self.dict(exclude_unset=True)',
      '',
      '',
      `def handle_${index}_${c}(payload: dict) -> dict:`,
      `    model = Model${index}_${c}.parse_obj(payload)`,
      '    stamp = datetime.now(timezone.utc)',
      `    values = [value * ${c} for value in range(10) if value % 2]`,
      '    return {"model": model.model_dump(), "stamp": stamp.isoformat(), "values": values}',
      '',
      '',
    );
  }
  return lines.join('\n');
}

/** Regenerates `dir` unless its stamp says it was made by this generator version with these parameters. */
function ensureRepo(name, parameters, makeFiles, links) {
  const dir = path.join(WORK_DIR, name);
  const stamp = { generator: GENERATOR_VERSION, ...parameters };
  const stampPath = path.join(dir, STAMP);
  if (existsSync(stampPath) && readFileSync(stampPath, 'utf8') === json(stamp)) return { dir, generated: false };
  writeRepo(dir, makeFiles(), links);
  writeFileSync(stampPath, json(stamp)); // after the commit, and ignored by the repo's .git/info/exclude
  writeFileSync(path.join(dir, '.git/info/exclude'), `${STAMP}\n`);
  return { dir, generated: true };
}

export function ensureTsRepo(fileCount) {
  const links = { 'node_modules/deprecfix': DEPRECFIX_ROOT.replace(/\/$/, '') };
  return { ...ensureRepo(`ts-${fileCount}`, { files: fileCount }, () => tsRepoFiles(fileCount), links), files: fileCount };
}

export function ensurePythonRepo(megabytes = 5) {
  return ensureRepo(`py-${megabytes}mb`, { megabytes }, () => pythonRepoFiles(megabytes));
}

/**
 * Writes the service-shaped TypeScript repository (bench/service-ts.mjs) to `dir` as a committed git repository.
 * `node_modules/typescript-eslint` links to this checkout's, for the typed-ESLint peer's config.
 */
export function writeServiceTs(dir, features = SERVICE_TS_FEATURES) {
  const links = { 'node_modules/typescript-eslint': path.join(DEPRECFIX_ROOT, 'node_modules/typescript-eslint') };
  writeRepo(dir, serviceTsFiles(features), links);
  return { dir, features };
}

/** Writes the Python service (bench/service-py.mjs) to `dir` as a committed git repository. */
export function writeServicePy(dir, features = SERVICE_PY_FEATURES) {
  writeRepo(dir, servicePyFiles(features));
  return { dir, features };
}

/** The service repositories in bench/.work/, regenerated when the generator version or size changes. */
export function ensureServiceTs(features = SERVICE_TS_FEATURES) {
  return ensureRepo(`service-ts-${features}`, { features }, () => serviceTsFiles(features), {
    'node_modules/typescript-eslint': path.join(DEPRECFIX_ROOT, 'node_modules/typescript-eslint'),
  });
}

export function ensureServicePy(features = SERVICE_PY_FEATURES) {
  return ensureRepo(`service-py-${features}`, { features }, () => servicePyFiles(features));
}

const USAGE = `node bench/generate.mjs                                  the P1–P5 repositories in bench/.work/
node bench/generate.mjs service-ts <dir> [--features N]   the service-shaped TypeScript repository (default ${SERVICE_TS_FEATURES} features ≈ 1,400 files)
node bench/generate.mjs service-py <dir> [--features N]   the Python service (default ${SERVICE_PY_FEATURES} features ≈ 600 files)`;

function main(argv) {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { features: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) return console.log(USAGE);
  const [what, dir] = positionals;
  if (what === undefined) {
    for (const size of [20, 200, 500, 2000]) {
      const { dir: repo, generated } = ensureTsRepo(size);
      console.log(`${generated ? 'generated' : 'up to date'} ${repo}`);
    }
    const { dir: repo, generated } = ensurePythonRepo();
    console.log(`${generated ? 'generated' : 'up to date'} ${repo}`);
    return;
  }
  const writers = { 'service-ts': writeServiceTs, 'service-py': writeServicePy };
  const features = values.features === undefined ? undefined : Number(values.features);
  if (!writers[what] || !dir || positionals.length > 2 || (features !== undefined && !(Number.isInteger(features) && features > 0))) {
    console.error(USAGE);
    process.exit(2);
  }
  const target = path.resolve(dir);
  writers[what](target, features);
  const files = execFileSync('git', ['ls-files'], { cwd: target, encoding: 'utf8' }).split('\n').filter(Boolean);
  const bytes = files.reduce((sum, file) => sum + statSync(path.join(target, file)).size, 0);
  console.log(`${what}: ${files.length} files, ${(bytes / 1024 / 1024).toFixed(2)} MB committed in ${target}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
