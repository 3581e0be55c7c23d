import { z } from 'zod';

/** `<VoiceOfCustomer verbatims={2} />`: comment themes and quotes. */
export const VoiceOfCustomerPropsSchema = z.strictObject({
  /** Verbatims shown per theme. */
  verbatims: z.number().int().min(0).default(3),
});
export type VoiceOfCustomerProps = z.input<typeof VoiceOfCustomerPropsSchema>;
