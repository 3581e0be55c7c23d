/**
 * The manifest reference of the analyst guide, generated from ManifestSchema (zod → JSON
 * Schema) so the documentation cannot drift from the contract the loader enforces.
 */
import { z } from 'zod';
import { withGeneratedSection } from './generated-section.ts';
import { ManifestSchema } from './manifest-schema.ts';

interface JsonSchema {
  type?: string | string[];
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema | JsonSchema[];
  prefixItems?: JsonSchema[];
  additionalProperties?: JsonSchema | boolean;
  propertyNames?: JsonSchema;
  enum?: unknown[];
  default?: unknown;
  anyOf?: JsonSchema[];
  pattern?: string;
  format?: string;
}

function typeOf(s: JsonSchema): string {
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(' or ');
  if (s.anyOf) return s.anyOf.map(typeOf).join(' or ');
  if (s.prefixItems) return `[${s.prefixItems.map(typeOf).join(', ')}]`;
  if (s.type === 'array' && s.items && !Array.isArray(s.items)) {
    const item = typeOf(s.items);
    return item.includes(' or ') ? `(${item})[]` : `${item}[]`;
  }
  if (
    s.type === 'object' &&
    s.additionalProperties &&
    typeof s.additionalProperties === 'object' &&
    !s.properties
  ) {
    const key = s.propertyNames?.enum ? s.propertyNames.enum.join(' or ') : 'name';
    return `{ ${key} → ${typeOf(s.additionalProperties)} }`;
  }
  if (s.type === 'string' && s.format === 'date') return 'date (YYYY-MM-DD)';
  if (Array.isArray(s.type)) return s.type.join(' or ');
  return s.type ?? 'value';
}

function rows(schema: JsonSchema, prefix: string, out: string[][]): void {
  const required = new Set(schema.required ?? []);
  for (const [key, child] of Object.entries(schema.properties ?? {})) {
    const path = `${prefix}${key}`;
    const fallback = child.default === undefined ? '' : `\`${JSON.stringify(child.default)}\``;
    out.push([
      `\`${path}\``,
      typeOf(child),
      required.has(key) && child.default === undefined ? 'yes' : '',
      fallback,
      child.description ?? '',
    ]);
    const nested = child.properties
      ? child
      : child.additionalProperties &&
          typeof child.additionalProperties === 'object' &&
          child.additionalProperties.properties
        ? child.additionalProperties
        : null;
    if (nested)
      rows(
        nested,
        child.properties
          ? `${path}.`
          : `${path}.<${key === 'items' ? 'item' : key === 'levels' ? 'level' : key === 'segments' ? 'dimension' : 'name'}>.`,
        out,
      );
  }
}

/** The reference as Markdown tables. */
export function manifestReference(): string {
  const schema = z.toJSONSchema(ManifestSchema, {
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema;
  const out: string[][] = [];
  rows(schema, '', out);
  const header = ['field', 'type', 'required', 'default', 'meaning'];
  const escape = (cell: string) => cell.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...out.map((r) => `| ${r.map(escape).join(' | ')} |`),
  ].join('\n');
}

/** The guide with its reference section replaced by the generated one. */
export function withReference(guide: string): string {
  return withGeneratedSection(guide, 'manifest-reference', manifestReference());
}
