// Writes schema/deprecfix.config.schema.json from src/config-schema.ts (built), which builds it from the rules'
// meta.schema. test/config-schema.test.ts fails when the shipped file and the rules disagree.
import { writeFileSync } from 'node:fs';
import { configSchema } from '../dist/src/config-schema.js';

writeFileSync(new URL('../schema/deprecfix.config.schema.json', import.meta.url), `${JSON.stringify(configSchema(), null, 2)}\n`);
