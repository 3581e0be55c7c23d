import { parseFrontmatter } from '@astrojs/internal-helpers/frontmatter';
import fc from 'fast-check';
import { mdxToMdast, type MdastNode } from 'satteri';
import { describe, expect, it } from 'vitest';
import { HOSTILE_STRINGS } from '../../test/hostile-strings.ts';
import { jsString, mdxAttribute, mdxText, yamlString } from './draft-literals.ts';

/** How @astrojs/mdx compiles a report (GFM and smart punctuation on). */
const SITE = { gfm: true, smartPunctuation: true } as const;

function parse(source: string, smartPunctuation = true): MdastNode {
  return mdxToMdast(source, { features: { ...SITE, smartPunctuation }, position: false });
}

function children(node: MdastNode): MdastNode[] {
  return 'children' in node ? (node.children as MdastNode[]) : [];
}

function only(node: MdastNode, type: string): MdastNode {
  const kids = children(node);
  expect(kids.map((k) => k.type)).toEqual([type]);
  return kids[0]!;
}

/** Pieces data text is made of: the hostile strings, markup characters and plain text. */
const TOKENS = [
  ...HOSTILE_STRINGS.map((h) => h.text),
  ...'<>{}[]()`*_\\&#!|~:$"\'-+.=@^\t\n'.split(''),
  '&amp;',
  '&#60;',
  '1.',
  '2)',
  '---',
  '...',
  '***',
  '*/',
  '/*',
  '![x](y)',
  '<x@y.z>',
  'import ',
  'export ',
  'www.example.com',
  'Île-de-France',
  '客户',
  ' ',
];
const dataText = fc
  .array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 4 })), { maxLength: 10 })
  .map((parts) => parts.join(''));

/** What a list item holds: a paragraph's children, or an expression standing alone. */
function itemContent(source: string, smartPunctuation = true): MdastNode[] {
  const item = only(only(parse(source, smartPunctuation), 'list'), 'listItem');
  const [first] = children(item);
  if (first?.type === 'mdxFlowExpression') return [only(item, 'mdxFlowExpression')];
  return children(only(item, 'paragraph'));
}

/** The text a line shows: its text nodes, and the value of its string expressions. */
function shown(nodes: MdastNode[]): string {
  return nodes
    .map((node) => {
      const { type, value } = node as { type: string; value: string };
      if (type === 'text') return value;
      expect(type).toMatch(/^mdx(Text|Flow)Expression$/);
      // A string literal and nothing else: JSON reads it, so no code can hide in it.
      return JSON.parse(value) as string;
    })
    .join('');
}

describe('mdxText(text)', () => {
  it('renders any text, hostile or not, as that text in a list item: no JSX, code, HTML or link', () => {
    fc.assert(
      fc.property(dataText, (text) => {
        const expected = text.replace(/\s+/g, ' ').trim();
        fc.pre(expected !== '');
        const source = `- ${mdxText(text)}`;
        // Text and string expressions only: no element, link, emphasis or code.
        expect(itemContent(source).every((n) => children(n).length === 0)).toBe(true);
        // Smart punctuation only curls quotes and dashes; without it the text is exact.
        expect(shown(itemContent(source, false))).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('leaves ordinary text as prose and writes the rest as a string', () => {
    const prose = "SMB (Customer group) is below the rest on NPS: 12.5% of detractors' comments";
    expect(mdxText(prose)).toBe(prose);
    expect(mdxText('SMB <Component/>')).toBe('{"SMB <Component/>"}');
    expect(mdxText('{process.exit(0)}')).toBe('{"\\u007bprocess.exit(0)\\u007d"}');
  });
});

describe('mdxAttribute(value)', () => {
  it('hands a component exactly the value, whatever it holds', () => {
    fc.assert(
      fc.property(dataText, (value) => {
        const element = only(
          parse(`<Scorecard dimension=${mdxAttribute(value)} />`),
          'mdxJsxFlowElement',
        ) as {
          name: string;
          attributes: Array<{ name: string; value: unknown }>;
        } & MdastNode;
        expect(element.name).toBe('Scorecard');
        expect(element.attributes.map((a) => [a.name, a.value])).toEqual([['dimension', value]]);
      }),
      { numRuns: 400 },
    );
  });
});

describe('jsString(value)', () => {
  it('stays inside a block comment and reads back as the value', () => {
    fc.assert(
      fc.property(dataText, (value) => {
        const source = `- Finding. {/* finding: ${jsString(value)} */}`;
        const paragraph = only(only(only(parse(source), 'list'), 'listItem'), 'paragraph');
        const expressions = children(paragraph).filter((n) => n.type !== 'text');
        expect(expressions.map((n) => n.type)).toEqual(['mdxTextExpression']);
        const code = (expressions[0] as { value: string }).value;
        const inner = /^\/\* finding: ([\s\S]*) \*\/$/.exec(code)?.[1];
        expect(inner).toBeDefined();
        expect(inner).not.toContain('*/');
        expect(JSON.parse(inner!)).toBe(value);
      }),
      { numRuns: 400 },
    );
  });
});

describe('yamlString(text)', () => {
  it('keeps any text inside its frontmatter field, as Astro reads it', () => {
    fc.assert(
      fc.property(dataText, fc.string({ unit: 'grapheme', maxLength: 8 }), (text, more) => {
        const value = text + more;
        expect(yamlString(value)).not.toMatch(/[\n\r]/);
        const file = `---\ntitle: ${yamlString(value)}\nstatus: draft\n---\n\nBody.\n`;
        const { frontmatter, content } = parseFrontmatter(file);
        expect(frontmatter).toEqual({ title: value, status: 'draft' });
        expect(content.trim()).toBe('Body.');
      }),
      { numRuns: 400 },
    );
  });
});
