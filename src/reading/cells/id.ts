/**
 * Id cells (response, order, ticket and customer ids). Their plain rule is the text rule
 * (`parseText`: the text as written, or the value of its export label); what is their own is the
 * fast reader, which numbers ids instead of making strings of them.
 */
import type { CsvRecord } from '../csv-scanner.ts';
import type { NumberedIdReader } from '../id-refs.ts';
import { exactText, SLOW, type FastResult } from './cell.ts';

/**
 * Reads an id cell from its bytes, in a column without labels. It must return what parseText
 * returns for every cell it accepts, with one difference of form: a numbered id comes back as
 * its IdRef number, whose idText is that same text (no string for millions of distinct ids).
 * Quoted with doubled quotes or padded: SLOW.
 */
export function readId(record: CsvRecord, i: number, ids: NumberedIdReader): FastResult {
  const start = record.starts[i]!;
  const end = record.ends[i]!;
  if (start === end) return undefined;
  if (!exactText(record, i, start, end)) return SLOW;
  const ref = ids.refOf(record.bytes, start, end);
  return ref >= 0 ? ref : record.bytes.toString('utf8', start, end);
}
