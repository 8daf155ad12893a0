import { describe, expect, it } from 'vitest';
import { receiptHtml } from './fees.payments.js';
import { uniquePng } from '../../../test/images.js';

const png = () => `data:image/png;base64,${Buffer.from(uniquePng()).toString('base64')}`;

describe('the printable receipt of a quote the customer signed for on the phone', () => {
  it("shows on the receipt of a quote the customer signed for, the name escaped", () => {
    const receipt = { lines: [], linesFen: 0, creditsFen: 0, totalFen: 0, paidFen: 0, refundedFen: 0, collectedFen: 0, balanceFen: 0, currency: 'CNY' as const };
    const image = png();
    const html = receiptHtml('WO-1', receipt, [], { name: '王<b>女士', image });
    expect(html).toContain(`<img id="signature" alt="签名 Signature" src="${image}"`);
    expect(html).toContain('王&lt;b&gt;女士');
    expect(receiptHtml('WO-1', receipt, [], null)).not.toContain('signature');
  });
});
