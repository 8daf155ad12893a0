import { describe, expect, it } from 'vitest';
import { signatureImage, signatureProblem } from './signature.js';
import { receiptHtml } from '../modules/fees/fees.payments.js';
import { uniquePng } from '../../test/images.js';

const png = () => `data:image/png;base64,${Buffer.from(uniquePng()).toString('base64')}`;

describe('a drawn signature', () => {
  it('is a PNG data URL of at most 100 KB, and nothing else', () => {
    expect(signatureProblem(png())).toBeNull();
    expect(signatureProblem('data:image/jpeg;base64,AAAA')).toContain('PNG data URL');
    expect(signatureProblem('data:image/png;base64,not base64!')).toContain('base64');
    expect(signatureProblem(`data:image/png;base64,${Buffer.from('<svg onload=alert(1)></svg>....').toString('base64')}`)).toContain('PNG image');
    expect(signatureProblem(`data:image/png;base64,${Buffer.from(new Uint8Array(100_001)).toString('base64')}`)).toContain('100 KB');
    expect(signatureImage.safeParse(png()).success).toBe(true);
    expect(signatureImage.safeParse('javascript:alert(1)').success).toBe(false);
  });

  it("shows on the receipt of a quote the customer signed for, the name escaped", () => {
    const receipt = { lines: [], totalFen: 0, paidFen: 0, refundedFen: 0, balanceFen: 0, currency: 'CNY' as const };
    const image = png();
    const html = receiptHtml('WO-1', receipt, [], { name: '王<b>女士', image });
    expect(html).toContain(`<img id="signature" alt="签名 Signature" src="${image}"`);
    expect(html).toContain('王&lt;b&gt;女士');
    expect(receiptHtml('WO-1', receipt, [], null)).not.toContain('signature');
  });
});
