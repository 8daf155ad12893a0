// English for the imports area. Every key has its Chinese twin in zh.ts (test/console-i18n.test.ts compares them).
export const en = {
  imports: {
    nav: 'Import',
    title: 'Import customers',
    intro: 'Bring customers with their phones, address and consent from a CSV or XLSX file (for example one exported by Aftercare). Check the file first; nothing is written until you run it, and running it again changes nothing.',
    step1: '1. Upload the file', chooseFile: 'CSV or XLSX file', upload: 'Upload',
    step2: '2. Match the columns', mappingHint: 'Choose which column of the file holds each field. Fields with * are required; the key finds the customer again on a later import.', field: 'Field', column: 'Column', notMapped: '(not in the file)', dryRun: 'Check every row (dry run)',
    step3: '3. Check and run', checked: '{{total}} rows checked: {{valid}} good, {{invalid}} with problems', report: 'Rows with problems (they are left out)', row: 'Row', reason: 'Reason',
    run: 'Import {{count}} rows', progress: 'Progress', result: 'Done: {{created}} new, {{updated}} changed, {{unchanged}} already up to date.', seeCustomers: 'Find the customers',
    history: 'Earlier imports', file: 'File', status: 'Status', rows: 'Rows', createdAt: 'Uploaded',
  },
  importStatus: { uploaded: 'Uploaded', validating: 'Checking…', validated: 'Checked', running: 'Importing…', done: 'Done', failed: 'Failed' },
  importField: {
    externalKey: 'Key (customer number)', name: 'Name', kind: 'Kind', tier: 'Tier', preferredLanguage: 'Language', preferredChannel: 'Preferred channel', consentToContact: 'Consent to contact',
    email: 'Email', birthday: 'Birthday', notes: 'Notes', phone1: 'Phone', phone2: 'Second phone', phone3: 'Third phone', province: 'Province', city: 'City', district: 'District', street: 'Street',
    postalCode: 'Postal code', lat: 'Latitude', lng: 'Longitude',
  },
};
