import { describe, expect, it } from 'vitest';
import { providerTimeToDate, readReports } from './notifications.receipts.js';

describe('provider delivery reports read into one form', () => {
  it('reads China time without a zone; anything else is no time', () => {
    expect(providerTimeToDate('2026-06-01 10:00:07')).toEqual(new Date('2026-06-01T02:00:07Z'));
    expect(providerTimeToDate('yesterday')).toBeNull();
    expect(providerTimeToDate(undefined)).toBeNull();
  });

  it("Aliyun: success or the carrier's code and text; our OutId only when it is a message id", () => {
    const read = readReports('aliyun', [
      { success: true, err_code: 'DELIVERED', biz_id: '9006^0', out_id: '5B1F7F7E-1C1A-4C55-9A55-2F6F0D1E9A01', report_time: '2026-06-01 10:00:07' },
      { success: false, err_code: 'MK:0001', err_msg: '空号', biz_id: '9007^0', out_id: '67890' },
    ]);
    expect(read).toEqual({
      reports: [
        { provider: 'aliyun', providerMessageId: '9006^0', outId: '5b1f7f7e-1c1a-4c55-9a55-2f6f0d1e9a01', status: 'delivered', at: new Date('2026-06-01T02:00:07Z'), error: null },
        { provider: 'aliyun', providerMessageId: '9007^0', outId: null, status: 'failed', at: null, error: 'MK:0001: 空号' },
      ],
    });
  });

  it('Tencent: SUCCESS or FAIL by sid; a report of another shape names the field', () => {
    expect(readReports('tencent', [{ report_status: 'FAIL', errmsg: 'MN:0001', sid: 'x:1' }])).toMatchObject({ reports: [{ status: 'failed', error: 'MN:0001', providerMessageId: 'x:1' }] });
    expect(readReports('tencent', [{ report_status: 'SUCCESS' }])).toEqual({ path: '0.sid', message: expect.any(String) });
    expect(readReports('aliyun', [])).toMatchObject({ path: '(body)' });
  });
});
