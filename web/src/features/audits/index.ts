// The audits area's face: scores and audits, the audit on a phone, corrective actions, the checklist editor.
export { AuditsPage } from './Audits';
export { AuditOnPhonePage } from './AuditOnPhone';
export { CorrectiveActionsPage } from './CorrectiveActions';
export { AuditTemplatesPage } from './AuditTemplates';
