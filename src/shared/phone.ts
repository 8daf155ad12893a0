// Phones are stored as digits only (with a leading + kept for foreign numbers), so that
// "138-0013-8000", "+86 138 0013 8000" and "13800138000" find the same customer.
export function normalizePhone(raw: string): string {
  const trimmed = raw.trim();
  const digits = trimmed.replace(/[^0-9]/g, '');
  if (trimmed.startsWith('+86') || (trimmed.startsWith('0086') && digits.length > 11)) {
    return digits.replace(/^(0086|86)/, '');
  }
  return trimmed.startsWith('+') ? `+${digits}` : digits;
}

export function isPlausiblePhone(normalized: string): boolean {
  return /^\+?[0-9]{5,16}$/.test(normalized);
}

/** 138****1234: enough to recognise a number on the phone, not enough to call it. */
export function maskPhone(phone: string): string {
  if (phone.length <= 4) return '*'.repeat(phone.length);
  if (phone.length <= 7) return `${'*'.repeat(phone.length - 4)}${phone.slice(-4)}`;
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}
