// One feature module of the service-shaped TypeScript repository (bench/service-ts.mjs): module, controller,
// service, repository, mapper, constants, entity, three DTOs, two barrels and two or three specs.
import { random } from './gen-common.mjs';
import { businessMethods } from './service-ts-methods.mjs';
import { featureSpecs } from './service-ts-specs.mjs';

const FIELD_POOL = [
  { name: 'name', type: 'string', validators: ['IsString()', 'MaxLength(120)'], sample: "'Acme'" },
  { name: 'description', type: 'string', optional: true, validators: ['IsOptional()', 'IsString()'], sample: "'first of the month'" },
  { name: 'amount', type: 'number', validators: ['IsNumber()', 'Min(0)'], sample: '1250' },
  { name: 'quantity', type: 'number', validators: ['IsInt()', 'Min(1)'], sample: '3' },
  { name: 'currency', type: 'string', validators: ['IsString()', 'MaxLength(3)'], sample: "'EUR'" },
  { name: 'email', type: 'string', validators: ['IsEmail()'], sample: "'ops@example.com'" },
  { name: 'active', type: 'boolean', validators: ['IsBoolean()'], sample: 'true' },
  { name: 'externalRef', type: 'string', optional: true, validators: ['IsOptional()', 'IsString()'], sample: "'ext-42'" },
  { name: 'priority', type: 'number', validators: ['IsInt()', 'Min(0)', 'Max(9)'], sample: '2' },
  { name: 'tags', type: 'string[]', validators: ['IsArray()', 'IsString({ each: true })'], sample: "['a', 'b']" },
  { name: 'dueAt', type: 'Date', date: true, validators: ['IsDate()'], sample: 'new Date(0)' },
  { name: 'country', type: 'string', validators: ['IsString()', 'MaxLength(2)'], sample: "'DE'" },
  { name: 'weight', type: 'number', validators: ['IsNumber()', 'Min(0)'], sample: '0.5' },
  { name: 'reference', type: 'string', optional: true, validators: ['IsOptional()', 'IsString()', 'MaxLength(64)'], sample: "'PO-1138'" },
  { name: 'notes', type: 'string', optional: true, validators: ['IsOptional()', 'IsString()', 'MaxLength(2000)'], sample: "'n/a'" },
];

function pickFields(next) {
  const fields = FIELD_POOL.filter((_, index) => index === 0 || next() < 0.7);
  return fields.slice(0, 11);
}

const prop = (field) => `${field.name}${field.optional ? '?' : '!'}: ${field.type};`;

const fieldDoc = (field, label) => {
  const words = field.name.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
  const extra = field.date ? ' Stored in UTC; clients render it in the user\'s time zone.' : field.type === 'number' ? ' Never negative.' : field.optional ? ' Absent when the client did not send one.' : '';
  return `  /** The ${words} of this ${label}.${extra} */`;
};

const apiProperty = (field, label) =>
  `  @${field.optional ? 'ApiPropertyOptional' : 'ApiProperty'}({ description: 'The ${field.name.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`)} of the ${label}.', example: ${field.sample} })`;

export function featureFiles(f, needles, deps) {
  const next = random(9000 + f.index);
  const fields = pickFields(next);
  const statuses = ['draft', 'active', 'suspended', 'archived'].slice(0, 2 + Math.floor(next() * 3));
  const dep = deps[0];
  const { Name, name, name_ } = f;
  const upper = name.replaceAll('-', '_').toUpperCase();
  const route = `${f.domain}/${name}s`;
  const label = name.replaceAll('-', ' ');
  const sample = `{ ${fields.map((field) => `${field.name}: ${field.sample}`).join(', ')} }`;
  const methods = businessMethods({ Name, name_, upper, fields, statuses, sample, label });
  const section = (part) => methods.flatMap((method) => ['', ...method[part]]);
  const files = {};
  const at = (relative, text) => {
    files[`${f.dir}/${relative}`] = text;
  };

  // --- constants
  at(`${name}.constants.ts`, `// ${Name}: statuses, paging and the events this feature emits.
export const ${upper}_STATUSES = [${statuses.map((s) => `'${s}'`).join(', ')}] as const;
export type ${Name}Status = (typeof ${upper}_STATUSES)[number];

export const ${upper}_DEFAULT_PAGE_SIZE = ${10 + (f.index % 4) * 5};
export const ${upper}_CACHE_TTL_SECONDS = ${60 * (1 + (f.index % 10))};

export const ${upper}_EVENTS = {
  created: '${f.domain}.${name}.created',
  updated: '${f.domain}.${name}.updated',
  removed: '${f.domain}.${name}.removed',
} as const;

export function is${Name}Status(value: string): value is ${Name}Status {
  return (${upper}_STATUSES as readonly string[]).includes(value);
}
`);

  // --- entity: class-transformer decorators only
  at(`entities/${name}.entity.ts`, [
    "import { Exclude, Expose, Type } from 'class-transformer';",
    "import { BaseEntity } from '@app/common/entities';",
    ...(dep ? [`import { ${dep.Name}Entity } from '${dep.alias}/entities/${dep.name}.entity';`] : []),
    `import { ${Name}Status } from '../${name}.constants';`,
    '',
    `/** A stored ${name.replaceAll('-', ' ')}. */`,
    `export class ${Name}Entity extends BaseEntity {`,
    ...fields.flatMap((field) => [fieldDoc(field, label), '  @Expose()', ...(field.date ? ['  @Type(() => Date)'] : []), `  ${prop(field)}`, '']),
    '  @Expose()',
    `  status!: ${Name}Status;`,
    '',
    ...(dep ? ['  @Expose()', `  @Type(() => ${dep.Name}Entity)`, `  ${dep.name_}?: ${dep.Name}Entity;`, ''] : []),
    '  @Exclude()',
    '  internalVersion = 0;',
    '',
    '  isEditable(): boolean {',
    `    return this.status !== '${statuses.at(-1)}';`,
    '  }',
    '',
    `  static create(init: Partial<${Name}Entity>): ${Name}Entity {`,
    `    return Object.assign(new ${Name}Entity(), { status: '${statuses[0]}' }, init);`,
    '  }',
    '}',
    '',
  ].join('\n'));

  // --- DTOs
  const createDecorators = needles.decoratorsInCreateDto;
  const stringField = fields.find((field) => field.type === 'string' && !field.optional);
  at(`dto/create-${name}.dto.ts`, [
    `import { ${[...new Set(fields.flatMap((field) => field.validators.map((v) => v.replace(/\(.*$/, ''))))].sort().join(', ')} } from 'class-validator';`,
    "import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';",
    ...(createDecorators ? ["import { Transform, Type } from 'class-transformer';"] : []),
    '',
    `/** The body of \`POST /${route}\`. */`,
    `export class Create${Name}Dto {`,
    ...fields.flatMap((field) => [
      fieldDoc(field, label),
      apiProperty(field, label),
      ...field.validators.map((v) => `  @${v}`),
      ...(createDecorators && field === stringField ? ["  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))"] : []),
      ...(createDecorators && field.date ? ['  @Type(() => Date)'] : []),
      `  ${prop(field)}`,
      '',
    ]).slice(0, -1),
    '}',
    '',
  ].join('\n'));
  at(`dto/update-${name}.dto.ts`, [
    `import { IsOptional } from 'class-validator';`,
    "import { ApiPropertyOptional } from '@nestjs/swagger';",
    `import { Create${Name}Dto } from './create-${name}.dto';`,
    `import { ${upper}_STATUSES, ${Name}Status } from '../${name}.constants';`,
    '',
    `/** The body of \`PUT /${route}/:id\`: every field optional, the status too. */`,
    `export class Update${Name}Dto implements Partial<Create${Name}Dto> {`,
    ...fields.flatMap((field) => [fieldDoc(field, label), apiProperty({ ...field, optional: true }, label), '  @IsOptional()', `  ${field.name}?: ${field.type};`, '']),
    `  @ApiPropertyOptional({ enum: ${upper}_STATUSES })`,
    '  @IsOptional()',
    `  status?: ${Name}Status;`,
    '}',
    '',
  ].join('\n'));
  at(`dto/${name}-response.dto.ts`, [
    "import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';",
    "import { Expose, Type } from 'class-transformer';",
    `import { ${Name}Status } from '../${name}.constants';`,
    '',
    `/** What the API returns for a ${label}: the exposed fields only. */`,
    `export class ${Name}ResponseDto {`,
    "  @ApiProperty({ description: 'The id.', example: 'lq2v1k-0001' })",
    '  @Expose()',
    '  id!: string;',
    '',
    ...fields.flatMap((field) => [fieldDoc(field, label), apiProperty(field, label), '  @Expose()', ...(field.date ? ['  @Type(() => Date)'] : []), `  ${prop(field)}`, '']),
    '  @Expose()',
    `  status!: ${Name}Status;`,
    '',
    '  @Expose()',
    '  @Type(() => Date)',
    '  createdAt!: Date;',
    '}',
    '',
  ].join('\n'));
  at('dto/index.ts', `export * from './create-${name}.dto';\nexport * from './update-${name}.dto';\nexport * from './${name}-response.dto';\n`);

  // --- repository
  at(`${name}.repository.ts`, `import { Injectable } from '@nestjs/common';
import { InMemoryRepository } from '@app/common/database';
import { ${Name}Entity } from './entities/${name}.entity';
import { ${Name}Status } from './${name}.constants';

@Injectable()
export class ${Name}Repository extends InMemoryRepository<${Name}Entity> {
  findByStatus(status: ${Name}Status): ${Name}Entity[] {
    return this.findAll().filter((entity) => entity.status === status);
  }

  findRecent(limit: number): ${Name}Entity[] {
    return [...this.findAll()].reverse().slice(0, limit);
  }

  exists(id: string): boolean {
    return this.findOne(id) !== undefined;
  }
}
`);

  // --- mapper: by hand, or through the deprecated class-transformer functions
  const assignFields = fields.map((field) => `${field.name}: entity.${field.name}`).join(', ');
  const mapperCalls = needles.mapper;
  at(`${name}.mapper.ts`, [
    "import { Injectable } from '@nestjs/common';",
    ...(mapperCalls ? [`import { ${mapperCalls > 2 ? 'classToClass, ' : ''}classToPlain, plainToClass } from 'class-transformer';`] : []),
    `import { Create${Name}Dto, ${Name}ResponseDto } from './dto';`,
    `import { ${Name}Entity } from './entities/${name}.entity';`,
    '',
    '@Injectable()',
    `export class ${Name}Mapper {`,
    `  toResponse(entity: ${Name}Entity): ${Name}ResponseDto {`,
    mapperCalls
      ? `    return plainToClass(${Name}ResponseDto, entity, { excludeExtraneousValues: true });`
      : `    return Object.assign(new ${Name}ResponseDto(), { id: entity.id, ${assignFields}, status: entity.status, createdAt: entity.createdAt });`,
    '  }',
    '',
    `  toResponses(entities: ${Name}Entity[]): ${Name}ResponseDto[] {`,
    '    return entities.map((entity) => this.toResponse(entity));',
    '  }',
    '',
    `  toEntity(dto: Create${Name}Dto): ${Name}Entity {`,
    `    return ${Name}Entity.create({ ...dto });`,
    '  }',
    '',
    `  toAuditRecord(entity: ${Name}Entity): Record<string, unknown> {`,
    mapperCalls ? '    return classToPlain(entity, { groups: [\'audit\'] });' : `    return { id: entity.id, status: entity.status, updatedAt: entity.updatedAt.toISOString() };`,
    '  }',
    ...(mapperCalls > 2 ? ['', `  snapshot(entity: ${Name}Entity): ${Name}Entity {`, '    return classToClass(entity);', '  }'] : []),
    '}',
    '',
  ].join('\n'));

  // --- service
  const ct = needles.namespace ? 'ct.' : '';
  const serviceImports = [
    "import { BadRequestException, Injectable, Logger, NotFoundException } from '@nestjs/common';",
    ...(needles.service ? [needles.namespace ? "import * as ct from 'class-transformer';" : `import { ${needles.service > 1 ? 'classToPlain, ' : ''}plainToClass } from 'class-transformer';`] : []),
    "import { PaginationQueryDto, Paginated, paginate } from '@app/common/dto';",
    "import { addDays, isExpired, isoNow, truncate } from '@app/common/utils';",
    ...(dep ? [`import { ${dep.Name}Service } from '${dep.alias}/${dep.name}.service';`] : []),
    `import { Create${Name}Dto, ${Name}ResponseDto, Update${Name}Dto } from './dto';`,
    `import { ${Name}Entity } from './entities/${name}.entity';`,
    `import { ${upper}_DEFAULT_PAGE_SIZE, ${upper}_EVENTS, ${upper}_STATUSES, is${Name}Status, type ${Name}Status } from './${name}.constants';`,
    `import { ${Name}Mapper } from './${name}.mapper';`,
    `import { ${Name}Repository } from './${name}.repository';`,
  ];
  at(`${name}.service.ts`, [
    ...serviceImports,
    '',
    '@Injectable()',
    `export class ${Name}Service {`,
    `  private readonly logger = new Logger(${Name}Service.name);`,
    '',
    '  constructor(',
    `    private readonly repository: ${Name}Repository,`,
    `    private readonly mapper: ${Name}Mapper,`,
    ...(dep ? [`    private readonly ${dep.name_}Service: ${dep.Name}Service,`] : []),
    '  ) {}',
    '',
    `  async findAll(query: PaginationQueryDto): Promise<Paginated<${Name}ResponseDto>> {`,
    '    const offset = query.offset ?? 0;',
    `    const limit = query.limit ?? ${upper}_DEFAULT_PAGE_SIZE;`,
    '    const page = this.repository.page(offset, limit);',
    '    return paginate(this.mapper.toResponses(page), this.repository.count(), offset, limit);',
    '  }',
    '',
    `  async findOne(id: string): Promise<${Name}ResponseDto> {`,
    '    const entity = this.findEntity(id);',
    needles.service ? `    return ${ct}plainToClass(${Name}ResponseDto, entity, { excludeExtraneousValues: true });` : '    return this.mapper.toResponse(entity);',
    '  }',
    '',
    `  async create(dto: Create${Name}Dto): Promise<${Name}ResponseDto> {`,
    '    this.validate(dto);',
    '    const entity = this.repository.save(this.mapper.toEntity(dto));',
    `    this.logger.log(\`\${${upper}_EVENTS.created} \${entity.id} at \${isoNow()}\`);`,
    '    return this.mapper.toResponse(entity);',
    '  }',
    '',
    `  async update(id: string, dto: Update${Name}Dto): Promise<${Name}ResponseDto> {`,
    '    const entity = Object.assign(this.findEntity(id), dto);',
    '    this.repository.save(entity);',
    needles.service > 1
      ? `    this.logger.debug(truncate(JSON.stringify(${ct}classToPlain(entity))));`
      : `    this.logger.debug(truncate(JSON.stringify({ id: entity.id, event: ${upper}_EVENTS.updated })));`,
    '    return this.mapper.toResponse(entity);',
    '  }',
    '',
    '  /** The business rules the DTO validators cannot express; throws the first one broken. */',
    `  validate(dto: Partial<Create${Name}Dto>): void {`,
    ...fields.flatMap((field) =>
      field.type === 'string'
        ? [`    if (dto.${field.name} !== undefined && dto.${field.name}.trim() === '') {`, `      throw new BadRequestException('${field.name} must not be blank');`, '    }']
        : field.type === 'number'
          ? [`    if (dto.${field.name} !== undefined && !Number.isFinite(dto.${field.name})) {`, `      throw new BadRequestException('${field.name} must be a finite number');`, '    }']
          : field.date
            ? [`    if (dto.${field.name} !== undefined && Number.isNaN(dto.${field.name}.getTime())) {`, `      throw new BadRequestException('${field.name} must be a valid date');`, '    }']
            : field.type === 'string[]'
              ? [`    if (dto.${field.name} !== undefined && new Set(dto.${field.name}).size !== dto.${field.name}.length) {`, `      throw new BadRequestException('${field.name} must not repeat');`, '    }']
              : [],
    ),
    '  }',
    '',
    '  async remove(id: string): Promise<void> {',
    `    if (!this.repository.remove(id)) throw new NotFoundException(\`${Name} \${id} not found\`);`,
    `    this.logger.log(\`\${${upper}_EVENTS.removed} \${id}\`);`,
    '  }',
    ...section('service'),
    ...(dep ? ['', `  async withRelated(id: string): Promise<{ item: ${Name}ResponseDto; related: unknown }> {`, '    const item = await this.findOne(id);', `    const related = await this.${dep.name_}Service.findAll({ limit: 5 });`, '    return { item, related: related.items };', '  }'] : []),
    '',
    `  private findEntity(id: string): ${Name}Entity {`,
    '    const entity = this.repository.findOne(id);',
    `    if (!entity) throw new NotFoundException(\`${Name} \${id} not found\`);`,
    '    return entity;',
    '  }',
    '}',
    '',
  ].join('\n'));

  // --- controller
  at(`${name}.controller.ts`, [
    "import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Put, Query } from '@nestjs/common';",
    "import { ApiOperation, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';",
    ...(needles.controller ? ["import { classToPlain } from 'class-transformer';"] : []),
    "import { PaginationQueryDto } from '@app/common/dto';",
    `import { Create${Name}Dto, ${Name}ResponseDto, Update${Name}Dto } from './dto';`,
    `import { is${Name}Status } from './${name}.constants';`,
    `import { ${Name}Service } from './${name}.service';`,
    '',
    `@ApiTags('${f.domain}')`,
    `@Controller('${route}')`,
    `export class ${Name}Controller {`,
    `  constructor(private readonly ${name_}Service: ${Name}Service) {}`,
    '',
    '  @Get()',
    `  @ApiOperation({ summary: 'List ${label} records, a page at a time' })`,
    `  @ApiResponse({ status: 200, type: ${Name}ResponseDto, description: 'The ${label} as the API shows it.' })`,
    '  findAll(@Query() query: PaginationQueryDto) {',
    `    return this.${name_}Service.findAll(query);`,
    '  }',
    '',
    "  @Get(':id')",
    `  @ApiOperation({ summary: 'One ${label} record by id' })`,
    `  @ApiResponse({ status: 200, type: ${Name}ResponseDto, description: 'The ${label} as the API shows it.' })`,
    needles.controller ? "  async findOne(@Param('id') id: string) {" : "  findOne(@Param('id') id: string) {",
    needles.controller ? `    return classToPlain(await this.${name_}Service.findOne(id));` : `    return this.${name_}Service.findOne(id);`,
    '  }',
    '',
    '  @Post()',
    `  @ApiOperation({ summary: 'Create a ${label} record' })`,
    `  @ApiResponse({ status: 200, type: ${Name}ResponseDto, description: 'The ${label} as the API shows it.' })`,
    '  @HttpCode(HttpStatus.CREATED)',
    `  create(@Body() dto: Create${Name}Dto) {`,
    `    return this.${name_}Service.create(dto);`,
    '  }',
    '',
    "  @Put(':id')",
    `  @ApiOperation({ summary: 'Update a ${label} record' })`,
    `  @ApiResponse({ status: 200, type: ${Name}ResponseDto, description: 'The ${label} as the API shows it.' })`,
    `  update(@Param('id') id: string, @Body() dto: Update${Name}Dto) {`,
    `    return this.${name_}Service.update(id, dto);`,
    '  }',
    '',
    "  @Delete(':id')",
    `  @ApiOperation({ summary: 'Delete a ${label} record' })`,
    `  @ApiResponse({ status: 200, type: ${Name}ResponseDto, description: 'The ${label} as the API shows it.' })`,
    '  @HttpCode(HttpStatus.NO_CONTENT)',
    "  remove(@Param('id') id: string) {",
    `    return this.${name_}Service.remove(id);`,
    '  }',
    ...section('controller'),
    '}',
    '',
  ].join('\n'));

  // --- module and barrel
  at(`${name}.module.ts`, [
    "import { Module } from '@nestjs/common';",
    ...(dep ? [`import { ${dep.Name}Module } from '${dep.alias}/${dep.name}.module';`] : []),
    `import { ${Name}Controller } from './${name}.controller';`,
    `import { ${Name}Mapper } from './${name}.mapper';`,
    `import { ${Name}Repository } from './${name}.repository';`,
    `import { ${Name}Service } from './${name}.service';`,
    '',
    '@Module({',
    `  imports: [${dep ? `${dep.Name}Module` : ''}],`,
    `  controllers: [${Name}Controller],`,
    `  providers: [${Name}Service, ${Name}Repository, ${Name}Mapper],`,
    `  exports: [${Name}Service],`,
    '})',
    `export class ${Name}Module {}`,
    '',
  ].join('\n'));
  at('index.ts', `export * from './${name}.constants';\nexport * from './${name}.module';\nexport * from './${name}.service';\nexport * from './entities/${name}.entity';\nexport * from './dto';\n`);

  Object.assign(files, featureSpecs(f, needles, deps, { fields, statuses, sample, methods }, next));
  return files;
}
