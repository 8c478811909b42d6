// `node bench/profile-summary.mjs <file.cpuprofile> [--top N]`: what a `node --cpu-prof` profile of deprecfix says,
// in three tables — self time by area (TypeScript, ESLint, typescript-eslint, deprecfix, tree-sitter, GC, …), the
// functions with the most self time, and the inclusive time of deprecfix's own pipeline functions (dist/src/, not
// the rules), which are its stages: lintScope, createProgram, lintFiles, verifyTypeScriptRewrites, countRepoTotals…
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '20' } } });
if (positionals.length !== 1) {
  console.error('usage: node bench/profile-summary.mjs <file.cpuprofile> [--top N]');
  process.exit(2);
}
const top = Number(values.top);
const profile = JSON.parse(readFileSync(positionals[0], 'utf8'));

const nodes = new Map(profile.nodes.map((node) => [node.id, { ...node, self: 0, total: 0 }]));
profile.samples.forEach((id, index) => {
  nodes.get(id).self += profile.timeDeltas[index] ?? 0;
});
const totalTime = [...nodes.values()].reduce((sum, node) => sum + node.self, 0);

/** The area a frame's script belongs to. */
function areaOf({ url, functionName }) {
  if (functionName === '(garbage collector)') return 'GC';
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(program)') return 'program (native, unattributed)';
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (match) {
    const name = match[1];
    if (name.startsWith('@typescript-eslint') || name === 'typescript-eslint') return 'typescript-eslint';
    if (name === 'eslint' || name.startsWith('@eslint') || name === 'espree' || name === 'esquery' || name === 'eslint-scope') return 'ESLint';
    if (name.includes('tree-sitter')) return 'tree-sitter';
    return name;
  }
  if (url.startsWith('node:') || url === '') return 'Node internals';
  const own = /\/dist\/(src|rules|transforms)\//.exec(url);
  if (own) return `deprecfix ${own[1]}/`;
  if (url.startsWith('wasm://')) return 'tree-sitter';
  return 'other';
}

const frameKey = ({ functionName, url, lineNumber }) => `${functionName || '(anonymous)'} ${url ? `${path.basename(url)}:${lineNumber + 1}` : ''}`.trim();

// Inclusive time: post-order subtree totals, each function counted once per path (recursion is not counted twice).
const parents = new Map();
for (const node of nodes.values()) for (const child of node.children ?? []) parents.set(child, node.id);
const root = [...nodes.values()].find((node) => !parents.has(node.id));
const order = [];
const stack = [root.id];
while (stack.length) {
  const id = stack.pop();
  order.push(id);
  for (const child of nodes.get(id).children ?? []) stack.push(child);
}
for (const id of order.reverse()) {
  const node = nodes.get(id);
  node.total += node.self;
  if (parents.has(id)) nodes.get(parents.get(id)).total += node.total;
}
const inclusive = new Map();
// The same, keyed by the nearest enclosing deprecfix function too: `fixScope > lint` (the first lint and the
// re-lint after rewriting are the same function called from two places).
const byCaller = new Map();
const walk = (id, onPath, caller) => {
  const node = nodes.get(id);
  const key = frameKey(node.callFrame);
  const own = /\/dist\/src\//.test(node.callFrame.url);
  const first = own && !onPath.has(key);
  if (first) {
    inclusive.set(key, (inclusive.get(key) ?? 0) + node.total);
    const pair = `${caller ?? '(top)'} > ${key}`;
    byCaller.set(pair, (byCaller.get(pair) ?? 0) + node.total);
    onPath.add(key);
  }
  for (const child of node.children ?? []) walk(child, onPath, own ? key : caller);
  if (first) onPath.delete(key);
};
walk(root.id, new Set(), undefined);

const bySelf = new Map();
const byArea = new Map();
for (const node of nodes.values()) {
  const key = frameKey(node.callFrame);
  bySelf.set(key, (bySelf.get(key) ?? 0) + node.self);
  const area = areaOf(node.callFrame);
  byArea.set(area, (byArea.get(area) ?? 0) + node.self);
}

const ms = (us) => `${(us / 1000).toFixed(0).padStart(7)} ms`;
const pct = (us) => `${((100 * us) / totalTime).toFixed(1).padStart(5)}%`;
const print = (title, entries) => {
  console.log(`\n${title}`);
  for (const [key, us] of entries) console.log(`${ms(us)} ${pct(us)}  ${key}`);
};
console.log(`${positionals[0]}: ${(totalTime / 1e6).toFixed(2)} s sampled (main thread)`);
print('Self time by area', [...byArea].sort((a, b) => b[1] - a[1]));
print(`Top ${top} functions by self time`, [...bySelf].sort((a, b) => b[1] - a[1]).slice(0, top));
print(`deprecfix pipeline functions (dist/src/) by inclusive time, top ${top}`, [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, top));
print(`… by caller (nearest deprecfix function) and callee, top ${top}`, [...byCaller].sort((a, b) => b[1] - a[1]).slice(0, top));
