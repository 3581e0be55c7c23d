/**
 * Redacts personal data from free text before it reaches any page or download: e-mail
 * addresses, phone numbers, and long digit runs such as card or account numbers, plus any
 * patterns the manifest adds. Ordinary numbers ("3 days", "order 12", "2026") and ISO dates
 * are kept. Conservative by design: when in doubt, a digit run of 8 or more is removed.
 */

const EMAIL = /[A-Z0-9._%+-]+@[A-Z0-9-]+(?:\.[A-Z0-9-]+)*\.[A-Z]{2,}/gi;
/** A run of digits with optional separators, possibly starting with + or a bracket. */
const DIGIT_RUN = /(?:\+|\(\s*)?\d(?:[\d\s().\-/]*\d)?/g;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ANY_DIGIT = /\d/;

/**
 * @param extraPatterns regular expressions (source strings) whose matches become "[redacted]"
 * @example redactPersonalData('Mail jane@x.org or call +44 20 7946 0958') // 'Mail [email] or call [phone]'
 */
export function redactPersonalData(text: string, extraPatterns: readonly string[] = []): string {
  // Most comments hold neither an @ nor a digit: skip the patterns that cannot match.
  let out = text.includes('@') ? text.replace(EMAIL, '[email]') : text;
  if (ANY_DIGIT.test(out))
    out = out.replace(DIGIT_RUN, (match) => {
      const digits = match.replace(/\D/g, '').length;
      if (digits < 8 || ISO_DATE.test(match.trim())) return match;
      const separated = /[\s().\-/]/.test(match.trim()) || match.trim().startsWith('+');
      // 13+ digits is a card or account number; 8–12 with separators or a + reads as a phone.
      if (digits >= 13) return '[number]';
      return separated || match.trim().startsWith('0') ? '[phone]' : '[number]';
    });
  for (const pattern of extraPatterns) out = out.replace(new RegExp(pattern, 'gu'), '[redacted]');
  return out;
}
