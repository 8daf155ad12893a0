import { describe, expect, it } from 'vitest';
import { signatureImage, signatureProblem } from './signature.js';
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
});
