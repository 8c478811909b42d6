// A service-shaped TypeScript repository (issue 16): a NestJS-style API of feature modules, in the proportions of
// a real one — ~1,400 files and ~3.5 MB at the default size, ~5% of files holding a renamable class-transformer
// call (plainToClass/classToPlain/classToClass, named and namespace imports, a few `jest.spyOn(ct, …)`), ~219 more
// importing class-transformer for its decorators only, ~4.3 imports a file through relative paths, barrels
// (`index.ts`) and the `@app/*` path alias, and ~286 `*.spec.ts` files. Look-alikes real code has everywhere
// (array `.slice`, `JSON.stringify`, `toISOString`, `@Transform` with the new callback) are not findings.
// Deterministic: the text is a function of the feature count.
import { camel, ESLINT_NO_DEPRECATED_CONFIG, json, pascal, random } from './gen-common.mjs';
import { serviceTsPackages } from './service-ts-stubs.mjs';
import { featureFiles } from './service-ts-feature.mjs';

/** The default size: 92 features make ~1,400 files. */
export const SERVICE_TS_FEATURES = 92;

const DOMAINS = ['billing', 'accounts', 'orders', 'shipping', 'catalog', 'reporting', 'identity', 'messaging'];
const NOUNS = [
  'invoice', 'payment', 'customer', 'order', 'shipment', 'product', 'inventory', 'warehouse', 'supplier', 'refund',
  'coupon', 'subscription', 'plan', 'user', 'role', 'permission', 'session', 'audit-log', 'notification', 'webhook',
  'report', 'tenant', 'address', 'carrier', 'price', 'discount', 'ledger', 'tax-rate', 'receipt', 'category',
];
const SUFFIXES = ['', 'item', 'event', 'note', 'history', 'setting', 'snapshot', 'batch'];

/** Feature i: its name, domain, directory and the earlier features it depends on. */
export function featureInfo(i) {
  const noun = NOUNS[i % NOUNS.length];
  const suffix = SUFFIXES[Math.floor(i / NOUNS.length) % SUFFIXES.length];
  const name = suffix ? `${noun}-${suffix}` : noun;
  const domain = DOMAINS[i % DOMAINS.length];
  return { index: i, name, domain, dir: `src/modules/${domain}/${name}`, alias: `@app/modules/${domain}/${name}`, Name: pascal(name), name_: camel(name) };
}

/**
 * Where a feature holds deprecated calls (seeded per feature): its mapper (named imports, 2–3 calls), its service
 * (1–2 calls; every other one through `import * as ct`), its controller (1 call), and the service spec spying on
 * the namespace when the service calls through it. A small repository (under 10 features, for tests) gets a spy
 * and a controller call in any case, so every form occurs in it.
 */
export function featureNeedles(i, features = SERVICE_TS_FEATURES) {
  const small = features < 10;
  const next = random(1000 + i);
  const mapper = next() < 0.44 ? 2 + (next() < 0.35 ? 1 : 0) : 0;
  const service = next() < 0.22 ? 1 + (next() < 0.4 ? 1 : 0) : 0;
  const namespace = service > 0 && next() < 0.5;
  const controller = next() < 0.06 || (small && i === 2) ? 1 : 0;
  const spy = namespace && (next() < 0.6 || (small && i === 1));
  const decoratorsInCreateDto = next() < 0.38;
  return { mapper, service, namespace, controller, spy, decoratorsInCreateDto };
}

function dependencies(i, features) {
  if (i === 0) return [];
  const next = random(5000 + i);
  const first = Math.floor((i - 1) / 3);
  const second = Math.floor(next() * i);
  return [...new Set([first, second])].filter((d) => d < features && d !== i).map(featureInfo);
}

function commonFiles() {
  return {
    'src/common/entities/base.entity.ts': `import { Expose, Type } from 'class-transformer';

/** What every stored record has: an id and its timestamps. */
export abstract class BaseEntity {
  @Expose()
  id!: string;

  @Expose()
  @Type(() => Date)
  createdAt!: Date;

  @Expose()
  @Type(() => Date)
  updatedAt!: Date;

  touch(now: Date = new Date()): void {
    this.updatedAt = now;
  }
}
`,
    'src/common/entities/index.ts': "export * from './base.entity';\n",
    'src/common/database/in-memory.repository.ts': `import { BaseEntity } from '../entities';
import { newId } from '../utils/ids';

/** A repository over a Map: the persistence layer the feature repositories extend. */
export class InMemoryRepository<T extends BaseEntity> {
  protected readonly rows = new Map<string, T>();

  findAll(): T[] {
    return [...this.rows.values()].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  }

  findOne(id: string): T | undefined {
    return this.rows.get(id);
  }

  page(offset: number, limit: number): T[] {
    return this.findAll().slice(offset, offset + limit);
  }

  count(): number {
    return this.rows.size;
  }

  save(entity: T): T {
    if (!entity.id) entity.id = newId();
    const now = new Date();
    if (!entity.createdAt) entity.createdAt = now;
    entity.touch(now);
    this.rows.set(entity.id, entity);
    return entity;
  }

  remove(id: string): boolean {
    return this.rows.delete(id);
  }
}
`,
    'src/common/database/index.ts': "export * from './in-memory.repository';\n",
    'src/common/dto/pagination-query.dto.ts': `import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class PaginationQueryDto {
  @IsOptional()
  @IsInt()
  @Min(0)
  offset?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
`,
    'src/common/dto/paginated.ts': `export interface Paginated<T> {
  items: T[];
  total: number;
  offset: number;
  limit: number;
}

export function paginate<T>(items: T[], total: number, offset = 0, limit = 25): Paginated<T> {
  return { items, total, offset, limit };
}
`,
    'src/common/dto/index.ts': "export * from './pagination-query.dto';\nexport * from './paginated';\n",
    'src/common/utils/ids.ts': `let sequence = 0;

/** A sortable id: the time in base 36 and a sequence number. */
export function newId(now: number = Date.now()): string {
  sequence = (sequence + 1) % 1_000_000;
  return \`\${now.toString(36)}-\${sequence.toString(36).padStart(4, '0')}\`;
}
`,
    'src/common/utils/dates.ts': `/** The current instant as an ISO 8601 string (UTC). */
export function isoNow(): string {
  return new Date().toISOString();
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

export function isExpired(date: Date | undefined, now: Date = new Date()): boolean {
  return date !== undefined && date.getTime() < now.getTime();
}
`,
    'src/common/utils/strings.ts': `export function slugify(text: string): string {
  return text.toLowerCase().trim().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

export function truncate(text: string, length = 80): string {
  return text.length <= length ? text : \`\${text.slice(0, length - 1)}…\`;
}

export function encodeCursor(value: string): string {
  return Buffer.from(value, 'utf8').toString('base64url');
}
`,
    'src/common/utils/index.ts': "export * from './dates';\nexport * from './ids';\nexport * from './strings';\n",
    'src/common/config/app.config.ts': `export interface AppConfig {
  port: number;
  databaseUrl: string;
  publicBaseUrl: string;
  pageSize: number;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  return {
    port: Number(env.PORT ?? 3000),
    databaseUrl: env.DATABASE_URL ?? 'postgres://localhost:5432/service',
    publicBaseUrl: env.PUBLIC_BASE_URL ?? 'http://localhost:3000',
    pageSize: Number(env.PAGE_SIZE ?? 25),
  };
}
`,
    'src/common/filters/http-exception.filter.ts': `import { ArgumentsHost, Catch, ExceptionFilter, HttpException } from '@nestjs/common';
import { isoNow } from '../utils';

@Catch(HttpException)
export class HttpExceptionFilter implements ExceptionFilter<HttpException> {
  catch(exception: HttpException, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<{ status(code: number): { json(body: unknown): void } }>();
    const status = exception.getStatus();
    response.status(status).json({ statusCode: status, message: exception.message, timestamp: isoNow() });
  }
}
`,
    'src/common/interceptors/logging.interceptor.ts': `import { CallHandler, ExecutionContext, Logger, NestInterceptor } from '@nestjs/common';

export class LoggingInterceptor implements NestInterceptor {
  private readonly logger = new Logger('HTTP');

  intercept(context: ExecutionContext, next: CallHandler): unknown {
    const started = Date.now();
    const handler = \`\${context.getClass().name}.\${context.getHandler().name}\`;
    return next.handle().subscribe((value) => {
      this.logger.log(\`\${handler} \${Date.now() - started} ms \${JSON.stringify(value).length} bytes\`);
    });
  }
}
`,
    'src/common/index.ts': [
      'database', 'dto', 'entities', 'utils',
    ].map((dir) => `export * from './${dir}';\n`).join('') + "export * from './config/app.config';\nexport * from './filters/http-exception.filter';\nexport * from './interceptors/logging.interceptor';\n",
  };
}

function appFiles(features) {
  const infos = Array.from({ length: features }, (_, i) => featureInfo(i));
  const module = [
    "import { Module } from '@nestjs/common';",
    ...infos.map((f) => `import { ${f.Name}Module } from '${f.alias}/${f.name}.module';`),
    '',
    '@Module({',
    '  imports: [',
    ...infos.map((f) => `    ${f.Name}Module,`),
    '  ],',
    '})',
    'export class AppModule {}',
    '',
  ].join('\n');
  const main = `import { HttpExceptionFilter, LoggingInterceptor, loadConfig } from '@app/common';
import { AppModule } from './app.module';

export async function bootstrap(): Promise<void> {
  const config = loadConfig();
  const filters = [new HttpExceptionFilter()];
  const interceptors = [new LoggingInterceptor()];
  console.log(\`\${AppModule.name} listening on \${config.port} (\${filters.length} filters, \${interceptors.length} interceptors)\`);
}
`;
  return { 'src/app.module.ts': module, 'src/main.ts': main };
}


/** Every file of the service (relative path → text), node_modules declarations included. */
export function serviceTsFiles(features = SERVICE_TS_FEATURES) {
  const files = {
    'package.json': json({
      name: 'bench-service-ts',
      version: '1.0.0',
      private: true,
      scripts: { build: 'tsc -p tsconfig.json', test: 'jest' },
      dependencies: { '@nestjs/common': '^10.3.0', 'class-transformer': '0.5.1', 'class-validator': '^0.14.1' },
      devDependencies: { '@types/jest': '^29.5.12', '@types/node': '^20.11.0', typescript: '~6.0' },
    }),
    'tsconfig.json': json({
      compilerOptions: {
        target: 'ES2022',
        module: 'nodenext',
        moduleResolution: 'nodenext',
        lib: ['ES2023'],
        types: ['node', 'jest'],
        strict: true,
        strictPropertyInitialization: false,
        experimentalDecorators: true,
        emitDecoratorMetadata: true,
        skipLibCheck: true,
        noEmit: true,
        paths: { '@app/*': ['./src/*'] },
      },
      include: ['src'],
    }),
    'deprecfix.manifest.json': json({ version: 1, scopes: { service: ['src/**/*.ts'] } }),
    '.gitignore': 'node_modules/\ndeprecfix-report.*\n',
    'eslint.no-deprecated.config.mjs': ESLINT_NO_DEPRECATED_CONFIG,
    ...serviceTsPackages(),
    ...commonFiles(),
    ...appFiles(features),
  };
  for (let i = 0; i < features; i++) {
    Object.assign(files, featureFiles(featureInfo(i), featureNeedles(i, features), dependencies(i, features)));
  }
  return files;
}
