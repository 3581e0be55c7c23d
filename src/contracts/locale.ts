/**
 * A locale as REVIEW_LOCALE may be written: a language tag ("de-DE"), or the POSIX form a shell's
 * LANG has ("de_DE.UTF-8"), as its canonical tag; null when it names no locale (the commands
 * refuse it before building).
 * @example localeTag('de_DE.UTF-8') // 'de-DE'
 */
export function localeTag(value: string): string | null {
  const tag = value
    .trim()
    .replace(/[.@].*$/, '')
    .replace(/_/g, '-');
  if (tag === '') return null;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}
