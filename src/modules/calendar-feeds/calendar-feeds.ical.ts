// A feed's iCalendar text (ical-generator): one event per booked visit, its UID the order's (stable
// across changes), SEQUENCE the order's version and LAST-MODIFIED its last change (both move with
// every change), and REFRESH-INTERVAL asking calendar apps to read it again every 15 minutes.
import ical, { ICalEventStatus } from 'ical-generator';

export type Visit = {
  id: string;
  number: string;
  kind: string;
  status: string;
  symptom: string;
  address: { province: string; city: string; district: string; street: string };
  appointmentFrom: Date | null;
  appointmentTo: Date | null;
  version: number;
  updatedAt: Date;
};

const kindNames: Record<string, string> = { installation: '安装 Installation', repair: '维修 Repair', maintenance: '保养 Maintenance', inspection: '巡检 Inspection' };
export const refreshSeconds = 15 * 60;

export function feedText(name: string, visits: Visit[], uidDomain = 'aftercare'): string {
  const cal = ical({ name, prodId: { company: 'Aftercare', product: 'visits', language: 'ZH' }, ttl: refreshSeconds, timezone: 'Asia/Shanghai' });
  for (const v of visits) {
    if (!v.appointmentFrom) continue;
    cal.createEvent({
      id: `${v.id}@${uidDomain}`,
      sequence: v.version,
      lastModified: v.updatedAt,
      stamp: v.updatedAt,
      start: v.appointmentFrom,
      end: v.appointmentTo ?? new Date(v.appointmentFrom.getTime() + 3600_000),
      summary: `${v.number} ${kindNames[v.kind] ?? v.kind}`,
      location: `${v.address.province}${v.address.city}${v.address.district}${v.address.street}`,
      description: v.symptom,
      status: v.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
  }
  return cal.toString();
}
