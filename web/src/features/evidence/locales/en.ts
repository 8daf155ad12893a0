// English for the evidence area. Every key has its Chinese twin in zh.ts (test/console-i18n.test.ts compares them).
export const en = {
  evidence: {
    title: 'Evidence', missingTitle: 'Still needed to complete', complete: 'Everything needed is here.', photos: 'Photos', noPhotos: 'No photos yet.',
    take: 'Take photo: {{what}}', takeOther: 'Take another photo', uploading: 'Uploading…', uploaded: 'Photo kept.', open: 'Open {{what}} full size', flags: 'Flags',
    noFlags: 'Nothing flagged.', readings: 'Readings', replacement: 'Replaced', replacementNone: 'Nothing replaced',
  },
  photoKind: {
    before: 'Site before', after: 'Site after', serial: 'Serial plate', serial_indoor: 'Indoor serial plate', serial_outdoor: 'Outdoor serial plate',
    installed_unit: 'Installed unit', replaced_part: 'Replaced part', invoice: 'Invoice', site: 'Site', other: 'Other',
  },
  serialRole: { indoor: 'Indoor serial', outdoor: 'Outdoor serial', main: 'Serial' },
  replacementKind: { part: 'A part', unit: 'The whole unit' },
  evidenceRules: {
    title: 'Evidence rules', intro: 'What a technician must show to complete a job, per product category and order kind. A rule for every category holds where a category has none of its own.',
    category: 'Category', anyCategory: 'Every category', kind: 'Order kind', photos: 'Photos', serials: 'Serials to confirm', readings: 'Readings', faultCodes: 'Fault codes required',
    yes: 'yes', no: 'no', none: 'No rules yet: only repairs, inspections and complaints ask for fault codes.', add: 'Add a rule', edit: 'Edit', remove: 'Remove', save: 'Save', back: 'Back',
    newTitle: 'New evidence rule', editTitle: 'Edit evidence rule', readingCode: 'Code', readingZh: 'Name (Chinese)', readingEn: 'Name (English)', readingUnit: 'Unit',
    readingMin: 'At least', readingMax: 'At most', readingRequired: 'Required', addReading: 'Add a reading', removeReading: 'Remove reading {{code}}',
  },
};
