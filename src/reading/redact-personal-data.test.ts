import { describe, expect, it } from 'vitest';
import { redactPersonalData } from './redact-personal-data.ts';

describe('redactPersonalData', () => {
  it.each([
    ['Write to jane.doe@example.com please', 'Write to [email] please'],
    ['Call me on +44 20 7946 0958 today', 'Call me on [phone] today'],
    ['Phone 0151 496 0123, delivery was late', 'Phone [phone], delivery was late'],
    ['US: (555) 123-4567', 'US: [phone]'],
    ['My card 4111 1111 1111 1111 was charged twice', 'My card [number] was charged twice'],
    ['IBAN digits 12345678901234567890', 'IBAN digits [number]'],
    ['Account 12345678', 'Account [number]'],
  ])('redacts %s', (input, expected) => {
    expect(redactPersonalData(input)).toBe(expected);
  });

  it.each([
    'Delivery took 3 days',
    'Order 12 arrived broken',
    'Since 2026 the app is slow',
    'Delivered on 2026-07-14',
    'Price went from 19.99 to 24.99',
  ])('keeps ordinary numbers: %s', (text) => {
    expect(redactPersonalData(text)).toBe(text);
  });

  it('applies the manifest’s own patterns', () => {
    expect(redactPersonalData('Ticket CUST-99812 is open', ['CUST-\\d+'])).toBe(
      'Ticket [redacted] is open',
    );
  });
});
