import { describe, expect, it } from 'vitest';
import { localeTag } from './locale.ts';

describe('localeTag(value)', () => {
  it('reads language tags and the POSIX form of LANG as canonical tags', () => {
    expect(localeTag('en-GB')).toBe('en-GB');
    expect(localeTag('de_DE.UTF-8')).toBe('de-DE');
    expect(localeTag(' fr_CA ')).toBe('fr-CA');
    expect(localeTag('sr_RS@latin')).toBe('sr-RS');
    expect(localeTag('pt-br')).toBe('pt-BR');
    // The tag it gives formats numbers.
    expect(new Intl.NumberFormat(localeTag('de_DE.UTF-8')!).format(1234.5)).toBe('1.234,5');
  });

  it('names no locale for text that is not one', () => {
    for (const value of ['', ' ', 'english!', 'en GB', '12', 'x'])
      expect(localeTag(value), value).toBeNull();
  });
});
