// Where measures and holds come from. Each is a plain function giving a SQL condition on one order
// (so generation stays one set-based statement); the module is built with a list of them, and the
// parts and fraud modules add theirs ("old parts late", "held for fraud review") the same way.
import type { SQL } from 'drizzle-orm';
import { followUpSatisfactionIsSql, repeatRepairWithinSql } from '../work-orders/index.js';
import { promiseOutcomeSql } from '../promises/index.js';
import { openFeeDisputeSql, upheldFeeDisputeSql } from '../disputes/index.js';
import { confirmedFraudSql, heldForFraudSql } from '../fraud/index.js';
import { auditFailedSql, auditScoreAtLeastSql } from '../audits/index.js';
import { oldPartAwaitedSql, oldPartLateOrMissingSql } from '../parts/index.js';
import { complaintUpheldSql } from '../complaints/index.js';

/**
 * A measure of a statement's settled orders: `flag` says whether an order counts; the value is their
 * share or count. `at` is the period's end: a fact that changes with time is read as it stood then,
 * so a draft regenerated later from the same records is the same statement.
 */
export type MeasureSource = { code: string; nameZh: string; nameEn: string; unit: 'share' | 'count'; flag: (orderId: SQL, at: SQL) => SQL<boolean> };
/** A reason to hold an order out of settlement (as at the period's end); a held order waits and rolls into the period after it clears. */
export type HoldSource = { code: string; nameZh: string; nameEn: string; held: (orderId: SQL, at: SQL) => SQL<boolean> };

export const defaultMeasures: MeasureSource[] = [
  { code: 'promises_beaten_share', nameZh: '承诺提前完成比例', nameEn: 'Promises beaten (share)', unit: 'share', flag: (o) => promiseOutcomeSql(o, 'beaten') },
  { code: 'promises_kept_share', nameZh: '承诺按时完成比例', nameEn: 'Promises kept (share)', unit: 'share', flag: (o) => promiseOutcomeSql(o, 'kept') },
  { code: 'promises_broken_share', nameZh: '承诺超时比例', nameEn: 'Promises broken (share)', unit: 'share', flag: (o) => promiseOutcomeSql(o, 'broken') },
  { code: 'follow_up_delighted_share', nameZh: '回访非常满意比例', nameEn: 'Follow-up delighted (share)', unit: 'share', flag: (o) => followUpSatisfactionIsSql(o, 'delighted') },
  { code: 'follow_up_dissatisfied', nameZh: '回访不满意单数', nameEn: 'Follow-up dissatisfied (orders)', unit: 'count', flag: (o) => followUpSatisfactionIsSql(o, 'dissatisfied') },
  { code: 'fee_dispute_upheld', nameZh: '费用争议成立单数', nameEn: 'Fee disputes upheld (orders)', unit: 'count', flag: (o) => upheldFeeDisputeSql(o) },
  { code: 'repeat_repair_30d', nameZh: '30天内重复维修单数', nameEn: 'Repeat repair within 30 days (orders)', unit: 'count', flag: (o) => repeatRepairWithinSql(o, 30) },
  { code: 'fraud_confirmed', nameZh: '确认欺诈单数', nameEn: 'Confirmed fraud (orders)', unit: 'count', flag: (o) => confirmedFraudSql(o) },
  // Service-standard audits of the order (on site, mystery shopper, derived from follow-ups): a rule rewards the four-star visits and penalises the failed ones.
  { code: 'audit_failed', nameZh: '服务规范检查不合格单数', nameEn: 'Audit failed (orders)', unit: 'count', flag: (o) => auditFailedSql(o) },
  { code: 'audit_four_stars', nameZh: '服务规范检查 90 分以上单数', nameEn: 'Audit scored 90 or more (orders)', unit: 'count', flag: (o) => auditScoreAtLeastSql(o, 90) },
  { code: 'old_parts_late_or_missing', nameZh: '旧件逾期或未返单数', nameEn: 'Old parts late or missing (orders)', unit: 'count', flag: (o, at) => oldPartLateOrMissingSql(o, at) },
  { code: 'complaint_upheld', nameZh: '投诉成立单数', nameEn: 'Complaints upheld (orders)', unit: 'count', flag: (o, at) => complaintUpheldSql(o, at) },
];

export const defaultHolds: HoldSource[] = [
  { code: 'open_fee_dispute', nameZh: '费用争议处理中', nameEn: 'Fee dispute open', held: (o) => openFeeDisputeSql(o) },
  { code: 'fraud_review', nameZh: '欺诈审核中', nameEn: 'Held for fraud review', held: (o) => heldForFraudSql(o) },
  // An order whose old part is still on its way (deadline not passed) waits: settled once on time, late or missing is known.
  { code: 'old_part_awaited', nameZh: '旧件待返厂', nameEn: 'Old part awaited', held: (o, at) => oldPartAwaitedSql(o, at) },
];
