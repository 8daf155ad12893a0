// English for the network area. Every key has its Chinese twin in zh.ts (test/console-i18n.test.ts compares them).
export const en = {
  network: {
    title: 'Service network', noProviders: 'No providers yet.', provider: 'Provider', kind: 'Kind', contact: 'Contact', capacity: 'Capacity', contract: 'Contract',
    until: 'until {{date}}', inactive: 'inactive', kinds: { branch: 'Own branch', contractor: 'Contracted provider', agent: 'Regional agent' },
    area: 'Serves: {{regions}}', technicians: 'Technicians ({{n}})', noTechnicians: 'No technicians yet.', name: 'Name', nameEn: 'Name in English (pinyin)', nameEnHint: 'What English readers see; leave empty to show the name as it is', status: 'Status', skills: 'Skills (product categories)',
    maxJobs: 'Most visits a day', statuses: { active: 'Active', suspended: 'Suspended', left: 'Left' }, newTechnician: 'Add a technician', phone: 'Mobile phone',
    homeAddress: 'Home base', officeWeek: 'Works Monday to Friday, 09:00–18:00, until you change it on the technician’s page.', added: '{{name}} was added.', add: 'Add technician',
    backToProvider: 'Back to the provider', workingDetails: 'Work details', shifts: 'Weekly shifts', shiftStart: '{{day}} from', shiftEnd: '{{day}} to', saved: 'Saved.', save: 'Save',
    weekdays: { 1: 'Monday', 2: 'Tuesday', 3: 'Wednesday', 4: 'Thursday', 5: 'Friday', 6: 'Saturday', 7: 'Sunday' },
    absences: 'Absences', noAbsences: 'No absences on record.', addAbsence: 'Record an absence', from: 'From', to: 'To', reason: 'Reason',
    certifications: 'Certifications', noCertifications: 'No certifications: this technician may not take certified jobs.', validUntil: 'valid until {{date}}', revoked: 'revoked', expired: 'expired',
    toTraining: 'Training and exams',
  },
};
