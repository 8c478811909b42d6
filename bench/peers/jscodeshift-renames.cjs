// The reference row: the syntactic part of deprecfix's job as a plain jscodeshift transform — class-transformer
// and date-fns-tz renames (import specifiers and calls) and toGMTString() → toUTCString(). It has no types, so it
// cannot decide the Buffer or getYear kinds, and recast reprints what it touches.
'use strict';

const RENAMES = {
  'class-transformer': { classToPlain: 'instanceToPlain', plainToClass: 'plainToInstance', classToClass: 'instanceToInstance' },
  'date-fns-tz': { zonedTimeToUtc: 'fromZonedTime', utcToZonedTime: 'toZonedTime' },
};

module.exports = function renames(file, api) {
  const j = api.jscodeshift;
  const root = j(file.source);
  const renamedLocals = new Map();
  let changed = false;

  root.find(j.ImportDeclaration).forEach((declaration) => {
    const table = RENAMES[declaration.node.source.value];
    if (!table) return;
    const imported = new Set(declaration.node.specifiers.map((specifier) => specifier.imported && specifier.imported.name));
    declaration.node.specifiers = declaration.node.specifiers.flatMap((specifier) => {
      const next = specifier.type === 'ImportSpecifier' ? table[specifier.imported.name] : undefined;
      if (!next) return [specifier];
      changed = true;
      const aliased = specifier.local && specifier.local.name !== specifier.imported.name;
      if (aliased) return [j.importSpecifier(j.identifier(next), specifier.local)];
      renamedLocals.set(specifier.imported.name, next);
      if (imported.has(next)) return []; // already imported under its new name: drop the old one
      imported.add(next);
      return [j.importSpecifier(j.identifier(next))];
    });
  });

  for (const [local, next] of renamedLocals) {
    root.find(j.CallExpression, { callee: { type: 'Identifier', name: local } }).forEach((call) => {
      call.node.callee = j.identifier(next);
    });
  }

  root
    .find(j.CallExpression, { callee: { type: 'MemberExpression', property: { type: 'Identifier', name: 'toGMTString' } } })
    .forEach((call) => {
      call.node.callee.property = j.identifier('toUTCString');
      changed = true;
    });

  return changed ? root.toSource({ quote: 'single' }) : file.source;
};
