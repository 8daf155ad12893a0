import type { Messages } from './en';
import { zh as common } from '../shared/locales/zh';
import { zh as access } from '../features/access/locales/zh';
import { zh as customers } from '../features/customers/locales/zh';
import { zh as units } from '../features/units/locales/zh';
import { zh as workOrders } from '../features/work-orders/locales/zh';
import { zh as promises } from '../features/promises/locales/zh';
import { zh as notifications } from '../features/notifications/locales/zh';
import { zh as dispatch } from '../features/dispatch/locales/zh';
import { zh as training } from '../features/training/locales/zh';
import { zh as portal } from '../features/portal/locales/zh';
import { zh as network } from '../features/network/locales/zh';
import { zh as dashboard } from '../features/dashboard/locales/zh';
import { zh as evidence } from '../features/evidence/locales/zh';
import { zh as returns } from '../features/returns/locales/zh';
import { zh as fees } from '../features/fees/locales/zh';
import { zh as disputes } from '../features/disputes/locales/zh';
import { zh as fraud } from '../features/fraud/locales/zh';
import { zh as care } from '../features/care/locales/zh';
import { zh as parts } from '../features/parts/locales/zh';
import { zh as followUps } from '../features/follow-ups/locales/zh';
import { zh as complaints } from '../features/complaints/locales/zh';
import { zh as settlement } from '../features/settlement/locales/zh';
import { zh as quality } from '../features/quality/locales/zh';
import { zh as audits } from '../features/audits/locales/zh';
import { zh as staffVoice } from '../features/staff-voice/locales/zh';
import { zh as scorecard } from '../features/scorecard/locales/zh';
import { zh as contacts } from '../features/contacts/locales/zh';
import { zh as contracts } from '../features/contracts/locales/zh';
import { zh as loyalty } from '../features/loyalty/locales/zh';
import { zh as imports } from '../features/imports/locales/zh';
import { zh as workspace } from '../features/workspace/locales/zh';
import { zh as webhooks } from '../features/webhooks/locales/zh';
import { zh as calendarFeeds } from '../features/calendar-feeds/locales/zh';
import { zh as live } from '../features/live/locales/zh';

export const zh: Messages = { ...common, ...access, ...customers, ...units, ...workOrders, ...promises, ...notifications, ...dispatch, ...training, ...portal, ...network, ...dashboard, ...evidence, ...returns, ...fees, ...disputes, ...fraud, ...parts, ...followUps, ...complaints, ...settlement, ...quality, ...audits, ...staffVoice, ...scorecard, ...contacts, ...care, ...contracts, ...loyalty, ...imports, ...webhooks, ...calendarFeeds, ...workspace, ...live };
// 中文：共用词与各区域自己的词（web/src/features/<区域>/locales）合为一份。

