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
    // Addresses spelled out so that a scraper misses them.
    ['Mail jane.doe at example dot com', 'Mail [email]'],
    ['Mail jane.doe[at]example[dot]com thanks', 'Mail [email] thanks'],
    ['Écrivez à jane.doe (at) exemple (dot) fr', 'Écrivez à [email]'],
    ['Schreiben Sie jane.doe {at} beispiel {dot} de', 'Schreiben Sie [email]'],
    ['my address is jane.doe at example.com', 'my address is [email]'],
    ['jane dot doe at example dot co dot uk', '[email]'],
    ['jane@example dot com', '[email]'],
    // Addresses with non-ASCII letters.
    ['Escribe a josé.garcía@exemple.fr, gracias', 'Escribe a [email], gracias'],
    ['Contato: joão.conceição@correio.com.br', 'Contato: [email]'],
    ['メールは tanaka@例え.jp まで', 'メールは [email] まで'],
    // Local phone numbers, without a country code.
    ['Call me on 555-0123, thanks', 'Call me on [phone], thanks'],
    ['Mon numéro : 555 0123', 'Mon numéro : [phone]'],
    ['Rufen Sie 5550123 an', 'Rufen Sie [number] an'],
    ['Appelez le 06.12.34.56.78', 'Appelez le [phone]'],
    ['Appelez le 06 12 34 56 78', 'Appelez le [phone]'],
    ['Ligue (11) 98765-4321', 'Ligue [phone]'],
    ['Delivered 12/10/2025, call 555-0123', 'Delivered 12/10/2025, call [phone]'],
    ['On 12/10/2025 555-0123 rang', 'On 12/10/2025 [phone] rang'],
  ])('redacts %s', (input, expected) => {
    expect(redactPersonalData(input)).toBe(expected);
  });

  it.each([
    'Delivery took 3 days',
    'Order 12 arrived broken',
    'Since 2026 the app is slow',
    'Delivered on 2026-07-14',
    'Price went from 19.99 to 24.99',
    'Ordered 12/10/2025, arrived 2025-10-19',
    'Livré le 12.10.2025 au lieu du 08.10.2025',
    'Entregado el 12-10-2025',
    'Ordered 2025-10-12 14:30, paid 1,234,567.89',
    'Rechnung über 1.234.567,89 EUR',
    'Order 4417302 never arrived',
    'Commande n° 44173021 en retard',
    'Pedido #5550123 atrasado',
    'Meet at noon at the shop',
    'We arrived at home.Then the parcel was gone',
  ])('keeps dates, amounts, named order numbers and ordinary text: %s', (text) => {
    expect(redactPersonalData(text)).toBe(text);
  });

  it('applies the manifest’s own patterns', () => {
    expect(redactPersonalData('Ticket CUST-99812 is open', ['CUST-\\d+'])).toBe(
      'Ticket [redacted] is open',
    );
  });
});
