// The agent's workspace: the landing page (search, my queue, recent customers), the keyboard layer
// (command palette, shortcuts), an order's internal notes, and the symptom templates.
export { WorkspacePage } from './Workspace';
export { KeyboardLayer } from './CommandPalette';
export { OrderNotes } from './OrderNotes';
export { SymptomTemplatesPage, TemplatePicker } from './SymptomTemplates';
export { openedCustomer } from './api';
