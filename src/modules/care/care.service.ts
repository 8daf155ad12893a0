// Care campaigns: a campaign is a trigger (what occurrence it is about), an audience, a template
// in both languages, its channels and its dates. The daily run (a scheduled job) sends each active
// campaign's day once across server copies: the copy that takes the campaign's day (care_run_days)
// selects the audience, decides each one's consent, reach, channel and frequency cap, and writes
// the sends in their final status in one INSERT … SELECT … ON CONFLICT DO NOTHING (unique per
// customer and occurrence: exactly once across campaigns, re-runs and copies), then the messages
// of the enqueued ones in bulk (the notifications outbox, or the portal inbox) — all in that one
// transaction, so a kill leaves nothing of the day; another copy waits on the day's key and finds
// it done. A person's run of one campaign selects into pending sends and claims them a chunk per
// transaction (FOR UPDATE SKIP LOCKED) with the same decision (a consent revoked after selection
// stops the message). Quiet hours are the outbox's: each message carries the customer's zone (the
// company's when unknown) and waits for the window to open.
import type { z } from 'zod';
import type { Db, Queryable, Tx } from '../../db/database.js';
import type { AuditFn } from '../../kernel/audit.js';
import { actorName, requirePermission, type Caller } from '../../kernel/scopes.js';
import type { Clock } from '../../shared/clock.js';
import { localDate } from '../../shared/zoned.js';
import type { MessagingConfig } from '../../config/config.js';
import { enqueueMessage, verifySignature, type Unreachable } from '../notifications/index.js';
import { customersWithPhone } from '../customers/index.js';
import type { OrderFollower } from '../work-orders/index.js';
import * as repo from './care.repo.js';
import { careErrors } from './care.errors.js';
import { linkKeyPads, readCareLink } from './care.links.js';
import {
  bodyPieces,
  campaignVariables,
  chooseChannel,
  composeBody,
  consentAllows,
  holidayNames,
  isStopReply,
  lunarOf,
  occurrenceKey,
  occurrenceParts,
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
  /** Sends claimed per transaction (5,000); the kill test makes it small. */
  chunkSize?: number;
  /** Told after each committed chunk (the kill test waits for the first). */
  onChunk?: (sent: number) => void;
};

const defaultCap: Cap = { maxMessages: 2, periodDays: 7 };
const DAY = 86_400_000;
/** Candidates read per selection statement: a day's run is one statement unless it is larger. */
const selectPage = 100_000;

export function createCareService(deps: CareDeps) {
  const { db, clock } = deps;
  const companyZone = deps.messaging?.quietHours?.zone ?? 'Asia/Shanghai';
  const today = () => localDate(clock.now(), companyZone);
  const base = deps.publicUrl.replace(/\/$/, '');
  const chunk = deps.chunkSize ?? 5000;

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

  /** What a preview shows for the links no send has yet. */
  const sampleLinks = { link: `${base}/care-links/click/…`, unsubscribe: `${base}/care-links/unsubscribe/…` };

  /** The variables of one message as a preview or dry run shows it (`links`: stand-ins, no send exists). */
  function varsFor(c: Pick<repo.CampaignRow, 'trigger'>, cand: Pick<repo.Candidate, 'name' | 'modelNameZh' | 'modelNameEn' | 'warrantyEnd'>, lang: 'zh' | 'en', links: Pick<TemplateVars, 'link' | 'unsubscribe'>): TemplateVars {
    return {
      name: cand.name,
      model: (lang === 'en' ? cand.modelNameEn : cand.modelNameZh) ?? '',
      warrantyEnd: cand.warrantyEnd ?? '',
      ...campaignVariables(c.trigger, lang),
      ...links,
    };
  }

  const pads = linkKeyPads(deps.linkKey);

  /** The campaign's messages as the statements that write them render and sign them (care.repo messagesSql). */
  function messageText(c: repo.CampaignRow, now: Date): repo.MessageText {
    const purpose = c.purpose as Purpose;
    const pieces = (lang: 'zh' | 'en') => bodyPieces(lang === 'en' ? c.templateEn : c.templateZh, lang, purpose, campaignVariables(c.trigger, lang));
    return { zh: pieces('zh'), en: pieces('en'), title: c.name, base, pads, companyZone, now };
  }

  type Tally = { selected: number; enqueued: number; skipped: number; duplicates: number };

  /**
   * One batch of the campaign's pending sends, inside the caller's transaction: the claim in one
   * set-based statement (consent, reach and the cap read as they are now; rows another copy holds
   * skipped — repo.claimPending), then the messages of the enqueued ones. Capped purposes first
   * take the one lock that serialises capped claims across server copies. Answers how many were claimed.
   */
  async function claimChunk(tx: Tx, c: repo.CampaignRow, cap: Cap, tally: Tally): Promise<number> {
    const now = clock.now();
    const purpose = c.purpose as Purpose;
    if (purpose !== 'service') await repo.lockCappedClaims(tx);
    const claimed = await repo.claimPending(tx, { campaignId: c.id, purpose, channels: c.channels, now, cap, limit: chunk, message: messageText(c, now) });
    tally.skipped += claimed.claimed - claimed.enqueued;
    tally.enqueued += claimed.enqueued;
    return claimed.claimed;
  }

  /**
   * Claims the campaign's pending sends a chunk per transaction until none is left to this copy (a
   * kill loses at most the open chunk, which stays pending for a re-run); other copies claim beside it.
   */
  async function claimAll(c: repo.CampaignRow): Promise<{ enqueued: number; skipped: number; claimed: number }> {
    const cap = await capOf(db);
    const tally: Tally = { selected: 0, enqueued: 0, skipped: 0, duplicates: 0 };
    let claimed = 0;
    for (;;) {
      const n = await db.transaction(async (tx) => claimChunk(tx, c, cap, tally));
      if (!n) break;
      claimed += n;
      deps.onChunk?.(claimed);
    }
    return { enqueued: tally.enqueued, skipped: tally.skipped, claimed };
  }

  /** What a run tells: what its day's selection found, what this copy sent or skipped; the rest went to another copy, run or campaign. */
  function tallyOf(selected: number, t: { enqueued: number; skipped: number }): Tally {
    return { selected, enqueued: t.enqueued, skipped: t.skipped, duplicates: Math.max(0, selected - t.enqueued - t.skipped) };
  }

  /** The candidates selected apart, written pending and sent (the test of a consent revoked between selection and send). */
  async function sendCandidates(c: repo.CampaignRow, cands: repo.Candidate[], day: string): Promise<Tally> {
    const rows = cands.map((cand) => ({
      customerId: cand.customerId,
      unitId: cand.unitId,
      occurrence: occurrenceKey(c.trigger, c.id, day, { customerId: cand.customerId, unitId: cand.unitId, warrantyEnd: cand.warrantyEnd, lastContact: cand.lastContact }),
      language: cand.language,
      facts: cand.unitId ? { modelNameZh: cand.modelNameZh, modelNameEn: cand.modelNameEn, warrantyEnd: cand.warrantyEnd } : null,
    }));
    await repo.insertPending(db, { campaignId: c.id, runDay: day, now: clock.now(), rows });
    return tallyOf(cands.length, await claimAll(c));
  }

  async function selectAll(c: repo.CampaignRow, day: string): Promise<repo.Candidate[]> {
    const sel = selectorFor(c.trigger, day);
    const out: repo.Candidate[] = [];
    let afterKey: string | undefined;
    for (;;) {
      const page = await repo.selectCandidates(db, sel, c.audience, day, { limit: selectPage, afterKey });
      out.push(...page);
      if (page.length < selectPage) return out;
      const last = page[page.length - 1];
      afterKey = perUnit(c.trigger) ? last.unitId! : last.customerId;
    }
  }

  /** The day's audience written as pending sends in one statement; how many it found. */
  async function selectInto(q: Queryable, c: repo.CampaignRow, day: string): Promise<number> {
    const r = await repo.selectIntoPending(q, { campaignId: c.id, runDay: day, now: clock.now(), sel: selectorFor(c.trigger, day), audience: c.audience, day, occurrence: occurrenceParts(c.trigger, c.id, day) });
    return r.selected;
  }

  /**
   * The daily run's day of a campaign, once across copies and restarts: the copy that takes the day
   * (care_run_days) selects, decides and writes every send and message of the day in that one
   * transaction (repo.selectDecided: no pending rows, no second pass over them); another copy waits
   * on the day's key and finds it done. A copy killed mid-way leaves nothing of the day (the day's
   * row rolls back with it), so the next run takes the day again. Answers what the day's selection
   * found and, on the copy that took it, what it sent and skipped.
   */
  async function sendDay(c: repo.CampaignRow, day: string, by: string): Promise<{ selected: number; enqueued: number; skipped: number }> {
    const cap = await capOf(db);
    return db.transaction(async (tx) => {
      const now = clock.now();
      if (!(await repo.takeRunDay(tx, { campaignId: c.id, day, at: now, by }))) return { selected: await repo.runDaySelected(tx, c.id, day), enqueued: 0, skipped: 0 };
      const purpose = c.purpose as Purpose;
      if (purpose !== 'service') await repo.lockCappedClaims(tx);
      await repo.daySettings(tx);
      const r = await repo.selectDecided(tx, {
        campaignId: c.id,
        runDay: day,
        now,
        sel: selectorFor(c.trigger, day),
        audience: c.audience,
        day,
        occurrence: occurrenceParts(c.trigger, c.id, day),
        purpose,
        channels: c.channels,
        cap,
        message: messageText(c, now),
      });
      await repo.setRunDaySelected(tx, c.id, day, r.selected);
      return { selected: r.selected, enqueued: r.enqueued, skipped: r.written - r.enqueued };
    });
  }

  /**
   * A campaign's day. The daily run (`once`) sends the day once across copies (sendDay); a person's
   * run selects again into pending sends (what is missing is added) and claims them a chunk per
   * transaction. Either then claims what is left pending (a person's run a kill cut short).
   */
  async function runCampaign(c: repo.CampaignRow, day: string, by: string, once: boolean): Promise<Tally> {
    const first = once ? await sendDay(c, day, by) : { selected: await selectInto(db, c, day), enqueued: 0, skipped: 0 };
    const rest = await claimAll(c);
    const tally = tallyOf(first.selected, { enqueued: first.enqueued + rest.enqueued, skipped: first.skipped + rest.skipped });
    if (tally.selected || tally.enqueued || tally.skipped) await db.transaction(async (tx) => repo.insertCampaignHistory(tx, { campaignId: c.id, at: clock.now(), by, action: 'run', details: { day, ...tally } }));
    return tally;
  }

  /** Every active campaign for the day, in creation order; each campaign's day selected once across copies. */
  async function runDay(day: string, by: string) {
    const campaigns = await repo.activeCampaigns(db, day);
    const total = { day, campaigns: campaigns.length, selected: 0, enqueued: 0, skipped: 0, duplicates: 0 };
    for (const c of campaigns) {
      const t = await runCampaign(c, day, by, true);
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
    const byStatus = { pending: 0, enqueued: 0, skipped_consent: 0, skipped_cap: 0, skipped_no_channel: 0 };
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

  /**
   * A campaign message its channel could not reach the customer on (a WeChat user who does not
   * follow the account): the same words go on the campaign's next channel the customer can be
   * reached on and consented to (chooseChannel without the failed one), in the failure's
   * transaction; the send then names the new channel and message. None left: it stays failed.
   */
  async function fallback(tx: Tx, m: Unreachable) {
    if (m.subject?.kind !== 'care_send') return;
    const send = await repo.findSend(tx, m.subject.id);
    if (!send || send.outboxMessageId !== m.id) return;
    const c = await repo.findCampaign(tx, send.campaignId);
    const facts = await repo.careCustomer(tx, send.customerId);
    if (!c || !facts) return;
    const consents = await repo.consentsOf(tx, send.customerId);
    const channels = c.channels.filter((ch) => ch !== m.channel);
    const next = chooseChannel(channels, facts.preferredChannel, { sms: facts.phone, email: facts.email, wechat: facts.wechatOpenId, inbox: true }, (ch) => consentAllows(consents, ch, c.purpose as Purpose, facts.consentToContact));
    const now = clock.now();
    if (next === 'inbox') {
      await repo.insertInboxMany(tx, [{ customerId: send.customerId, sendId: send.id, titleZh: c.name, titleEn: c.name, body: m.language === 'en' ? m.bodyEn : m.bodyZh, language: m.language, createdAt: now }]);
      await repo.moveSend(tx, send.id, 'inbox', null);
    } else if (next) {
      const recipient = next === 'sms' ? facts.phone! : next === 'email' ? facts.email! : facts.wechatOpenId!;
      const messageId = await enqueueMessage(tx, clock, { channel: next, recipient, template: 'care_message', bodyZh: m.bodyZh, bodyEn: m.bodyEn, language: m.language, customerId: send.customerId, subject: { kind: 'care_send', id: send.id }, timeZone: zoneFor(m.timeZone, companyZone) });
      await repo.moveSend(tx, send.id, next, messageId);
    }
    await repo.insertCampaignHistory(tx, { campaignId: c.id, at: now, by: 'system:fallback', action: 'fallback', details: { sendId: send.id, from: m.channel, to: next, reason: m.reason } });
  }

  return {
    orderFollower,
    fallback,
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
          bodyPreview: composeBody(s.language === 'en' ? c.templateEn : c.templateZh, s.language, c.purpose, varsFor(c, s, s.language, sampleLinks)),
        })),
      };
    },

    /** Sends one active campaign now, for the day (today by default); a re-run sends only what is missing. */
    async run(caller: Caller, id: string, day?: string) {
      requirePermission(caller.principal, 'care.manage');
      const c = await mustCampaign(db, id);
      if (c.status !== 'active') throw careErrors.notSendable(c.status);
      const d = day ?? today();
      const t = await runCampaign(c, d, actorName(caller.principal), false);
      return { day: d, campaigns: 1, ...t };
    },

    async preview(caller: Caller, input: z.infer<typeof previewRequest>) {
      requirePermission(caller.principal, 'care.read');
      const trigger = (input.trigger ?? { kind: 'warranty_end', days: 30, part: 'unit' }) as Trigger;
      const fake = { id: '00000000-0000-0000-0000-000000000000', trigger, templateZh: input.template.zh, templateEn: input.template.en } as repo.CampaignRow;
      const sample = (lang: 'zh' | 'en'): repo.Candidate => ({ customerId: '', unitId: null, name: lang === 'zh' ? '张伟' : 'Wei Zhang', tier: 'standard', language: lang, province: '广东省', modelCode: 'KFR-35GW', modelNameZh: '挂壁式空调 1.5匹', modelNameEn: 'Wall AC 1.5 HP', warrantyEnd: '2027-06-30', lastContact: null });
      return {
        zh: composeBody(input.template.zh, 'zh', input.purpose, varsFor(fake, sample('zh'), 'zh', sampleLinks)),
        en: composeBody(input.template.en, 'en', input.purpose, varsFor(fake, sample('en'), 'en', sampleLinks)),
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
