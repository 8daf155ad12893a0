import { en as common } from '../shared/locales/en';
import { en as access } from '../features/access/locales/en';
import { en as customers } from '../features/customers/locales/en';
import { en as units } from '../features/units/locales/en';
import { en as workOrders } from '../features/work-orders/locales/en';
import { en as promises } from '../features/promises/locales/en';
import { en as notifications } from '../features/notifications/locales/en';
import { en as dispatch } from '../features/dispatch/locales/en';
import { en as training } from '../features/training/locales/en';
import { en as portal } from '../features/portal/locales/en';
import { en as network } from '../features/network/locales/en';
import { en as dashboard } from '../features/dashboard/locales/en';
import { en as evidence } from '../features/evidence/locales/en';
import { en as returns } from '../features/returns/locales/en';
import { en as fees } from '../features/fees/locales/en';
import { en as disputes } from '../features/disputes/locales/en';
import { en as fraud } from '../features/fraud/locales/en';
import { en as care } from '../features/care/locales/en';
import { en as parts } from '../features/parts/locales/en';
import { en as followUps } from '../features/follow-ups/locales/en';
import { en as complaints } from '../features/complaints/locales/en';
import { en as settlement } from '../features/settlement/locales/en';
import { en as quality } from '../features/quality/locales/en';
import { en as audits } from '../features/audits/locales/en';
import { en as staffVoice } from '../features/staff-voice/locales/en';
import { en as scorecard } from '../features/scorecard/locales/en';
import { en as contacts } from '../features/contacts/locales/en';
import { en as contracts } from '../features/contracts/locales/en';
import { en as loyalty } from '../features/loyalty/locales/en';
import { en as imports } from '../features/imports/locales/en';
import { en as workspace } from '../features/workspace/locales/en';
import { en as webhooks } from '../features/webhooks/locales/en';
import { en as calendarFeeds } from '../features/calendar-feeds/locales/en';
import { en as live } from '../features/live/locales/en';

export const en = { ...common, ...access, ...customers, ...units, ...workOrders, ...promises, ...notifications, ...dispatch, ...training, ...portal, ...network, ...dashboard, ...evidence, ...returns, ...fees, ...disputes, ...fraud, ...parts, ...followUps, ...complaints, ...settlement, ...quality, ...audits, ...staffVoice, ...scorecard, ...contacts, ...care, ...contracts, ...loyalty, ...imports, ...webhooks, ...calendarFeeds, ...workspace, ...live };
// English: the shared words and each area's own (web/src/features/<area>/locales), merged into one
// resource. Each area's zh.ts has its en.ts's type, and test/console-i18n.test.ts compares every pair.

export type Messages = typeof en;
