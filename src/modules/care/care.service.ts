// Care campaigns: a campaign is a trigger (what occurrence it is about), an audience, a template
// in both languages, its channels and its dates. The daily run (a scheduled job) selects each
// active campaign's candidates in one statement and writes, per candidate and in one transaction,
// the occurrence row (unique per customer and occurrence: exactly once across campaigns, re-runs
// and server copies) and the message (the notifications outbox, or the portal inbox). Consent and
// the frequency cap are read again inside that transaction, under a per-customer lock: a consent
// revoked after selection stops the message. Quiet hours are the outbox's: each message carries
// the customer's zone (the company's when unknown) and waits for the window to open.
import type { z } from 'zod';
import type { Db, Queryable, Tx } from '../../db/database.js';
import type { AuditFn } from '../../kernel/audit.js';
import { actorName, requirePermission, type Caller } from '../../kernel/scopes.js';
import type { Clock } from '../../shared/clock.js';
import { localDate } from '../../shared/zoned.js';
import type { MessagingConfig } from '../../config/config.js';
import { enqueueMessages, verifySignature, type OutgoingMessage } from '../notifications/index.js';
import { customersWithPhone } from '../customers/index.js';
import type { OrderFollower } from '../work-orders/index.js';
import * as repo from './care.repo.js';
import { careErrors } from './care.errors.js';
import { readCareLink, signCareLink } from './care.links.js';
import {
  capAllows,
  chooseChannel,
  composeBody,
  consentAllows,
  holidayNames,
  isStopReply,
  lunarOf,
  occurrenceKey,
  perUnit,
  selectorFor,
  templateProblems,
  triggerNames,
  triggerProblems,
  zoneFor,
  type Cap,
  type CareChannel,
  type Purpose,
  type TemplateVars,
  type Trigger,
} from './care.rules.js';
import type { campaignRequest, campaignsQuery, consentUpdate, conversionRequest, customerConsentUpdate, inboundRequest, previewRequest, profileUpdate, settingsUpdate, CampaignView } from './care.contract.js';
import { inboundRequest as inboundSchema } from './care.contract.js';

export type CareDeps = {
  db: Db;
  clock: Clock;
  audit: AuditFn;
  /** Quiet hours' company zone and the SMS gateway's secret (for the inbound hook). */
  messaging?: MessagingConfig;
  linkKey: string;
  publicUrl: string;
  /** Candidates per transaction (200); the kill test makes it small. */
  chunkSize?: number;
  /** Told after each committed chunk (the kill test waits for the first). */
  onChunk?: (sent: number) => void;
};

const defaultCap: Cap = { maxMessages: 2, periodDays: 7 };
const DAY = 86_400_000;

export function createCareService(deps: CareDeps) {
  const { db, clock } = deps;
  const companyZone = deps.messaging?.quietHours?.zone ?? 'Asia/Shanghai';
  const today = () => localDate(clock.now(), companyZone);
  const base = deps.publicUrl.replace(/\/$/, '');
  const chunk = deps.chunkSize ?? 200;

  function view(r: repo.CampaignRow): CampaignView {
    return {
      id: r.id,
      name: r.name,
      purpose: r.purpose,
      trigger: r.trigger as CampaignView['trigger'],
      triggerName: triggerNames[r.trigger.kind],
      audience: r.audience,
      template: { zh: r.templateZh, en: r.templateEn },
      channels: r.channels,
      status: r.status,
      startsOn: r.startsOn,
      endsOn: r.endsOn,
      conversionDays: r.conversionDays,
      linkUrl: r.linkUrl,
      version: r.version,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      createdBy: r.createdBy,
    };
  }

  function check(input: z.infer<typeof campaignRequest>) {
    const problems = [...triggerProblems(input.trigger as Trigger), ...templateProblems(input.template, input.purpose)];
    if (input.startsOn && input.endsOn && input.startsOn > input.endsOn) problems.push({ path: 'endsOn', en: 'must not be before startsOn', zh: '不得早于开始日期' });
    if (input.trigger.kind === 'recall' && input.purpose === 'marketing') problems.push({ path: 'purpose', en: 'a recall or improvement notice is a service notice', zh: '召回/改进通知属于服务通知' });
    if (problems.length) throw careErrors.param(problems[0]);
  }

  /** A campaign's columns as the builder states them. */
  function columnsOf(input: z.infer<typeof campaignRequest>) {
    return {
      name: input.name,
      purpose: input.purpose,
      trigger: input.trigger as Trigger,
      audience: input.audience,
      templateZh: input.template.zh,
      templateEn: input.template.en,
      channels: [...new Set(input.channels)],
      startsOn: input.startsOn ?? null,
      endsOn: input.endsOn ?? null,
      conversionDays: input.conversionDays,
      linkUrl: input.linkUrl ?? null,
    };
  }

  async function mustCampaign(q: Queryable, id: string) {
    const c = await repo.findCampaign(q, id);
    if (!c) throw careErrors.campaignNotFound(id);
    return c;
  }

  async function capOf(q: Queryable): Promise<Cap & { version: number | null }> {
    const s = await repo.settings(q);
    return s ? { maxMessages: s.capMessages, periodDays: s.capDays, version: s.version } : { ...defaultCap, version: null };
  }

  /** The variables of one message. */
  function varsFor(c: repo.CampaignRow, cand: repo.Candidate, lang: 'zh' | 'en', sendId: string | null, day: string): TemplateVars {
    const t = c.trigger;
    const vars: TemplateVars = {
      name: cand.name,
      model: (lang === 'en' ? cand.modelNameEn : cand.modelNameZh) ?? '',
      warrantyEnd: cand.warrantyEnd ?? '',
      days: t.kind === 'warranty_end' || t.kind === 'after_install' ? String(t.days) : '',
      holiday: t.kind === 'holiday' ? holidayNames[t.holiday][lang] : '',
    };
    if (sendId) {
      vars.link = `${base}/care-links/click/${signCareLink(deps.linkKey, { kind: 'c', sendId })}`;
      vars.unsubscribe = `${base}/care-links/unsubscribe/${signCareLink(deps.linkKey, { kind: 'u', sendId })}`;
    } else {
      vars.link = `${base}/care-links/click/…`;
      vars.unsubscribe = `${base}/care-links/unsubscribe/…`;
    }
    void day;
    return vars;
  }

  type Tally = { selected: number; enqueued: number; skipped: number; duplicates: number };

  /**
   * One batch of candidates, inside the caller's transaction: lock its customers (one order on
   * every copy), read consent, reach and the cap as they are now, leave out the occurrences already
   * claimed (a second copy or a re-run), then claim the rest and write their messages — a handful
   * of statements for the whole batch.
   */
  async function sendChunk(tx: Tx, c: repo.CampaignRow, cands: repo.Candidate[], day: string, cap: Cap, tally: Tally) {
    const ids = [...new Set(cands.map((x) => x.customerId))];
    await repo.lockCustomers(tx, ids);
    const now = clock.now();
    const purpose = c.purpose as Purpose;
    const facts = await repo.careCustomers(tx, ids);
    const consents = await repo.consentsOfMany(tx, ids);
    const recent = purpose === 'service' ? new Map<string, Date[]>() : await repo.recentSendTimesMany(tx, ids, new Date(now.getTime() - cap.periodDays * DAY));
    const keyed = cands.map((cand) => ({ cand, occurrence: occurrenceKey(c.trigger, c.id, day, { customerId: cand.customerId, unitId: cand.unitId, warrantyEnd: cand.warrantyEnd, lastContact: cand.lastContact }) }));
    const taken = await repo.claimedOccurrences(tx, keyed.map((k) => ({ customerId: k.cand.customerId, occurrence: k.occurrence })));
    const claims: Parameters<typeof repo.claimOccurrences>[1] = [];
    const messages: { sendId: string; message: OutgoingMessage }[] = [];
    const inbox: Parameters<typeof repo.insertInboxMany>[1] = [];
    for (const { cand, occurrence } of keyed) {
      const key = `${cand.customerId} ${occurrence}`;
      const f = facts.get(cand.customerId);
      if (taken.has(key)) {
        tally.duplicates++;
        continue;
      }
      if (!f) {
        tally.skipped++;
        continue;
      }
      taken.add(key);
      const mine = consents.get(cand.customerId) ?? [];
      const allowed = (ch: CareChannel) => consentAllows(mine, ch, purpose, f.consentToContact);
      const channel = chooseChannel(c.channels, f.preferredChannel, { sms: f.phone, email: f.email, wechat: f.wechatOpenId, inbox: true }, allowed);
      let status: repo.SendRow['status'] = 'enqueued';
      if (!channel) status = c.channels.some((ch) => allowed(ch)) ? 'skipped_no_channel' : 'skipped_consent';
      else if (purpose !== 'service' && !capAllows(recent.get(cand.customerId) ?? [], now, cap)) status = 'skipped_cap';
      const sendId = crypto.randomUUID();
      const lang = f.language;
      claims.push({ id: sendId, campaignId: c.id, customerId: cand.customerId, unitId: cand.unitId, occurrence, runDay: day, status, channel: status === 'enqueued' ? channel : null, language: lang, createdAt: now });
      if (status !== 'enqueued' || !channel) {
        tally.skipped++;
        continue;
      }
      tally.enqueued++;
      if (purpose !== 'service') recent.set(cand.customerId, [...(recent.get(cand.customerId) ?? []), now]);
      const who = { ...cand, name: f.name };
      const body = (l: 'zh' | 'en') => composeBody(l === 'en' ? c.templateEn : c.templateZh, l, purpose, varsFor(c, who, l, sendId, day));
      if (channel === 'inbox') {
        inbox.push({ customerId: cand.customerId, sendId, titleZh: c.name, titleEn: c.name, body: body(lang), language: lang, createdAt: now });
        continue;
      }
      const recipient = channel === 'sms' ? f.phone! : channel === 'email' ? f.email! : f.wechatOpenId!;
      messages.push({
        sendId,
        message: { channel, recipient, template: 'care_message', bodyZh: body('zh'), bodyEn: body('en'), language: lang, customerId: cand.customerId, subject: { kind: 'care_send', id: sendId }, timeZone: zoneFor(f.timeZone, companyZone) },
      });
    }
    const messageIds = await enqueueMessages(tx, clock, messages.map((m) => m.message));
    const bySend = new Map(messages.map((m, i) => [m.sendId, messageIds[i]]));
    for (const claim of claims) claim.outboxMessageId = bySend.get(claim.id!) ?? null;
    // Under the customers' locks nobody else claims these; a count that differs would mean a lost lock.
    if ((await repo.claimOccurrences(tx, claims)) !== claims.length) throw new Error('care: an occurrence was claimed by another copy while locked');
    await repo.insertInboxMany(tx, inbox);
  }

  /** Sends the candidates, a chunk per transaction (a kill loses at most the open chunk, which a re-run sends). */
  async function sendCandidates(c: repo.CampaignRow, cands: repo.Candidate[], day: string): Promise<Tally> {
    const cap = await capOf(db);
    const tally: Tally = { selected: cands.length, enqueued: 0, skipped: 0, duplicates: 0 };
    for (let i = 0; i < cands.length; i += chunk) {
      const part: Tally = { selected: 0, enqueued: 0, skipped: 0, duplicates: 0 };
      await db.transaction(async (tx) => sendChunk(tx, c, cands.slice(i, i + chunk), day, cap, part));
      tally.enqueued += part.enqueued;
      tally.skipped += part.skipped;
      tally.duplicates += part.duplicates;
      deps.onChunk?.(Math.min(i + chunk, cands.length));
    }
    return tally;
  }

  async function selectAll(c: repo.CampaignRow, day: string): Promise<repo.Candidate[]> {
    const sel = selectorFor(c.trigger, day);
    const out: repo.Candidate[] = [];
    let afterKey: string | undefined;
    for (;;) {
      const page = await repo.selectCandidates(db, sel, c.audience, day, { limit: 5000, afterKey });
      out.push(...page);
      if (page.length < 5000) return out;
      const last = page[page.length - 1];
      afterKey = perUnit(c.trigger) ? last.unitId! : last.customerId;
    }
  }

  async function runCampaign(c: repo.CampaignRow, day: string, by: string): Promise<Tally> {
    const tally = await sendCandidates(c, await selectAll(c, day), day);
    if (tally.selected) await db.transaction(async (tx) => repo.insertCampaignHistory(tx, { campaignId: c.id, at: clock.now(), by, action: 'run', details: { day, ...tally } }));
    return tally;
  }

  /** Every active campaign for the day, in creation order. */
  async function runDay(day: string, by: string) {
    const campaigns = await repo.activeCampaigns(db, day);
    const total = { day, campaigns: campaigns.length, selected: 0, enqueued: 0, skipped: 0, duplicates: 0 };
    for (const c of campaigns) {
      const t = await runCampaign(c, day, by);
      total.selected += t.selected;
      total.enqueued += t.enqueued;
      total.skipped += t.skipped;
      total.duplicates += t.duplicates;
    }
    return total;
  }

  async function consentsView(q: Queryable, customerId: string) {
    const facts = await repo.careCustomer(q, customerId);
    if (!facts) throw careErrors.customerNotFound(customerId);
    const rows = await repo.consentsOf(q, customerId);
    const history = await repo.consentHistoryOf(q, customerId);
    const profile = await repo.profileOf(q, customerId);
    const items = (['sms', 'email', 'wechat', 'inbox'] as const).flatMap((channel) =>
      (['service', 'marketing', 'survey'] as const).map((purpose) => {
        const r = rows.find((x) => x.channel === channel && x.purpose === purpose);
        return {
          channel,
          purpose,
          granted: consentAllows(rows, channel, purpose, facts.consentToContact),
          explicit: !!r,
          source: r?.source ?? null,
          evidence: r?.evidence ?? null,
          changedAt: r ? r.changedAt.toISOString() : null,
          changedBy: r?.changedBy ?? null,
        };
      }),
    );
    return {
      customerId,
      consentToContact: facts.consentToContact,
      items,
      history: history.map((h) => ({ at: h.at.toISOString(), channel: h.channel, purpose: h.purpose, granted: h.granted, source: h.source, evidence: h.evidence, by: h.by })),
      profile: {
        birthdayCalendar: profile?.birthdayCalendar ?? ('solar' as const),
        lunarBirthday: profile?.birthdayCalendar === 'lunar' && profile.lunarMonth != null ? { month: profile.lunarMonth, day: profile.lunarDay!, leap: !!profile.lunarLeap } : null,
        timeZone: profile?.timeZone ?? null,
        wechatOpenId: profile?.wechatOpenId ?? null,
        version: profile?.version ?? null,
      },
    };
  }

  async function applyConsents(tx: Tx, customerId: string, changes: { channel: CareChannel; purpose: Purpose; granted: boolean }[], source: string, evidence: string, by: string) {
    let changed = 0;
    for (const ch of changes) if (await repo.setConsent(tx, { customerId, ...ch, source, evidence, at: clock.now(), by })) changed++;
    return changed;
  }

  function customerOf(caller: Caller): string {
    if (caller.principal.kind !== 'customer') throw careErrors.customersOnly();
    return caller.principal.customerId;
  }

  async function report(id: string) {
    const c = await mustCampaign(db, id);
    const r = await repo.campaignReport(db, id);
    const byStatus = { enqueued: 0, skipped_consent: 0, skipped_cap: 0, skipped_no_channel: 0 };
    const byChannel: Record<string, number> = {};
    const delivery = { queued: 0, sent: 0, delivered: 0, failed: 0 };
    let selected = 0;
    for (const row of r.rows) {
      selected += row.n;
      byStatus[row.status as keyof typeof byStatus] += row.n;
      if (row.channel) byChannel[row.channel] = (byChannel[row.channel] ?? 0) + row.n;
      if (row.status === 'enqueued') {
        const d = row.delivery === 'sending' || !row.delivery ? 'queued' : row.delivery;
        delivery[d as keyof typeof delivery] += row.n;
      }
    }
    const clicked = r.outcomes.find((o) => o.kind === 'click')?.n ?? 0;
    const conversions = { order: 0, registration: 0, purchase: 0 };
    for (const o of r.outcomes) if (o.kind === 'conversion' && o.conversionKind) conversions[o.conversionKind as keyof typeof conversions] += o.n;
    const converted = conversions.order + conversions.registration + conversions.purchase;
    const history = await repo.campaignHistory(db, id);
    return {
      campaignId: id,
      name: c.name,
      selected,
      byStatus,
      byChannel,
      delivery,
      clicked,
      converted,
      conversions,
      conversionRate: byStatus.enqueued ? converted / byStatus.enqueued : null,
      history: history.map((h) => ({ at: h.at.toISOString(), by: h.by, action: h.action, details: h.details ?? null })),
    };
  }

  /** A conversion attributed to the customer's latest send within its campaign's window; once per reference. */
  async function convert(q: Queryable, x: { customerId: string; kind: 'order' | 'registration' | 'purchase'; ref: string; at: Date }) {
    const send = await repo.attributableSend(q, x.customerId, x.at);
    if (!send) return { attributed: false, campaignId: null };
    await repo.recordConversion(q, send, x.kind, x.ref, x.at);
    return { attributed: true, campaignId: send.campaignId };
  }

  /** Orders opened by a customer a campaign reached recently count as its conversions. */
  const orderFollower: OrderFollower = {
    name: 'care',
    intake: async (q) => {
      const acts = await repo.anySendSince(q, new Date(clock.now().getTime() - 365 * DAY));
      return {
        acts,
        unchanged: repo.alwaysSql(),
        stale: async () => false,
        opened: async (tx, orders) => {
          for (const { order } of orders) await convert(tx, { customerId: order.customerId, kind: 'order', ref: order.number, at: order.createdAt });
        },
      };
    },
  };

  return {
    orderFollower,
    runDay,
    /** For tests and the bench: the selection and the send apart (a consent may change between). */
    selectAll: async (id: string, day: string) => selectAll(await mustCampaign(db, id), day),
    sendCandidates: async (id: string, cands: repo.Candidate[], day: string) => sendCandidates(await mustCampaign(db, id), cands, day),
    convert,

    /** The scheduled daily run: today in the company's zone. */
    async dailyRun() {
      return runDay(today(), 'system:care.daily');
    },

    async create(caller: Caller, input: z.infer<typeof campaignRequest>) {
      requirePermission(caller.principal, 'care.manage');
      check(input);
      const now = clock.now();
      const by = actorName(caller.principal);
      return db.transaction(async (tx) => {
        const r = await repo.insertCampaign(tx, {
          id: crypto.randomUUID(),
          ...columnsOf(input),
          status: 'draft',
          createdAt: now,
          updatedAt: now,
          createdBy: by,
        });
        await repo.insertCampaignHistory(tx, { campaignId: r.id, at: now, by, action: 'create', details: { name: r.name } });
        return view(r);
      });
    },

    async update(caller: Caller, id: string, input: z.infer<typeof campaignRequest> & { version: number }) {
      requirePermission(caller.principal, 'care.manage');
      check(input);
      const now = clock.now();
      const by = actorName(caller.principal);
      return db.transaction(async (tx) => {
        const cur = await mustCampaign(tx, id);
        const r = await repo.updateCampaignAtVersion(tx, id, input.version, {
          ...columnsOf(input),
          updatedAt: now,
        });
        if (!r) throw careErrors.staleVersion(cur.version);
        await repo.insertCampaignHistory(tx, { campaignId: id, at: now, by, action: 'update', details: { before: { ...view(cur), createdAt: undefined, updatedAt: undefined } } });
        return view(r);
      });
    },

    async setStatus(caller: Caller, id: string, input: { version: number; status: repo.CampaignRow['status'] }) {
      requirePermission(caller.principal, 'care.manage');
      const now = clock.now();
      const by = actorName(caller.principal);
      return db.transaction(async (tx) => {
        const cur = await mustCampaign(tx, id);
        const r = await repo.updateCampaignAtVersion(tx, id, input.version, { status: input.status, updatedAt: now });
        if (!r) throw careErrors.staleVersion(cur.version);
        await repo.insertCampaignHistory(tx, { campaignId: id, at: now, by, action: 'status', details: { from: cur.status, to: input.status } });
        return view(r);
      });
    },

    async list(caller: Caller, q: z.infer<typeof campaignsQuery>) {
      requirePermission(caller.principal, 'care.read');
      const { rows, total } = await repo.listCampaigns(db, q);
      return { items: rows.map(view), total, limit: q.limit, offset: q.offset };
    },

    async get(caller: Caller, id: string) {
      requirePermission(caller.principal, 'care.read');
      return view(await mustCampaign(db, id));
    },

    /** The audience's count and a sample with each one's message as it would read (nothing written). */
    async dryRun(caller: Caller, id: string, day?: string) {
      requirePermission(caller.principal, 'care.read');
      const c = await mustCampaign(db, id);
      const d = day ?? today();
      const sel = selectorFor(c.trigger, d);
      const count = await repo.countCandidates(db, sel, c.audience, d);
      const sample = await repo.selectCandidates(db, sel, c.audience, d, { limit: 10 });
      return {
        day: d,
        count,
        sample: sample.map((s) => ({
          customerId: s.customerId,
          name: s.name,
          tier: s.tier,
          language: s.language,
          province: s.province,
          unitId: s.unitId,
          model: (s.language === 'en' ? s.modelNameEn : s.modelNameZh) ?? null,
          warrantyEnd: s.warrantyEnd,
          bodyPreview: composeBody(s.language === 'en' ? c.templateEn : c.templateZh, s.language, c.purpose, varsFor(c, s, s.language, null, d)),
        })),
      };
    },

    /** Sends one active campaign now, for the day (today by default); a re-run sends only what is missing. */
    async run(caller: Caller, id: string, day?: string) {
      requirePermission(caller.principal, 'care.manage');
      const c = await mustCampaign(db, id);
      if (c.status !== 'active') throw careErrors.notSendable(c.status);
      const d = day ?? today();
      const t = await runCampaign(c, d, actorName(caller.principal));
      return { day: d, campaigns: 1, ...t };
    },

    async preview(caller: Caller, input: z.infer<typeof previewRequest>) {
      requirePermission(caller.principal, 'care.read');
      const trigger = (input.trigger ?? { kind: 'warranty_end', days: 30, part: 'unit' }) as Trigger;
      const fake = { id: '00000000-0000-0000-0000-000000000000', trigger, templateZh: input.template.zh, templateEn: input.template.en } as repo.CampaignRow;
      const sample = (lang: 'zh' | 'en'): repo.Candidate => ({ customerId: '', unitId: null, name: lang === 'zh' ? '张伟' : 'Wei Zhang', tier: 'standard', language: lang, province: '广东省', modelCode: 'KFR-35GW', modelNameZh: '挂壁式空调 1.5匹', modelNameEn: 'Wall AC 1.5 HP', warrantyEnd: '2027-06-30', lastContact: null });
      return {
        zh: composeBody(input.template.zh, 'zh', input.purpose, varsFor(fake, sample('zh'), 'zh', null, today())),
        en: composeBody(input.template.en, 'en', input.purpose, varsFor(fake, sample('en'), 'en', null, today())),
        problems: templateProblems(input.template, input.purpose),
      };
    },

    async report(caller: Caller, id: string) {
      requirePermission(caller.principal, 'care.read');
      return report(id);
    },

    async settings(caller: Caller) {
      requirePermission(caller.principal, 'care.read');
      const c = await capOf(db);
      return { capMessages: c.maxMessages, capDays: c.periodDays, version: c.version };
    },

    async updateSettings(caller: Caller, input: z.infer<typeof settingsUpdate>) {
      requirePermission(caller.principal, 'care.manage');
      await db.transaction(async (tx) => {
        const cur = await capOf(tx);
        if (!(await repo.saveSettings(tx, { capMessages: input.capMessages, capDays: input.capDays, at: clock.now(), by: actorName(caller.principal) }, input.version))) throw careErrors.staleVersion(cur.version ?? 0);
        await deps.audit(tx, { caller, action: 'care_settings_changed', subjectKind: 'care_settings', subjectId: null, details: { before: { capMessages: cur.maxMessages, capDays: cur.periodDays }, after: { capMessages: input.capMessages, capDays: input.capDays } } });
      });
      const c = await capOf(db);
      return { capMessages: c.maxMessages, capDays: c.periodDays, version: c.version };
    },

    async consents(caller: Caller, customerId: string) {
      requirePermission(caller.principal, 'care.read');
      return consentsView(db, customerId);
    },

    async updateConsents(caller: Caller, customerId: string, input: z.infer<typeof consentUpdate>) {
      requirePermission(caller.principal, 'care.consent');
      await db.transaction(async (tx) => {
        if (!(await repo.careCustomer(tx, customerId))) throw careErrors.customerNotFound(customerId);
        await applyConsents(tx, customerId, input.changes, input.source, input.evidence, actorName(caller.principal));
      });
      return consentsView(db, customerId);
    },

    async updateProfile(caller: Caller, customerId: string, input: z.infer<typeof profileUpdate>) {
      requirePermission(caller.principal, 'care.consent');
      if (input.timeZone && zoneFor(input.timeZone, '') !== input.timeZone) throw careErrors.param({ path: 'timeZone', en: 'not a known IANA time zone', zh: '不是有效的时区' });
      await db.transaction(async (tx) => {
        const facts = await repo.careCustomer(tx, customerId);
        if (!facts) throw careErrors.customerNotFound(customerId);
        if (input.birthdayCalendar === 'lunar' && !facts.birthday) throw careErrors.param({ path: 'birthdayCalendar', en: 'the customer has no birthday on record', zh: '客户未登记生日' });
        // The lunar date of birth, computed once from the solar date of birth; each year's birthday from it.
        const lunar = input.birthdayCalendar === 'lunar' && facts.birthday ? lunarOf(facts.birthday) : null;
        const cur = await repo.profileOf(tx, customerId);
        if ((cur ? cur.version : null) !== input.version) throw careErrors.staleVersion(cur?.version ?? 0);
        const saved = await repo.saveProfile(
          tx,
          { customerId, birthdayCalendar: input.birthdayCalendar, lunarMonth: lunar?.month ?? null, lunarDay: lunar?.day ?? null, lunarLeap: lunar?.leap ?? null, timeZone: input.timeZone ?? null, wechatOpenId: input.wechatOpenId ?? null, updatedAt: clock.now() },
          input.version,
        );
        if (!saved) throw careErrors.staleVersion(cur?.version ?? 0);
        await deps.audit(tx, { caller, action: 'care_profile_changed', subjectKind: 'customer', subjectId: customerId, details: { birthdayCalendar: input.birthdayCalendar, timeZone: input.timeZone ?? null } });
      });
      return consentsView(db, customerId);
    },

    async recordConversion(caller: Caller, input: z.infer<typeof conversionRequest>) {
      requirePermission(caller.principal, 'care.manage');
      return db.transaction(async (tx) => {
        if (!(await repo.careCustomer(tx, input.customerId))) throw careErrors.customerNotFound(input.customerId);
        return convert(tx, { customerId: input.customerId, kind: input.kind, ref: input.ref, at: input.at ? new Date(input.at) : clock.now() });
      });
    },

    /** One click, no sign-in: marketing on the message's channel stops (kept as evidence); again changes nothing. */
    async unsubscribe(token: string) {
      const link = readCareLink(deps.linkKey, token);
      if (!link || link.kind !== 'u') throw careErrors.badLink();
      return db.transaction(async (tx) => {
        const send = await repo.findSend(tx, link.sendId);
        if (!send || !send.channel) throw careErrors.badLink();
        await applyConsents(tx, send.customerId, [{ channel: send.channel, purpose: 'marketing', granted: false }], 'unsubscribe_link', `unsubscribe link of message ${send.id}`, 'customer');
        return { channel: send.channel, purpose: 'marketing' as const, unsubscribed: true, message: { zh: '已退订，您将不再收到此渠道的营销消息。', en: 'Unsubscribed: no more marketing messages on this channel.' } };
      });
    },

    /** The first click of a message's link counts; answers where the link leads. */
    async click(token: string) {
      const link = readCareLink(deps.linkKey, token);
      if (!link || link.kind !== 'c') throw careErrors.badLink();
      return db.transaction(async (tx) => {
        const send = await repo.findSend(tx, link.sendId);
        if (!send) throw careErrors.badLink();
        await repo.recordClick(tx, send, clock.now());
        const c = await repo.findCampaign(tx, send.campaignId);
        return { url: c?.linkUrl ?? `${base}/portal` };
      });
    },

    /**
     * A reply to an SMS, from the HTTP gateway's inbound hook, signed as its receipts are. A stop
     * word (退订, TD …) from a number stops marketing by SMS for every customer with that number.
     */
    async inboundSms(rawBody: string, timestamp: string | undefined, signature: string | undefined) {
      const sms = deps.messaging?.sms;
      if (!sms || sms.kind !== 'http') throw careErrors.inboundOff();
      if (!verifySignature(sms.secret, timestamp, signature, rawBody, new Date())) throw careErrors.badSignature();
      let json: unknown;
      try {
        json = JSON.parse(rawBody);
      } catch {
        throw careErrors.badInbound('(body)', 'not JSON');
      }
      const parsed = inboundSchema.safeParse(json);
      if (!parsed.success) throw careErrors.badInbound(parsed.error.issues[0].path.join('.') || '(body)', parsed.error.issues[0].message);
      const m: z.infer<typeof inboundRequest> = parsed.data;
      if (!isStopReply(m.text)) return { stopped: 0 };
      return db.transaction(async (tx) => {
        const who = await customersWithPhone(tx, m.from);
        let stopped = 0;
        for (const c of who) stopped += await applyConsents(tx, c.id, [{ channel: 'sms', purpose: 'marketing', granted: false }], 'sms_reply', `reply "${m.text.slice(0, 50)}" from ${m.from} at ${m.at ?? clock.now().toISOString()}`, 'customer');
        return { stopped };
      });
    },

    // The customer's own: the portal inbox and consent switches.
    async inbox(caller: Caller, p: { limit: number; offset: number }) {
      const customerId = customerOf(caller);
      const { rows, total } = await repo.inboxOf(db, customerId, p.limit, p.offset);
      const unread = (await repo.inboxOf(db, customerId, 200, 0)).rows.filter((r) => !r.readAt).length;
      return { items: rows.map((r) => ({ id: r.id, title: r.language === 'en' ? r.titleEn : r.titleZh, body: r.body, createdAt: r.createdAt.toISOString(), read: !!r.readAt })), total, limit: p.limit, offset: p.offset, unread };
    },

    async readMessage(caller: Caller, id: string) {
      const customerId = customerOf(caller);
      const r = await repo.markInboxRead(db, id, customerId, clock.now());
      if (!r) throw careErrors.messageNotFound(id);
      return { id: r.id, title: r.language === 'en' ? r.titleEn : r.titleZh, body: r.body, createdAt: r.createdAt.toISOString(), read: true };
    },

    async myConsents(caller: Caller) {
      const v = await consentsView(db, customerOf(caller));
      return { items: v.items.map((i) => ({ channel: i.channel, purpose: i.purpose, granted: i.granted })) };
    },

    async updateMyConsents(caller: Caller, input: z.infer<typeof customerConsentUpdate>) {
      const customerId = customerOf(caller);
      await db.transaction(async (tx) => applyConsents(tx, customerId, input.changes, 'portal', 'switched by the customer in the portal', 'customer'));
      const v = await consentsView(db, customerId);
      return { items: v.items.map((i) => ({ channel: i.channel, purpose: i.purpose, granted: i.granted })) };
    },
  };
}

export type CareService = ReturnType<typeof createCareService>;
