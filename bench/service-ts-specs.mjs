// The specs of a feature of the service-shaped TypeScript repository (bench/service-ts-feature.mjs): the service,
// controller and mapper specs every feature has (jest.spyOn on its own collaborators, and on the class-transformer
// namespace where the service calls through it), and a repository spec in one feature of nine.

/** The spec files of feature `f`, by repository path. */
export function featureSpecs(f, needles, deps, { fields, statuses, sample, methods }, next) {
  const { Name, name } = f;
  const dep = deps[0];
  const files = {};
  const construct = `new ${Name}Service(repository, new ${Name}Mapper()${dep ? ', {} as never' : ''})`;
  // Through the feature's barrel for the DTOs and the shared test helpers through the alias, as real specs do.
  files[`${f.dir}/${name}.service.spec.ts`] = [
    "import { BadRequestException, NotFoundException } from '@nestjs/common';",
    ...(needles.spy ? ["import * as ct from 'class-transformer';"] : []),
    `import { Create${Name}Dto } from './dto';`,
    `import { ${Name}Entity } from './entities/${name}.entity';`,
    `import { ${Name}Mapper } from './${name}.mapper';`,
    `import { ${Name}Repository } from './${name}.repository';`,
    `import { ${Name}Service } from './${name}.service';`,
    '',
    `describe('${Name}Service', () => {`,
    `  let repository: ${Name}Repository;`,
    `  let service: ${Name}Service;`,
    '',
    '  beforeEach(() => {',
    `    repository = new ${Name}Repository();`,
    `    service = ${construct};`,
    '  });',
    '',
    "  it('throws NotFoundException for an unknown id', async () => {",
    "    jest.spyOn(repository, 'findOne').mockReturnValue(undefined);",
    "    await expect(service.findOne('missing')).rejects.toBeInstanceOf(NotFoundException);",
    '  });',
    '',
    "  it('creates and returns the stored record', async () => {",
    `    const dto = Object.assign(new Create${Name}Dto(), ${sample});`,
    "    const save = jest.spyOn(repository, 'save');",
    '    const created = await service.create(dto);',
    '    expect(save).toHaveBeenCalledTimes(1);',
    `    expect(created.status).toBe('${statuses[0]}');`,
    '  });',
    '',
    "  it('pages through the records', async () => {",
    `    for (let i = 0; i < 3; i++) repository.save(${Name}Entity.create(${sample}));`,
    '    const page = await service.findAll({ offset: 1, limit: 1 });',
    '    expect(page.items).toHaveLength(1);',
    '    expect(page.total).toBe(3);',
    '  });',
    ...(needles.spy
      ? ['', "  it('maps through class-transformer', async () => {", `    const entity = repository.save(${Name}Entity.create(${sample}));`, "    const convert = jest.spyOn(ct, 'plainToClass');", '    await service.findOne(entity.id);', '    expect(convert).toHaveBeenCalled();', '  });']
      : []),
    ...methods.flatMap((method) => ['', ...method.spec]),
    ...fields.filter((field) => field.type === 'string' || field.type === 'number').flatMap((field) => [
      '',
      `  it('rejects an invalid ${field.name}', () => {`,
      `    expect(() => service.validate({ ${field.name}: ${field.type === 'string' ? "'   '" : 'Number.NaN'} })).toThrow(BadRequestException);`,
      '  });',
    ]),
    '});',
    '',
  ].join('\n');
  files[`${f.dir}/${name}.controller.spec.ts`] = [
    `import { ${Name}Controller } from './${name}.controller';`,
    `import { ${Name}Mapper } from './${name}.mapper';`,
    `import { ${Name}Repository } from './${name}.repository';`,
    `import { ${Name}Service } from './${name}.service';`,
    '',
    `describe('${Name}Controller', () => {`,
    `  const service = new ${Name}Service(new ${Name}Repository(), new ${Name}Mapper()${dep ? ', {} as never' : ''});`,
    `  const controller = new ${Name}Controller(service);`,
    '',
    "  it('delegates findAll to the service', async () => {",
    "    const findAll = jest.spyOn(service, 'findAll').mockResolvedValue({ items: [], total: 0, offset: 0, limit: 10 });",
    '    await controller.findAll({ limit: 10 });',
    '    expect(findAll).toHaveBeenCalledWith({ limit: 10 });',
    '  });',
    '',
    "  it('delegates remove to the service', async () => {",
    "    const remove = jest.spyOn(service, 'remove').mockResolvedValue(undefined);",
    "    await controller.remove('id-1');",
    "    expect(remove).toHaveBeenCalledWith('id-1');",
    '  });',
    ...['countByStatus', 'exportCsv', 'recentActivity'].flatMap((method) => [
      '',
      `  it('delegates ${method} to the service', async () => {`,
      `    const ${method} = jest.spyOn(service, '${method}').mockResolvedValue(undefined as never);`,
      `    await controller.${method}();`,
      `    expect(${method}).toHaveBeenCalledTimes(1);`,
      '  });',
    ]),
    '',
    "  it('passes the search term through', async () => {",
    "    const search = jest.spyOn(service, 'search').mockResolvedValue([]);",
    "    await controller.search('acme', '5');",
    "    expect(search).toHaveBeenCalledWith('acme', 5);",
    '  });',
    '});',
    '',
  ].join('\n');
  {
    files[`${f.dir}/${name}.mapper.spec.ts`] = [
      `import { ${Name}Entity } from './entities/${name}.entity';`,
      `import { ${Name}Mapper } from './${name}.mapper';`,
      '',
      `describe('${Name}Mapper', () => {`,
      `  const mapper = new ${Name}Mapper();`,
      '',
      "  it('keeps the id and status', () => {",
      `    const entity = Object.assign(${Name}Entity.create(${sample}), { id: 'id-7', createdAt: new Date(0), updatedAt: new Date(0) });`,
      '    const response = mapper.toResponse(entity);',
      `    expect(response).toMatchObject({ id: 'id-7', status: '${statuses[0]}' });`,
      '  });',
      '',
      ...fields.flatMap((field) => [
        `  it('maps ${field.name}', () => {`,
        `    const entity = Object.assign(${Name}Entity.create(${sample}), { id: 'id-8', createdAt: new Date(0), updatedAt: new Date(0) });`,
        `    expect(mapper.toResponse(entity).${field.name}).toEqual(entity.${field.name});`,
        '  });',
        '',
      ]),
      "  it('maps lists element by element', () => {",
      `    const entities = [${Name}Entity.create(${sample}), ${Name}Entity.create(${sample})];`,
      "    const toResponse = jest.spyOn(mapper, 'toResponse');",
      '    expect(mapper.toResponses(entities)).toHaveLength(2);',
      '    expect(toResponse).toHaveBeenCalledTimes(2);',
      '  });',
      '});',
      '',
    ].join('\n');
  }
  if (f.index % 9 === 4) {
    files[`${f.dir}/${name}.repository.spec.ts`] = [
      `import { ${Name}Entity } from './entities/${name}.entity';`,
      `import { ${Name}Repository } from './${name}.repository';`,
      '',
      `describe('${Name}Repository', () => {`,
      "  it('finds records by status and pages them', () => {",
      `    const repository = new ${Name}Repository();`,
      `    for (let i = 0; i < 4; i++) repository.save(${Name}Entity.create(${sample}));`,
      `    expect(repository.findByStatus('${statuses[0]}')).toHaveLength(4);`,
      '    expect(repository.page(1, 2)).toHaveLength(2);',
      "    expect(repository.exists('missing')).toBe(false);",
      '  });',
      '});',
      '',
    ].join('\n');
  }
  return files;
}
