import { describe, expect, it } from 'vitest';
import { publicTechnicianName } from './names.js';

describe('a technician as the customer hears them named', () => {
  it('is their surname and 师傅, never the full name', () => {
    expect(publicTechnicianName('季建国')).toBe('季师傅');
    expect(publicTechnicianName('欧阳明')).toBe('欧阳师傅');
    expect(publicTechnicianName('欧阳')).toBe('欧师傅');
    expect(publicTechnicianName(' Ji Jianguo ')).toBe('Ji 师傅');
    expect(publicTechnicianName('')).toBe('师傅');
    expect(publicTechnicianName('王师傅')).toBe('王师傅');
  });
});
