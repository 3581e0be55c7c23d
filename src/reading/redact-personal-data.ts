/**
 * Redacts personal data from free text before it reaches any page or download: e-mail
 * addresses (non-ASCII letters included, and the obfuscated forms people type to dodge
 * filters: "jane.doe at example dot com", "jane.doe[at]example[dot]com"), phone numbers (local
 * seven-digit forms such as 555-0123 included), and long digit runs such as card or account
 * numbers, plus any patterns the manifest adds.
 *
 * What stays: ordinary numbers ("3 days", "order 12", "2026"), dates in the usual writings
 * (2025-10-12, 12/10/2025, 12.10.2025, 12-10-2025), amounts with thousands separators or cents
 * (1,234,567.89), and order, invoice or reference numbers named as such ("order 4417302").
 * Conservative otherwise: a run of seven or more digits is removed when in doubt.
 */

/**
 * A piece of an address between dots, in any script. Pieces, their number and the spaces around
 * a spelled "at" or "dot" are bounded as addresses are (64 characters a piece), and a match
 * starts only where a word does: a long text is read in linear time, whatever it holds.
 */
const WORD = String.raw`[\p{L}\p{N}\p{M}_%+\-]{1,64}`;
const START = String.raw`(?<![\p{L}\p{N}\p{M}_%+\-.])`;
const END = String.raw`(?![\p{L}\p{N}])`;
const EMAIL = new RegExp(
  String.raw`${START}${WORD}(?:\.${WORD}){0,8}@${WORD}(?:\.${WORD}){0,8}\.\p{L}{2,24}`,
  'gu',
);
/** "at" and "dot" spelled in brackets, [at] (at) {at} [dot] (dot), or as words between spaces. */
const BRACKET_AT = String.raw`\s{0,3}[\[({]\s{0,3}(?:at|@)\s{0,3}[\])}]\s{0,3}`;
const DOT = String.raw`(?:\s{0,3}[\[({]\s{0,3}(?:dot|\.)\s{0,3}[\])}]\s{0,3}|\s{1,3}dot\s{1,3})`;
const PARTS = String.raw`${START}${WORD}(?:(?:\.|${DOT})${WORD}){0,8}`;
const DOMAIN = String.raw`${WORD}(?:(?:\.|${DOT})${WORD}){0,8}`;
/** Domains people write after a plain " at ": a spelled last dot, or a known top-level domain. */
const TLD = String.raw`(?:${DOT}\p{L}{2,24}|\.(?:com|org|net|edu|gov|info|biz|io|co|me|eu|[a-z]{2}))${END}`;
/**
 * Obfuscated addresses: "jane.doe[at]example[dot]com", "jane.doe at example dot com",
 * "jane.doe at example.com", "jane@example dot com". A plain " at " needs a spelled dot or a
 * known top-level domain after it, so "we arrived at home.Then" stays.
 */
const SPELLED_EMAILS = [
  new RegExp(String.raw`${PARTS}${BRACKET_AT}${DOMAIN}(?:${DOT}|\.)\p{L}{2,24}${END}`, 'giu'),
  new RegExp(String.raw`${PARTS}\s{1,3}at\s{1,3}${DOMAIN}${TLD}`, 'giu'),
  new RegExp(String.raw`${PARTS}@${DOMAIN}${DOT}\p{L}{2,24}${END}`, 'giu'),
];
const SPELLED = /\b(?:at|dot)\b|[[({]\s*(?:at|@|dot)/i;

/** A run of digits with optional separators, possibly starting with + or a bracket. */
const DIGIT_RUN = /(?:\+|\(\s*)?\d(?:[\d\s().\-/]*\d)?/g;
const ANY_DIGIT = /\d/;

/** Dates as exports and people write them: year first or last, with one separator kind. */
const DATE =
  /(?<!\d[-/.]?)(?:\d{4}([-/.])\d{1,2}\1\d{1,2}|\d{1,2}([-/.])\d{1,2}\2(?:\d{4}|\d{2}))(?![-/.]?\d)/g;
/** An amount: thousands groups of three (comma, dot or apostrophe) with optional cents. */
const AMOUNT = /^\d{1,3}(?:([,.'])\d{3})(?:\1\d{3})*(?:[.,]\d{1,2})?$/;
/** The run is named as an order, invoice, ticket or reference number just before it. */
const REFERENCE_BEFORE =
  /(?:order|invoice|ref(?:erence)?|tracking|ticket|case|commande|facture|référence|pedido|factura|referencia|bestellung|rechnung|nota fiscal|#|n[°ºo]\.?|nr\.?)\s*[:#]?\s*$/iu;

/** A match of DATE that is a real day and month, in either order (12/10 and 10/12 both are). */
function isDate(text: string): boolean {
  const parts = text.split(/[-/.]/).map(Number);
  const [day, month] = parts[0]! > 31 ? [parts[2]!, parts[1]!] : [parts[0]!, parts[1]!];
  const dayMonth = (d: number, m: number) => d >= 1 && d <= 31 && m >= 1 && m <= 12;
  return dayMonth(day, month) || dayMonth(month, day);
}

/** The replacement of one run of digits (no date inside), given the text before it. */
function redactRun(run: string, before: string): string {
  const trimmed = run.trim();
  const digits = trimmed.replace(/\D/g, '').length;
  if (digits < 7 || AMOUNT.test(trimmed) || /^\d+[.,]\d{1,2}$/.test(trimmed)) return run;
  if (digits >= 13) return run.replace(trimmed, '[number]');
  if (REFERENCE_BEFORE.test(before)) return run;
  const separated = /[\s().\-/]/.test(trimmed) || trimmed.startsWith('+');
  // 7–12 digits: with separators, a + or a leading 0 it reads as a phone; else a number.
  const phone = separated || trimmed.startsWith('0');
  return run.replace(trimmed, phone ? '[phone]' : '[number]');
}

/** A run of digits and separators: its dates kept, the pieces between them redacted. */
function redactDigits(run: string, offset: number, text: string): string {
  // What names a reference sits just before the number: a few words are enough to look at.
  const before = (at: number) => text.slice(Math.max(0, offset + at - 40), offset + at);
  let out = '';
  let last = 0;
  for (const match of run.matchAll(DATE)) {
    if (!isDate(match[0])) continue;
    out += redactPiece(run.slice(last, match.index), before(last)) + match[0];
    last = match.index + match[0].length;
  }
  return out + redactPiece(run.slice(last), before(last));
}

function redactPiece(piece: string, before: string): string {
  return ANY_DIGIT.test(piece) ? redactRun(piece, before) : piece;
}

/**
 * @param extraPatterns regular expressions (source strings) whose matches become "[redacted]"
 * @example redactPersonalData('Mail jane@x.org or call +44 20 7946 0958') // 'Mail [email] or call [phone]'
 * @example redactPersonalData('Delivered 12/10/2025, call 555-0123') // 'Delivered 12/10/2025, call [phone]'
 */
export function redactPersonalData(text: string, extraPatterns: readonly string[] = []): string {
  // Most comments hold neither an address nor a digit: skip the patterns that cannot match.
  let out = text;
  if (SPELLED.test(out))
    for (const pattern of SPELLED_EMAILS) out = out.replace(pattern, '[email]');
  if (out.includes('@')) out = out.replace(EMAIL, '[email]');
  if (ANY_DIGIT.test(out))
    out = out.replace(DIGIT_RUN, (run, at: number) => redactDigits(run, at, out));
  for (const pattern of extraPatterns) out = out.replace(new RegExp(pattern, 'gu'), '[redacted]');
  return out;
}
