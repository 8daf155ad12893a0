// The kernel: who may do what — roles, permissions, the principal. Pure: no I/O; imports no module.

export const roles = ['agent', 'dispatcher', 'technician', 'provider_admin', 'follow_up', 'manager', 'admin'] as const;
export type Role = (typeof roles)[number];

export const roleNames: Record<Role, { zh: string; en: string }> = {
  agent: { zh: '客服', en: 'Service desk agent' },
  dispatcher: { zh: '派单员', en: 'Dispatcher' },
  technician: { zh: '师傅', en: 'Technician' },
  provider_admin: { zh: '服务商管理员', en: 'Provider admin' },
  follow_up: { zh: '回访员', en: 'Follow-up agent' },
  manager: { zh: '经理', en: 'Manager' },
  admin: { zh: '系统管理员', en: 'Administrator' },
};

export const permissions = [
  'customers.read',
  'customers.write',
  'customers.phone.full',
  'catalog.read',
  'catalog.write',
  'units.read',
  'units.write',
  'network.read',
  'network.write',
  'orders.read',
  'orders.intake',
  'orders.dispatch',
  'orders.assign',
  'orders.field',
  'orders.confirm_override',
  'orders.follow_up',
  'orders.manage',
  'training.read',
  'training.manage',
  'training.take',
  'dispatch.plan',
  'dispatch.slots',
  'outbox.read',
  /** Phones, addresses and codes of the outbox in clear text (`reveal=true`), each time audited. */
  'outbox.reveal',
  'audit.read',
  'promises.read',
  'promises.manage',
  'users.manage',
  'tokens.manage',
  'returns.handle',
  'returns.appraise',
  'returns.approve',
  'fees.manage',
  'fees.adjust',
  'disputes.read',
  'disputes.review',
  'disputes.raise',
  /** The fraud review queue, scores and rates; release or confirm a held order. */
  'fraud.review',
  /** Edit the fraud rules and the hold score. */
  'fraud.rules',
  'parts.read',
  'parts.manage',
  'parts.stock',
  'parts.request',
  'parts.use',
  'parts.count.approve',
  /** The warehouse receives boxes of old parts, inspects them and sees supplier claims (旧件返厂). */
  'parts.returns.inspect',
  /** The follow-up queue, tasks, scripts, policies and response rates. */
  'followups.read',
  /** Call attempts and their outcomes; surveys sent by hand. */
  'followups.call',
  /** Scripts and policies. */
  'followups.manage',
  'complaints.read',
  'complaints.handle',
  'complaints.compensate',
  'complaints.deescalate',
  'complaints.share',
  'contracts.sell',
  'loyalty.manage',
  'leads.handle',
  'settlement.read',
  'settlement.manage',
  'settlement.respond',
  'settlement.approve',
  /** Approving a statement above the amount threshold: the second role. */
  'settlement.approve_large',
  'settlement.pay',
  'settlement.rates',
  /** Fault statistics, rates, Pareto, drill-down, export and trend alerts (headquarters only). */
  'quality.view',
  /** Which cause codes are installation- or product-caused. */
  'quality.manage',
  /** Audits, scores, templates and corrective actions (a provider its own, a technician theirs). */
  'audits.read',
  /** Record an audit (headquarters any; a provider's admin only its own self-assessment). */
  'audits.perform',
  /** Checklist templates and the audit settings (the weight in dispatch). */
  'audits.manage',
  /** Report a corrective action's correction (the audited provider). */
  'audits.correct',
  /** Verify or reject a correction (headquarters). */
  'audits.verify',
  /** Answer pulse surveys, make and read suggestions (every staff member). */
  'voice.take_part',
  /** Start and close pulse surveys, read their results, answer suggestions. */
  'voice.manage',
  /** The scorecard: headquarters every level; a provider admin its provider against the network median; a technician their own figures. */
  'scorecard.view',
  /** The measures (definitions, targets, thresholds) and the monthly delivery. */
  'scorecard.manage',
  /** The customer's contact timeline (a provider's staff and technicians: only what is about their orders). */
  'contacts.read',
  /** Log calls, add staff notes, record and answer customers' suggestions. */
  'contacts.write',
  /** Care campaigns, their dry runs and reports; a customer's consent and its evidence. */
  'care.read',
  /** Build, send and pause care campaigns; the frequency cap. */
  'care.manage',
  /** Record a customer's consent (with its evidence) and care profile. */
  'care.consent',
  /** Webhook endpoints: subscribe, rotate secrets, read the delivery log, replay. */
  'webhooks.manage',
  /** Imports of customers from CSV or XLSX: upload, map, dry run, run. */
  'imports.manage',
] as const;
export type Permission = (typeof permissions)[number];

/** Defaults seeded into role_permissions; a company changes the data, not the code. */
export const defaultRolePermissions: Record<Role, Permission[]> = {
  agent: ['customers.read', 'customers.write', 'customers.phone.full', 'catalog.read', 'units.read', 'units.write', 'network.read', 'orders.read', 'orders.intake', 'orders.confirm_override', 'orders.manage', 'promises.read', 'dispatch.slots', 'returns.handle', 'returns.appraise', 'fees.adjust', 'disputes.read', 'parts.read', 'parts.request', 'complaints.read', 'complaints.handle', 'voice.take_part', 'contacts.read', 'contacts.write', 'care.read', 'care.consent', 'contracts.sell', 'leads.handle'],
  dispatcher: ['customers.read', 'catalog.read', 'units.read', 'network.read', 'orders.read', 'orders.dispatch', 'orders.assign', 'orders.manage', 'promises.read', 'training.read', 'dispatch.plan', 'dispatch.slots', 'parts.read', 'voice.take_part', 'contacts.read'],
  technician: ['customers.read', 'customers.phone.full', 'catalog.read', 'units.read', 'orders.read', 'orders.field', 'training.read', 'training.take', 'returns.appraise', 'parts.read', 'parts.stock', 'parts.request', 'parts.use', 'audits.read', 'voice.take_part', 'scorecard.view', 'contacts.read'],
  provider_admin: ['customers.read', 'catalog.read', 'units.read', 'network.read', 'network.write', 'orders.read', 'orders.assign', 'orders.field', 'training.read', 'dispatch.plan', 'disputes.read', 'disputes.raise', 'parts.read', 'parts.stock', 'parts.request', 'parts.use', 'complaints.read', 'settlement.read', 'settlement.respond', 'settlement.rates', 'audits.read', 'audits.perform', 'audits.correct', 'voice.take_part', 'scorecard.view', 'contacts.read', 'contacts.write'],
  follow_up: ['customers.read', 'customers.phone.full', 'catalog.read', 'units.read', 'network.read', 'orders.read', 'orders.follow_up', 'promises.read', 'followups.read', 'followups.call', 'complaints.read', 'complaints.handle', 'voice.take_part', 'contacts.read', 'contacts.write', 'leads.handle'],
  manager: ['customers.read', 'catalog.read', 'catalog.write', 'units.read', 'network.read', 'network.write', 'orders.read', 'orders.manage', 'outbox.read', 'audit.read', 'promises.read', 'promises.manage', 'training.read', 'training.manage', 'returns.handle', 'returns.appraise', 'returns.approve', 'fees.manage', 'fees.adjust', 'disputes.read', 'disputes.review', 'fraud.review', 'fraud.rules', 'parts.read', 'parts.manage', 'parts.stock', 'parts.request', 'parts.count.approve', 'followups.read', 'followups.manage', 'complaints.read', 'complaints.handle', 'complaints.compensate', 'complaints.deescalate', 'complaints.share', 'settlement.read', 'settlement.manage', 'settlement.approve', 'settlement.pay', 'quality.view', 'quality.manage', 'audits.read', 'audits.perform', 'audits.manage', 'audits.verify', 'voice.take_part', 'voice.manage', 'scorecard.view', 'scorecard.manage', 'contacts.read', 'contacts.write', 'parts.returns.inspect', 'care.read', 'care.manage', 'care.consent', 'contracts.sell', 'loyalty.manage', 'leads.handle'],
  admin: [...permissions],
};

/** Someone acting: a staff member (by session or API token), a customer in the portal, or the system itself (CLI, jobs). */
export type Principal =
  | {
      kind: 'staff';
      userId: string;
      username: string;
      role: Role;
      /** null: headquarters. */
      providerId: string | null;
      /** Set for technicians: the technician record they are. */
      technicianId: string | null;
      permissions: ReadonlySet<Permission>;
      via: 'session' | 'token';
      tokenId: string | null;
    }
  | { kind: 'customer'; customerId: string; permissions: ReadonlySet<Permission> }
  | { kind: 'system'; name: string };

/** The customer portal may read its own records and confirm its own orders. */
export const customerPermissions: ReadonlySet<Permission> = new Set(['customers.read', 'customers.phone.full', 'catalog.read', 'units.read', 'orders.read']);

export function can(p: Principal, permission: Permission): boolean {
  return p.kind === 'system' || p.permissions.has(permission);
}
