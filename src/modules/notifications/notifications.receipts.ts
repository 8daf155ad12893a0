// Delivery reports pushed by Aliyun SMS (SmsReport, HTTP batch push) and Tencent Cloud SMS (短信下发
//状态通知): each provider's JSON shape read into one form. Pure: no I/O.
import { z } from '@hono/zod-openapi';
import { DateTime } from 'luxon';

/** One report as the outbox applies it: which message (by the id the provider's send answered), and the outcome. */
export type ProviderReport = { provider: 'aliyun' | 'tencent'; providerMessageId: string; outId: string | null; status: 'delivered' | 'failed'; at: Date | null; error: string | null };

const providerTime = z.string().trim().max(40);

/** Aliyun SmsReport: a JSON array; `biz_id` is SendSms's BizId, `out_id` the OutId we sent (our message id). */
export const aliyunReport = z
  .object({
    phone_number: z.string().max(40).optional(),
    send_time: providerTime.optional(),
    report_time: providerTime.optional(),
    success: z.boolean(),
    err_code: z.string().max(100).optional(),
    err_msg: z.string().max(500).optional(),
    sms_size: z.string().max(10).optional(),
    biz_id: z.string().trim().min(1).max(100),
    out_id: z.string().max(100).optional(),
  })
  .openapi('AliyunSmsReport');
export const aliyunReports = z.array(aliyunReport).min(1).max(1000);

/** Tencent Cloud SMS status callback: a JSON array; `sid` is SendSms's SerialNo. */
export const tencentReport = z
  .object({
    user_receive_time: providerTime.optional(),
    nationcode: z.string().max(10).optional(),
    mobile: z.string().max(40).optional(),
    report_status: z.enum(['SUCCESS', 'FAIL']),
    errmsg: z.string().max(200).optional(),
    description: z.string().max(500).optional(),
    sid: z.string().trim().min(1).max(100),
  })
  .openapi('TencentSmsReport');
export const tencentReports = z.array(tencentReport).min(1).max(1000);

/** Both providers write local China time without a zone ("2017-01-01 00:00:00"); unreadable: null (the receipt's own time is used). */
export function providerTimeToDate(text: string | undefined): Date | null {
  if (!text) return null;
  const t = DateTime.fromFormat(text, 'yyyy-MM-dd HH:mm:ss', { zone: 'Asia/Shanghai' });
  return t.isValid ? t.toJSDate() : null;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function fromAliyun(r: z.infer<typeof aliyunReport>): ProviderReport {
  return {
    provider: 'aliyun',
    providerMessageId: r.biz_id,
    outId: r.out_id && uuid.test(r.out_id) ? r.out_id.toLowerCase() : null,
    status: r.success ? 'delivered' : 'failed',
    at: providerTimeToDate(r.report_time),
    error: r.success ? null : [r.err_code, r.err_msg].filter(Boolean).join(': ') || 'aliyun reported a failure',
  };
}

export function fromTencent(r: z.infer<typeof tencentReport>): ProviderReport {
  return {
    provider: 'tencent',
    providerMessageId: r.sid,
    outId: null,
    status: r.report_status === 'SUCCESS' ? 'delivered' : 'failed',
    at: providerTimeToDate(r.user_receive_time),
    error: r.report_status === 'SUCCESS' ? null : [r.errmsg, r.description].filter(Boolean).join(': ') || 'tencent reported a failure',
  };
}

const firstIssue = (e: z.ZodError) => ({ path: e.issues[0].path.join('.') || '(body)', message: e.issues[0].message });

/** A provider's pushed body (already JSON) read into reports, or the first thing wrong with it. */
export function readReports(provider: 'aliyun' | 'tencent', list: unknown): { reports: ProviderReport[] } | { path: string; message: string } {
  if (provider === 'aliyun') {
    const parsed = aliyunReports.safeParse(list);
    return parsed.success ? { reports: parsed.data.map(fromAliyun) } : firstIssue(parsed.error);
  }
  const parsed = tencentReports.safeParse(list);
  return parsed.success ? { reports: parsed.data.map(fromTencent) } : firstIssue(parsed.error);
}
