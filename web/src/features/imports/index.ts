// The imports area's face: the wizard (upload, mapping, dry-run report, run with progress).
export { ImportWizardPage } from './ImportWizard';
