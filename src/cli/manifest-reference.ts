/** `npm run docs:manifest`: rewrites the manifest reference in docs/analyst-guide.md from the schema. */
import { readFileSync, writeFileSync } from 'node:fs';
import { withReference } from '../contracts/manifest-reference.ts';

const path = 'docs/analyst-guide.md';
writeFileSync(path, withReference(readFileSync(path, 'utf8')));
console.log(`updated the manifest reference in ${path}`);
