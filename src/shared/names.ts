// How staff are named to customers: a technician introduces themselves by surname ("季师傅"),
// never by full name or account.

// Two-character surnames still met today; anything else is the first character.
const compoundSurnames = ['欧阳', '司马', '诸葛', '上官', '东方', '皇甫', '慕容', '令狐', '公孙', '夏侯', '尉迟', '长孙', '宇文', '司徒', '端木', '南宫', '西门', '独孤', '澹台', '呼延'];

/** "季建国" → "季师傅"; a name in Latin letters ("Ji Jianguo") → "Ji 师傅" (the surname first, as on a Chinese ID). */
export function publicTechnicianName(fullName: string): string {
  const name = fullName.trim();
  if (!name) return '师傅';
  // Already how they are called ("王师傅"): kept as it is.
  if (name.endsWith('师傅')) return name;
  if (/^[\p{Script=Han}]/u.test(name)) {
    const compound = compoundSurnames.find((s) => name.startsWith(s) && name.length > s.length);
    return `${compound ?? name[0]}师傅`;
  }
  return `${name.split(/\s+/)[0]} 师傅`;
}
