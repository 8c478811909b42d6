// The installed packages of the service-shaped TypeScript repository (bench/service-ts.mjs): declarations only,
// written by hand for this benchmark, shaped like the real packages (class-transformer 0.5.1 keeps its types under
// types/ with one file per decorator; only one overload of each renamed function carries @deprecated), and just
// complete enough that the generated service type-checks with `tsc --noEmit`.
import { json } from './gen-common.mjs';

const CT_OPTIONS = `export interface ClassTransformOptions {
  strategy?: 'excludeAll' | 'exposeAll';
  excludeExtraneousValues?: boolean;
  groups?: string[];
  version?: number;
  excludePrefixes?: string[];
  ignoreDecorators?: boolean;
  enableImplicitConversion?: boolean;
  exposeDefaultValues?: boolean;
  exposeUnsetFields?: boolean;
}
`;

const CT_TRANSFORMER = `import { ClassTransformOptions } from './interfaces';
import { ClassConstructor } from './interfaces';
export declare class ClassTransformer {
  instanceToPlain<T extends Record<string, any>>(object: T, options?: ClassTransformOptions): Record<string, any>;
  instanceToPlain<T extends Record<string, any>>(object: T[], options?: ClassTransformOptions): Record<string, any>[];
  plainToInstance<T extends Record<string, any>, V>(cls: ClassConstructor<T>, plain: V[], options?: ClassTransformOptions): T[];
  plainToInstance<T extends Record<string, any>, V>(cls: ClassConstructor<T>, plain: V, options?: ClassTransformOptions): T;
  instanceToInstance<T>(object: T, options?: ClassTransformOptions): T;
}
`;

const CT_INDEX = `import { ClassTransformOptions } from './interfaces';
import { ClassConstructor } from './interfaces';
export { ClassTransformer } from './ClassTransformer';
export * from './decorators';
export * from './interfaces';
export * from './enums';
/**
 * Converts class (constructor) object to plain (literal) object. Also works with arrays.
 *
 * @deprecated Function name changed, use the \`instanceToPlain\` method instead.
 */
export declare function classToPlain<T>(object: T, options?: ClassTransformOptions): Record<string, any>;
export declare function classToPlain<T>(object: T[], options?: ClassTransformOptions): Record<string, any>[];
/**
 * Converts class (constructor) object to plain (literal) object. Also works with arrays.
 */
export declare function instanceToPlain<T>(object: T, options?: ClassTransformOptions): Record<string, any>;
export declare function instanceToPlain<T>(object: T[], options?: ClassTransformOptions): Record<string, any>[];
/**
 * Converts plain (literal) object to class (constructor) object. Also works with arrays.
 *
 * @deprecated Function name changed, use the \`plainToInstance\` method instead.
 */
export declare function plainToClass<T, V>(cls: ClassConstructor<T>, plain: V[], options?: ClassTransformOptions): T[];
export declare function plainToClass<T, V>(cls: ClassConstructor<T>, plain: V, options?: ClassTransformOptions): T;
/**
 * Converts plain (literal) object to class (constructor) object. Also works with arrays.
 */
export declare function plainToInstance<T, V>(cls: ClassConstructor<T>, plain: V[], options?: ClassTransformOptions): T[];
export declare function plainToInstance<T, V>(cls: ClassConstructor<T>, plain: V, options?: ClassTransformOptions): T;
/**
 * Converts class (constructor) object to new class (constructor) object. Also works with arrays.
 *
 * @deprecated Function name changed, use the \`instanceToInstance\` method instead.
 */
export declare function classToClass<T>(object: T, options?: ClassTransformOptions): T;
export declare function classToClass<T>(object: T[], options?: ClassTransformOptions): T[];
export declare function instanceToInstance<T>(object: T, options?: ClassTransformOptions): T;
export declare function instanceToInstance<T>(object: T[], options?: ClassTransformOptions): T[];
/**
 * Serializes given object to a JSON string.
 *
 * @deprecated This function is being removed. Please use \`\`\`JSON.stringify(instanceToPlain(object, options))\`\`\`
 */
export declare function serialize<T>(object: T, options?: ClassTransformOptions): string;
export declare function serialize<T>(object: T[], options?: ClassTransformOptions): string;
/**
 * Deserializes given JSON string to a object of the given class.
 *
 * @deprecated This function is being removed. Please use the following instead:
 * \`\`\`
 * instanceToClass(cls, JSON.parse(json), options)
 * \`\`\`
 */
export declare function deserialize<T>(cls: ClassConstructor<T>, json: string, options?: ClassTransformOptions): T;
`;

const CT_DECORATORS = {
  'expose.decorator': `import { ExposeOptions } from '../interfaces';
/**
 * Marks the given class or property as included. By default the property is included in both
 * constructorToPlain and plainToConstructor transformations.
 */
export declare function Expose(options?: ExposeOptions): PropertyDecorator & ClassDecorator;
`,
  'exclude.decorator': `import { ExcludeOptions } from '../interfaces';
/**
 * Marks the given class or property as excluded.
 */
export declare function Exclude(options?: ExcludeOptions): PropertyDecorator & ClassDecorator;
`,
  'type.decorator': `import { TypeHelpOptions, TypeOptions } from '../interfaces';
/**
 * Specifies a type of the property. The given TypeFunction can return a constructor.
 */
export declare function Type(typeFunction?: (type?: TypeHelpOptions) => Function, options?: TypeOptions): PropertyDecorator;
`,
  'transform.decorator': `import { TransformFnParams, TransformOptions } from '../interfaces';
/**
 * Defines a custom logic for value transformation.
 */
export declare function Transform(transformFn: (params: TransformFnParams) => any, options?: TransformOptions): PropertyDecorator;
`,
};

const CT_INTERFACES = {
  'class-constructor.type': 'export declare type ClassConstructor<T> = {\n  new (...args: any[]): T;\n};\n',
  'class-transformer-options.interface': CT_OPTIONS,
  'decorator-options/expose-options.interface': 'export interface ExposeOptions {\n  name?: string;\n  since?: number;\n  until?: number;\n  groups?: string[];\n  toClassOnly?: boolean;\n  toPlainOnly?: boolean;\n}\n',
  'decorator-options/exclude-options.interface': 'export interface ExcludeOptions {\n  toClassOnly?: boolean;\n  toPlainOnly?: boolean;\n}\n',
  'decorator-options/transform-options.interface': 'export interface TransformOptions {\n  since?: number;\n  until?: number;\n  groups?: string[];\n  toClassOnly?: boolean;\n  toPlainOnly?: boolean;\n}\n',
  'decorator-options/type-options.interface': "export interface TypeOptions {\n  keepDiscriminatorProperty?: boolean;\n}\n",
  'type-help-options.interface': 'export interface TypeHelpOptions {\n  newObject: any;\n  object: Record<string, any>;\n  property: string;\n}\n',
  'transform-fn-params.interface': "import { ClassTransformOptions } from './class-transformer-options.interface';\nimport { TransformationType } from '../enums';\nexport interface TransformFnParams {\n  value: any;\n  key: string;\n  obj: any;\n  type: TransformationType;\n  options: ClassTransformOptions;\n}\n",
};

const CT_INTERFACES_INDEX = Object.keys(CT_INTERFACES).map((name) => `export * from './${name}';\n`).join('');

function classTransformer() {
  const base = 'node_modules/class-transformer';
  const files = {
    [`${base}/package.json`]: json({
      name: 'class-transformer',
      version: '0.5.1',
      description: 'Proper decorator-based transformation / serialization / deserialization of plain javascript objects to class constructors',
      license: 'MIT',
      sideEffects: false,
      main: './cjs/index.js',
      module: './esm5/index.js',
      es2015: './esm2015/index.js',
      typings: './types/index.d.ts',
    }),
    [`${base}/types/index.d.ts`]: CT_INDEX,
    [`${base}/types/ClassTransformer.d.ts`]: CT_TRANSFORMER,
    [`${base}/types/decorators/index.d.ts`]: Object.keys(CT_DECORATORS).map((name) => `export * from './${name}';\n`).join(''),
    [`${base}/types/interfaces/index.d.ts`]: CT_INTERFACES_INDEX,
    [`${base}/types/enums/index.d.ts`]: "export * from './transformation-type.enum';\n",
    [`${base}/types/enums/transformation-type.enum.d.ts`]: 'export declare enum TransformationType {\n  PLAIN_TO_CLASS = 0,\n  CLASS_TO_PLAIN = 1,\n  CLASS_TO_CLASS = 2\n}\n',
  };
  for (const [name, text] of Object.entries(CT_DECORATORS)) files[`${base}/types/decorators/${name}.d.ts`] = text;
  for (const [name, text] of Object.entries(CT_INTERFACES)) files[`${base}/types/interfaces/${name}.d.ts`] = text;
  return files;
}

const NEST_COMMON = `// The part of @nestjs/common the generated service uses.
export declare function Injectable(): ClassDecorator;
export declare function Controller(prefix?: string): ClassDecorator;
export declare function Module(metadata: { imports?: any[]; controllers?: any[]; providers?: any[]; exports?: any[] }): ClassDecorator;
export declare function Get(path?: string): MethodDecorator;
export declare function Post(path?: string): MethodDecorator;
export declare function Put(path?: string): MethodDecorator;
export declare function Patch(path?: string): MethodDecorator;
export declare function Delete(path?: string): MethodDecorator;
export declare function HttpCode(statusCode: number): MethodDecorator;
export declare function UseInterceptors(...interceptors: any[]): MethodDecorator & ClassDecorator;
export declare function Body(property?: string): ParameterDecorator;
export declare function Param(property?: string): ParameterDecorator;
export declare function Query(property?: string): ParameterDecorator;
export declare function Inject(token?: any): PropertyDecorator & ParameterDecorator;
export declare enum HttpStatus { OK = 200, CREATED = 201, NO_CONTENT = 204, BAD_REQUEST = 400, NOT_FOUND = 404, CONFLICT = 409 }
export declare class HttpException extends Error {
  constructor(response: string | Record<string, any>, status: number);
  getStatus(): number;
  getResponse(): string | object;
}
export declare class NotFoundException extends HttpException { constructor(message?: string); }
export declare class BadRequestException extends HttpException { constructor(message?: string); }
export declare class ConflictException extends HttpException { constructor(message?: string); }
export declare class Logger {
  constructor(context?: string);
  log(message: any, ...optionalParams: any[]): void;
  warn(message: any, ...optionalParams: any[]): void;
  error(message: any, ...optionalParams: any[]): void;
  debug(message: any, ...optionalParams: any[]): void;
}
export interface ExecutionContext { getClass(): Function; getHandler(): Function; }
export interface CallHandler<T = any> { handle(): { pipe(...operators: any[]): any; subscribe(next: (value: T) => void): void } }
export interface NestInterceptor<T = any, R = any> { intercept(context: ExecutionContext, next: CallHandler<T>): any; }
export interface ArgumentsHost { switchToHttp(): { getResponse<T = any>(): T; getRequest<T = any>(): T }; }
export interface ExceptionFilter<T = any> { catch(exception: T, host: ArgumentsHost): void; }
export declare function Catch(...exceptions: Function[]): ClassDecorator;
`;

const NEST_SWAGGER = `// The part of @nestjs/swagger the generated service uses.
export interface ApiPropertyOptions { description?: string; example?: unknown; enum?: readonly unknown[] | Record<string, unknown>; required?: boolean; type?: unknown; isArray?: boolean; }
export declare function ApiProperty(options?: ApiPropertyOptions): PropertyDecorator;
export declare function ApiPropertyOptional(options?: ApiPropertyOptions): PropertyDecorator;
export declare function ApiTags(...tags: string[]): MethodDecorator & ClassDecorator;
export declare function ApiOperation(options: { summary?: string; description?: string; deprecated?: boolean }): MethodDecorator;
export declare function ApiResponse(options: { status?: number; description?: string; type?: unknown }): MethodDecorator & ClassDecorator;
export declare function ApiQuery(options: { name: string; required?: boolean; description?: string; type?: unknown }): MethodDecorator;
`;

const CLASS_VALIDATOR = `// The part of class-validator the generated DTOs use.
export interface ValidationOptions { each?: boolean; message?: string; groups?: string[]; always?: boolean; }
export declare function IsString(validationOptions?: ValidationOptions): PropertyDecorator;
export declare function IsInt(validationOptions?: ValidationOptions): PropertyDecorator;
export declare function IsNumber(options?: Record<string, unknown>, validationOptions?: ValidationOptions): PropertyDecorator;
export declare function IsBoolean(validationOptions?: ValidationOptions): PropertyDecorator;
export declare function IsOptional(validationOptions?: ValidationOptions): PropertyDecorator;
export declare function IsEmail(options?: Record<string, unknown>, validationOptions?: ValidationOptions): PropertyDecorator;
export declare function IsUUID(version?: '3' | '4' | '5' | 'all', validationOptions?: ValidationOptions): PropertyDecorator;
export declare function IsDate(validationOptions?: ValidationOptions): PropertyDecorator;
export declare function IsEnum(entity: object, validationOptions?: ValidationOptions): PropertyDecorator;
export declare function IsArray(validationOptions?: ValidationOptions): PropertyDecorator;
export declare function ValidateNested(validationOptions?: ValidationOptions): PropertyDecorator;
export declare function Min(minValue: number, validationOptions?: ValidationOptions): PropertyDecorator;
export declare function Max(maxValue: number, validationOptions?: ValidationOptions): PropertyDecorator;
export declare function MaxLength(max: number, validationOptions?: ValidationOptions): PropertyDecorator;
export declare function validate(object: object, validatorOptions?: Record<string, unknown>): Promise<{ property: string; constraints?: Record<string, string> }[]>;
`;

const JEST_GLOBALS = `// The jest globals the generated specs use (the shape of @types/jest, much reduced).
declare namespace jest {
  type FunctionPropertyNames<T> = { [K in keyof T]: T[K] extends (...args: any[]) => any ? K : never }[keyof T] & string;
  interface MockInstance<T = any, Y extends any[] = any[]> {
    mock: { calls: Y[]; results: { type: string; value: T }[] };
    mockReturnValue(value: T): this;
    mockReturnValueOnce(value: T): this;
    mockResolvedValue(value: any): this;
    mockRejectedValue(value: any): this;
    mockImplementation(fn?: (...args: Y) => T): this;
    mockClear(): this;
    mockRestore(): void;
  }
  interface Mock<T = any, Y extends any[] = any[]> extends MockInstance<T, Y> { (...args: Y): T; }
  interface SpyInstance<T = any, Y extends any[] = any[]> extends MockInstance<T, Y> {}
  function spyOn<T extends {}, M extends FunctionPropertyNames<Required<T>>>(object: T, method: M): SpyInstance<any, any[]>;
  function fn<T = any>(implementation?: (...args: any[]) => T): Mock<T, any[]>;
  function clearAllMocks(): typeof jest;
  function restoreAllMocks(): typeof jest;
  function mock(moduleName: string, factory?: () => unknown): typeof jest;
  interface Matchers<R> {
    not: Matchers<R>;
    resolves: Matchers<Promise<R>>;
    rejects: Matchers<Promise<R>>;
    toBe(expected: unknown): R;
    toEqual(expected: unknown): R;
    toStrictEqual(expected: unknown): R;
    toBeDefined(): R;
    toBeUndefined(): R;
    toBeNull(): R;
    toBeInstanceOf(expected: unknown): R;
    toHaveLength(length: number): R;
    toHaveBeenCalled(): R;
    toHaveBeenCalledTimes(count: number): R;
    toHaveBeenCalledWith(...args: unknown[]): R;
    toThrow(error?: unknown): R;
    toMatchObject(expected: object): R;
  }
  interface Expect {
    <T = any>(actual: T): Matchers<void>;
    any(classType: unknown): any;
    objectContaining(object: object): any;
  }
}
declare function describe(name: string, fn: () => void): void;
declare function it(name: string, fn: () => void | Promise<void>): void;
declare function beforeEach(fn: () => void | Promise<void>): void;
declare function afterEach(fn: () => void | Promise<void>): void;
declare const expect: jest.Expect;
`;

const NODE_GLOBALS = `// The part of @types/node the generated service uses.
type BufferEncoding = 'ascii' | 'utf8' | 'utf-8' | 'base64' | 'base64url' | 'latin1' | 'hex';
interface Buffer extends Uint8Array {
  /** @deprecated Use \`subarray\`: unlike Uint8Array#slice, Buffer#slice does not copy. */
  slice(start?: number, end?: number): Buffer;
  subarray(start?: number, end?: number): Buffer;
  toString(encoding?: BufferEncoding, start?: number, end?: number): string;
}
interface BufferConstructor {
  alloc(size: number, fill?: string | Uint8Array | number, encoding?: BufferEncoding): Buffer;
  from(data: string, encoding?: BufferEncoding): Buffer;
  from(data: Uint8Array | readonly number[] | ArrayBuffer): Buffer;
  byteLength(value: string, encoding?: BufferEncoding): number;
}
declare var Buffer: BufferConstructor;
declare var process: { env: Record<string, string | undefined>; uptime(): number; exit(code?: number): never };
declare function setTimeout(callback: (...args: any[]) => void, ms?: number): unknown;
declare var console: { log(...data: any[]): void; error(...data: any[]): void; warn(...data: any[]): void };
`;

function typesPackage(name, dts, version) {
  return {
    [`node_modules/${name}/package.json`]: json({ name, version, types: 'index.d.ts' }),
    [`node_modules/${name}/index.d.ts`]: dts,
  };
}

/** Every node_modules file the service needs, relative to the repository root. */
export function serviceTsPackages() {
  return {
    ...classTransformer(),
    ...typesPackage('@nestjs/common', NEST_COMMON, '10.3.0'),
    ...typesPackage('@nestjs/swagger', NEST_SWAGGER, '7.3.0'),
    ...typesPackage('class-validator', CLASS_VALIDATOR, '0.14.1'),
    ...typesPackage('@types/jest', JEST_GLOBALS, '29.5.12'),
    ...typesPackage('@types/node', NODE_GLOBALS, '20.11.0'),
  };
}
