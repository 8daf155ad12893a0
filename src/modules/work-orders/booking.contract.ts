import { z } from '@hono/zod-openapi';
import { workDay } from '../../http/schemas.js';

const words = z.object({ code: z.string(), en: z.string(), zh: z.string() });

export const bookingWindowsQuery = z.object({
  from: workDay.optional().openapi({ description: "the first day; defaults to today in the provider's time zone" }),
  days: z.coerce.number().int().min(1).max(14).default(3),
});

export const bookingWindowsView = z
  .object({
    orderId: z.string(),
    timeZone: z.string(),
    technicianName: z.string(),
    windows: z.array(z.object({ date: z.string(), from: z.string(), to: z.string(), available: z.boolean(), reason: words.nullable().openapi({ description: 'why the technician cannot keep it' }) })),
    wish: z.object({ from: z.string(), to: z.string(), available: z.boolean(), reason: words.nullable() }).nullable().openapi({ description: "the customer's wished window, and whether it can be kept" }),
    changeUntil: z.string().nullable().openapi({ description: 'the customer may change or cancel the booked visit online until then' }),
    reschedulesLeft: z.number().int().openapi({ description: 'how many more times the customer may move the visit online' }),
  })
  .openapi('BookingWindows');
export type BookingWindowsView = z.infer<typeof bookingWindowsView>;

/** For the customer: the windows they may choose, and the rules; no technician, no reasons. */
export const customerBookingWindowsView = z
  .strictObject({
    orderId: z.string(),
    timeZone: z.string(),
    windows: z.array(z.strictObject({ date: z.string(), from: z.string(), to: z.string() })),
    changeUntil: z.string().nullable(),
    reschedulesLeft: z.number().int(),
  })
  .openapi('CustomerBookingWindows');
export type CustomerBookingWindowsView = z.infer<typeof customerBookingWindowsView>;

export function toCustomerBookingWindows(v: BookingWindowsView): CustomerBookingWindowsView {
  return {
    orderId: v.orderId,
    timeZone: v.timeZone,
    windows: v.windows.filter((w) => w.available).map((w) => ({ date: w.date, from: w.from, to: w.to })),
    changeUntil: v.changeUntil,
    reschedulesLeft: v.reschedulesLeft,
  };
}
