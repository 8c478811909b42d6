// The business methods of a feature of the service-shaped TypeScript repository: each one a service method, the
// controller endpoint that exposes it (with its OpenAPI decorators) and the spec that tests it. They make the
// files as long as a real service's, and hold the look-alikes real code has (array `.slice`, `JSON.stringify`,
// `toISOString`) without a deprecated call.

/** The methods for a feature: `{ service, controller, spec }` line arrays. `ctx` names the feature's types. */
export function businessMethods(ctx) {
  const { Name, name_, upper, fields, statuses, sample } = ctx;
  const numberField = fields.find((field) => field.type === 'number');
  const dateField = fields.find((field) => field.date);
  const hasTags = fields.some((field) => field.name === 'tags');
  const methods = [];

  methods.push({
    service: [
      '  /** How many records are in each status: the dashboard tile of this feature. */',
      `  async countByStatus(): Promise<Record<${Name}Status, number>> {`,
      `    const counts = Object.fromEntries(${upper}_STATUSES.map((status) => [status, 0])) as Record<${Name}Status, number>;`,
      '    for (const entity of this.repository.findAll()) counts[entity.status] += 1;',
      '    return counts;',
      '  }',
    ],
    controller: [
      "  @Get('stats/status')",
      `  @ApiOperation({ summary: 'Count ${ctx.label} records by status' })`,
      "  @ApiResponse({ status: 200, description: 'One count per status, zero included.' })",
      '  countByStatus() {',
      `    return this.${name_}Service.countByStatus();`,
      '  }',
    ],
    spec: [
      "  it('counts every status, zero included', async () => {",
      `    repository.save(${Name}Entity.create(${sample}));`,
      '    const counts = await service.countByStatus();',
      `    expect(Object.keys(counts)).toHaveLength(${statuses.length});`,
      `    expect(counts['${statuses[0]}']).toBe(1);`,
      '  });',
    ],
  });

  methods.push({
    service: [
      '  /**',
      '   * A case-insensitive search on the name, newest first. The term is trimmed; an empty term returns the newest',
      '   * records, as the search box of the admin UI expects.',
      '   */',
      `  async search(term: string, limit = ${upper}_DEFAULT_PAGE_SIZE): Promise<${Name}ResponseDto[]> {`,
      '    const needle = term.trim().toLowerCase();',
      '    const matches = this.repository',
      '      .findAll()',
      '      .filter((entity) => needle === \'\' || entity.name.toLowerCase().includes(needle))',
      '      .reverse()',
      '      .slice(0, Math.max(1, Math.min(limit, 100)));',
      '    return this.mapper.toResponses(matches);',
      '  }',
    ],
    controller: [
      "  @Get('search')",
      `  @ApiOperation({ summary: 'Search ${ctx.label} records by name' })`,
      "  @ApiQuery({ name: 'term', required: true, description: 'Part of the name, any case.' })",
      "  search(@Query('term') term: string, @Query('limit') limit?: string) {",
      `    return this.${name_}Service.search(term ?? '', limit ? Number(limit) : undefined);`,
      '  }',
    ],
    spec: [
      "  it('searches names case-insensitively', async () => {",
      `    repository.save(${Name}Entity.create({ ...${sample}, name: 'Northwind Traders' }));`,
      `    repository.save(${Name}Entity.create({ ...${sample}, name: 'Contoso' }));`,
      "    const found = await service.search('  NORTH ');",
      '    expect(found).toHaveLength(1);',
      "    expect(found[0].name).toBe('Northwind Traders');",
      '  });',
    ],
  });

  methods.push({
    service: [
      '  /** Moves a record to another status; archived records stay where they are. */',
      `  async changeStatus(id: string, status: string): Promise<${Name}ResponseDto> {`,
      `    if (!is${Name}Status(status)) throw new BadRequestException(\`unknown status \${status}\`);`,
      '    const entity = this.findEntity(id);',
      `    if (!entity.isEditable()) throw new BadRequestException(\`${Name} \${id} can no longer change\`);`,
      '    entity.status = status;',
      '    this.repository.save(entity);',
      `    this.logger.log(\`\${${upper}_EVENTS.updated} \${id} → \${status}\`);`,
      '    return this.mapper.toResponse(entity);',
      '  }',
    ],
    controller: [
      "  @Put(':id/status')",
      `  @ApiOperation({ summary: 'Change the status of a ${ctx.label} record' })`,
      "  @ApiResponse({ status: 400, description: 'Unknown status, or the record can no longer change.' })",
      "  changeStatus(@Param('id') id: string, @Body('status') status: string) {",
      `    return this.${name_}Service.changeStatus(id, status);`,
      '  }',
    ],
    spec: [
      "  it('rejects an unknown status', async () => {",
      `    const entity = repository.save(${Name}Entity.create(${sample}));`,
      "    await expect(service.changeStatus(entity.id, 'no-such-status')).rejects.toBeInstanceOf(BadRequestException);",
      '  });',
    ],
  });

  methods.push({
    service: [
      '  /** A CSV export of every record, for the finance team\'s spreadsheet; strings are JSON-quoted. */',
      '  async exportCsv(): Promise<string> {',
      `    const header = ['id', ${fields.map((field) => `'${field.name}'`).join(', ')}, 'status', 'createdAt'];`,
      '    const rows = this.repository.findAll().map((entity) =>',
      '      [',
      '        entity.id,',
      ...fields.map((field) => `        ${field.date ? `entity.${field.name}?.toISOString() ?? ''` : field.type === 'string[]' ? `entity.${field.name}.join(';')` : `entity.${field.name}`},`),
      '        entity.status,',
      '        entity.createdAt.toISOString(),',
      "      ].map((cell) => (typeof cell === 'string' ? JSON.stringify(cell) : String(cell ?? ''))).join(','),",
      '    );',
      "    return [header.join(','), ...rows].join('\\n');",
      '  }',
    ],
    controller: [
      "  @Get('export.csv')",
      `  @ApiOperation({ summary: 'Export every ${ctx.label} record as CSV' })`,
      '  exportCsv() {',
      `    return this.${name_}Service.exportCsv();`,
      '  }',
    ],
    spec: [
      "  it('exports a header and one row per record', async () => {",
      `    repository.save(${Name}Entity.create(${sample}));`,
      '    const csv = await service.exportCsv();',
      "    expect(csv.split('\\n')).toHaveLength(2);",
      '  });',
    ],
  });

  if (numberField) {
    methods.push({
      service: [
        `  /** The sum, mean and maximum of \`${numberField.name}\` over the records in a status. */`,
        `  async ${numberField.name}Statistics(status?: ${Name}Status): Promise<{ count: number; sum: number; mean: number; max: number }> {`,
        '    const entities = status ? this.repository.findByStatus(status) : this.repository.findAll();',
        `    const values = entities.map((entity) => entity.${numberField.name});`,
        '    const sum = values.reduce((total, value) => total + value, 0);',
        '    return { count: values.length, sum, mean: values.length ? sum / values.length : 0, max: values.length ? Math.max(...values) : 0 };',
        '  }',
      ],
      controller: [
        `  @Get('stats/${numberField.name}')`,
        `  @ApiOperation({ summary: 'Statistics of ${numberField.name} over ${ctx.label} records' })`,
        `  ${numberField.name}Statistics(@Query('status') status?: string) {`,
        `    return this.${name_}Service.${numberField.name}Statistics(status && is${Name}Status(status) ? status : undefined);`,
        '  }',
      ],
      spec: [
        `  it('sums ${numberField.name}', async () => {`,
        `    repository.save(${Name}Entity.create({ ...${sample}, ${numberField.name}: 2 }));`,
        `    repository.save(${Name}Entity.create({ ...${sample}, ${numberField.name}: 4 }));`,
        `    const stats = await service.${numberField.name}Statistics();`,
        '    expect(stats).toEqual({ count: 2, sum: 6, mean: 3, max: 4 });',
        '  });',
      ],
    });
  }

  if (dateField) {
    methods.push({
      service: [
        `  /** Records whose \`${dateField.name}\` is past, oldest first: the reminder job runs this every hour. */`,
        `  async overdue(now: Date = new Date(), graceDays = 0): Promise<${Name}ResponseDto[]> {`,
        '    const due = this.repository',
        '      .findAll()',
        `      .filter((entity) => isExpired(addDays(entity.${dateField.name}, graceDays), now))`,
        `      .sort((a, b) => a.${dateField.name}.getTime() - b.${dateField.name}.getTime());`,
        '    return this.mapper.toResponses(due);',
        '  }',
      ],
      controller: [
        "  @Get('overdue')",
        `  @ApiOperation({ summary: 'Overdue ${ctx.label} records, oldest first' })`,
        "  overdue(@Query('graceDays') graceDays?: string) {",
        `    return this.${name_}Service.overdue(new Date(), graceDays ? Number(graceDays) : 0);`,
        '  }',
      ],
      spec: [
        "  it('lists overdue records only', async () => {",
        `    repository.save(${Name}Entity.create({ ...${sample}, ${dateField.name}: new Date(0) }));`,
        `    repository.save(${Name}Entity.create({ ...${sample}, ${dateField.name}: new Date(8.64e15) }));`,
        '    expect(await service.overdue(new Date())).toHaveLength(1);',
        '  });',
      ],
    });
  }

  if (hasTags) {
    methods.push({
      service: [
        '  /** The most used tags with their counts, for the filter sidebar. */',
        '  async topTags(limit = 10): Promise<{ tag: string; count: number }[]> {',
        '    const counts = new Map<string, number>();',
        '    for (const entity of this.repository.findAll()) {',
        '      for (const tag of entity.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);',
        '    }',
        '    return [...counts.entries()]',
        '      .map(([tag, count]) => ({ tag, count }))',
        '      .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag))',
        '      .slice(0, limit);',
        '  }',
      ],
      controller: [
        "  @Get('tags')",
        `  @ApiOperation({ summary: 'The most used tags on ${ctx.label} records' })`,
        "  topTags(@Query('limit') limit?: string) {",
        `    return this.${name_}Service.topTags(limit ? Number(limit) : 10);`,
        '  }',
      ],
      spec: [
        "  it('ranks tags by use', async () => {",
        `    repository.save(${Name}Entity.create({ ...${sample}, tags: ['x', 'y'] }));`,
        `    repository.save(${Name}Entity.create({ ...${sample}, tags: ['y'] }));`,
        "    expect((await service.topTags())[0]).toEqual({ tag: 'y', count: 2 });",
        '  });',
      ],
    });
  }

  methods.push({
    service: [
      '  /** Creates many records at once; the whole batch is rejected when one name is used twice. */',
      `  async bulkCreate(dtos: Create${Name}Dto[]): Promise<${Name}ResponseDto[]> {`,
      '    const names = new Set<string>();',
      '    for (const dto of dtos) {',
      '      const key = dto.name.trim().toLowerCase();',
      `      if (names.has(key)) throw new BadRequestException(\`duplicate name \${dto.name} in batch\`);`,
      '      names.add(key);',
      '    }',
      '    return Promise.all(dtos.map((dto) => this.create(dto)));',
      '  }',
    ],
    controller: [
      "  @Post('bulk')",
      '  @HttpCode(HttpStatus.CREATED)',
      `  @ApiOperation({ summary: 'Create many ${ctx.label} records in one request' })`,
      "  @ApiResponse({ status: 400, description: 'A name occurs twice in the batch.' })",
      `  bulkCreate(@Body() dtos: Create${Name}Dto[]) {`,
      `    return this.${name_}Service.bulkCreate(dtos);`,
      '  }',
    ],
    spec: [
      "  it('rejects a batch with a duplicate name', async () => {",
      `    const dto = Object.assign(new Create${Name}Dto(), ${sample});`,
      '    await expect(service.bulkCreate([dto, dto])).rejects.toBeInstanceOf(BadRequestException);',
      '  });',
    ],
  });

  methods.push({
    service: [
      '  /** The records changed most recently, for the activity feed. */',
      `  async recentActivity(limit = 5): Promise<{ id: string; status: ${Name}Status; at: string }[]> {`,
      '    return this.repository',
      '      .findRecent(limit)',
      '      .map((entity) => ({ id: entity.id, status: entity.status, at: entity.updatedAt.toISOString() }));',
      '  }',
    ],
    controller: [
      "  @Get('activity')",
      `  @ApiOperation({ summary: 'Recently changed ${ctx.label} records' })`,
      '  recentActivity() {',
      `    return this.${name_}Service.recentActivity();`,
      '  }',
    ],
    spec: [
      "  it('reports recent activity with ISO timestamps', async () => {",
      `    repository.save(${Name}Entity.create(${sample}));`,
      '    const [first] = await service.recentActivity(1);',
      '    expect(first.at).toBe(new Date(first.at).toISOString());',
      '  });',
    ],
  });

  return methods;
}
