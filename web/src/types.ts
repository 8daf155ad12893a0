// The API's shapes, taken from the modules' contracts as types only: nothing of the server is bundled.
import type { z } from 'zod';
import type { historyView, intakeRequest, orderView } from '../../src/modules/work-orders/work-orders.contract';
import type { customerView } from '../../src/modules/customers/customers.contract';
import type { createUnitRequest, sanbaoRequest, sanbaoView, unitDetailView, unitView } from '../../src/modules/units/units.contract';
import type { absenceView, providerView, shift, technicianView } from '../../src/modules/network/network.contract';
import type { modelView, faultNode } from '../../src/modules/catalog/catalog.contract';
import type { auditEntryView, createUserRequest, meResponse, tokenCreated, tokenView, userView } from '../../src/modules/access/access.contract';
import type { OrderAction, OrderStatus, OrderKind } from '../../src/modules/work-orders/work-orders.rules';
import type { Permission, Role } from '../../src/kernel/permissions';
import type { alertView, atRiskItem, calendarDay, calendarView, milestoneView, orderPromiseView, policyView, reportRow } from '../../src/modules/promises/promises.contract';
import type { categoryView } from '../../src/modules/catalog/catalog.contract';
import type { tierView } from '../../src/modules/customers/customers.contract';

export type { OrderAction, OrderStatus, OrderKind, Permission, Role };
export type Order = z.infer<typeof orderView>;
export type HistoryRow = z.infer<typeof historyView>;
export type IntakeInput = z.input<typeof intakeRequest>;
export type Customer = z.infer<typeof customerView>;
export type Unit = z.infer<typeof unitView>;
export type UnitDetail = z.infer<typeof unitDetailView>;
export type NewUnit = z.input<typeof createUnitRequest>;
export type SanbaoQuestion = z.input<typeof sanbaoRequest>;
export type SanbaoAnswer = z.infer<typeof sanbaoView>;
export type Provider = z.infer<typeof providerView>;
export type Technician = z.infer<typeof technicianView>;
export type Shift = z.infer<typeof shift>;
export type Absence = z.infer<typeof absenceView>;
export type Model = z.infer<typeof modelView>;
export type FaultNode = z.infer<typeof faultNode>;
export type Me = z.infer<typeof meResponse>;
export type User = z.infer<typeof userView>;
export type NewUser = z.input<typeof createUserRequest>;
export type Token = z.infer<typeof tokenView>;
export type TokenCreated = z.infer<typeof tokenCreated>;
export type AuditEntry = z.infer<typeof auditEntryView>;
export type { Page } from '../../src/shared/paging';

// Promises (service levels).
export type { Milestone } from '../../src/modules/promises/promises.rules';
export type { Priority } from '../../src/modules/work-orders/work-orders.rules';
export type Category = z.infer<typeof categoryView>;
export type CustomerTier = z.infer<typeof tierView>;
export type OrderPromise = z.infer<typeof orderPromiseView>;
export type MilestoneClock = z.infer<typeof milestoneView>;
export type AtRiskOrder = z.infer<typeof atRiskItem>;
export type PromiseAlert = z.infer<typeof alertView>;
export type PromiseReportRow = z.infer<typeof reportRow>;
export type BusinessCalendar = z.infer<typeof calendarView>;
export type CalendarDay = z.infer<typeof calendarDay>;
export type PromisePolicy = z.infer<typeof policyView>;

// Dispatching and training.
import type { boardView, orderVisitView, planView, slotsView, technicianSuggestionView, visitsView } from '../../src/modules/dispatch/dispatch.contract';
import type { attemptView, certificationView, courseView, examView, paperView, questionView } from '../../src/modules/training/training.contract';
export type Board = z.infer<typeof boardView>;
export type BoardOrder = Board['orders'][number];
export type BoardTechnician = Board['technicians'][number];
export type DayPlan = z.infer<typeof planView>;
export type TechnicianSuggestions = z.infer<typeof technicianSuggestionView>;
export type Slots = z.infer<typeof slotsView>;
export type OrderVisit = z.infer<typeof orderVisitView>;
export type DayVisits = z.infer<typeof visitsView>;
export type Course = z.infer<typeof courseView>;
export type Exam = z.infer<typeof examView>;
export type Paper = z.infer<typeof paperView>;
export type Attempt = z.infer<typeof attemptView>;
export type Certification = z.infer<typeof certificationView>;
export type Question = z.infer<typeof questionView>;
