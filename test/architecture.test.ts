/**
 * The layers of src/, and the one direction data flows through them: a module imports only
 * from its own layer or the ones before it (contracts → reading → reducing → statistics →
 * metrics → figures → views | build → pages and CLI), plus the rules that keep each layer what
 * it says it is. docs/architecture.md draws the same picture.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../src');

/** Layer of each top-level entry of src/, in the order data flows. */
const LAYERS: Record<string, number> = {
  'site-settings.ts': 0,
  contracts: 0,
  reading: 1,
  reducing: 2,
  statistics: 3,
  metrics: 4,
  figures: 5,
  views: 6,
  build: 6,
  pages: 7,
  cli: 7,
  integrations: 7,
  demo: 7,
  'content.config.ts': 7,
  'env.d.ts': 7,
};

/** Imports a layer must not make even though they point backwards. */
const FORBIDDEN: Array<[from: string, to: string, why: string]> = [
  ['views', 'build', 'views render figures; the build layer hands them over'],
  ['build', 'views', 'the build layer runs the pipeline; it does not render'],
  ['views', 'statistics', 'a view never computes a statistic'],
  ['views', 'reducing', 'a view reads figures, not reducer states'],
  ['views', 'reading', 'a view reads figures, not rows'],
  ['metrics', 'reading', 'a metric never imports a loader'],
  ['statistics', 'reading', 'statistics are pure primitives'],
  ['statistics', 'reducing', 'statistics are pure primitives, over plain numbers'],
];

/** The figures stage may name the diagnostics catalog (it raises diagnostics as data). */
const ALLOWED = new Set(['figures→reading/diagnostics.ts']);

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(ts|astro)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

function layerOf(path: string): string {
  return relative(SRC, path).split('/')[0]!;
}

/** Relative imports of a module (type-only ones too: they are a dependency of the code). */
function imports(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g))
    found.push(resolve(dirname(path), m[1]!));
  for (const m of text.matchAll(/new URL\(\s*['"](\.{1,2}\/[^'"]+)['"]/g))
    found.push(resolve(dirname(path), m[1]!));
  return found.filter((target) => target.startsWith(SRC));
}

describe('the layers of src/', () => {
  const modules = files(SRC);

  it('every module sits in a known layer', () => {
    const unknown = modules.map(layerOf).filter((layer) => LAYERS[layer] === undefined);
    expect([...new Set(unknown)]).toEqual([]);
  });

  it('every import points to the same layer or an earlier one, and breaks no layer rule', () => {
    const problems: string[] = [];
    for (const module of modules) {
      const from = layerOf(module);
      for (const target of imports(module)) {
        const to = layerOf(target);
        const edge = `${relative(SRC, module)} → ${relative(SRC, target)}`;
        if (ALLOWED.has(`${from}→${relative(join(SRC), target)}`)) continue;
        if (LAYERS[to]! > LAYERS[from]!) problems.push(`${edge}: ${to} comes after ${from}`);
        const rule = FORBIDDEN.find(([f, t]) => f === from && t === to);
        if (rule) problems.push(`${edge}: ${rule[2]}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
