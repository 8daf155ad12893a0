// English for the imports area. Every key has its Chinese twin in zh.ts (test/console-i18n.test.ts compares them).
export const en = {
  imports: {
    nav: 'Import',
    title: 'Import data',
    intro: 'Bring customers (phones, address, consent) units (serials, model, owner, purchase) historical orders (with their milestones; nothing of the live flow starts for them), spare parts (the catalogue, by part number) or price lists (one row per price; they land in a draft you preview and publish) from a CSV or XLSX file, for example one exported by Aftercare. Import the customers before their units, and both before their orders. Check the file first; nothing is written until you run it, and running it again changes nothing.',
    step1: '1. Upload the file', what: 'What the file holds', entity: 'Holds', chooseFile: 'CSV or XLSX file', upload: 'Upload',
    step2: '2. Match the columns', mappingHint: 'Choose which column of the file holds each field. Fields with * are required; the key finds the customer again on a later import.', field: 'Field', column: 'Column', notMapped: '(not in the file)', dryRun: 'Check every row (dry run)',
    step3: '3. Check and run', checked: '{{total}} rows checked: {{valid}} good, {{invalid}} with problems', report: 'Rows with problems (they are left out)', row: 'Row', reason: 'Reason',
    run: 'Import {{count}} rows', progress: 'Progress', result: 'Done: {{created}} new, {{updated}} changed, {{unchanged}} already up to date.', seeCustomers: 'Find the customers', seeUnits: 'Find the units (search by serial)', seeOrders: 'Find the orders', seeParts: 'See the parts catalogue', seePrices: 'See the price lists (publish the draft)',
    history: 'Earlier imports', file: 'File', status: 'Status', rows: 'Rows', createdAt: 'Uploaded',
  },
  importStatus: { uploaded: 'Uploaded', validating: 'Checking…', validated: 'Checked', running: 'Importing…', done: 'Done', failed: 'Failed' },
  importEntity: { customers: 'Customers', units: 'Units', orders: 'Historical orders', parts: 'Spare parts', prices: 'Price lists' },
  importPartField: {
    number: 'Part number (the key)', nameZh: 'Name (Chinese)', nameEn: 'Name (English)', listFen: 'List price (fen)', issueFen: 'Network price (fen; the list price when empty)', currency: 'Currency',
    isMain: 'Main part', serialised: 'Serialised', returnable: 'Old part comes back', returnDays: 'Days to return it', warrantyMonths: 'Warranty (months)', active: 'Active',
    modelCodes: 'Models using it (codes, separated by ;)',
  },
  importPriceField: {
    externalKey: 'Key', providerCode: 'Provider code (empty: the national list)', effectiveFrom: 'In force from', section: 'Section (labour, extra, distance, area)',
    categoryCode: 'Product category code (empty: any)', kind: 'Order kind', mode: 'Job mode', callOutFen: 'Call-out fee (fen)', labourFen: 'Labour (fen)', code: 'Extra code',
    nameZh: 'Extra name (Chinese)', nameEn: 'Extra name (English)', unit: 'Unit (each, metre)', priceFen: 'Price (fen)', customerPays: 'Customer pays', areaType: 'Area type (city, town, mountain)',
    freeKm: 'Free km', ratePerKmFen: 'Per km (fen)', maxKm: 'Max km', province: 'Province', city: 'City', district: 'District',
  },
  importOrderField: {
    externalKey: 'Key (order number)', kind: 'Kind', status: 'Status', priority: 'Priority', channel: 'Channel', customerKey: "Customer (key or number)", unitKey: "Unit (key or id)",
    symptom: 'Symptom', providerCode: 'Provider code', technicianPhone: "Technician's phone", createdAt: 'Opened', appointmentFrom: 'Booked visit from', appointmentTo: 'Booked visit to',
    checkedInAt: 'Checked in', doneAt: 'Work done', confirmedAt: 'Confirmed', closedAt: 'Closed',
  },
  importUnitField: {
    externalKey: 'Key (unit id)', modelCode: 'Model code', ownerKey: "Owner (customer's key or number)", mainSerial: 'Serial', mainSerialRole: 'Serial position (main, indoor, outdoor)',
    otherSerials: 'Other serials (role:serial)', purchaseDate: 'Purchase date', receivedDate: 'Received on', channel: 'Channel (store, online)', invoiceNumber: 'Invoice number',
    priceFen: 'Price (fen)', installedOn: 'Installed on',
  },
  importField: {
    externalKey: 'Key (customer number)', name: 'Name', kind: 'Kind', tier: 'Tier', preferredLanguage: 'Language', preferredChannel: 'Preferred channel', consentToContact: 'Consent to contact',
    email: 'Email', birthday: 'Birthday', notes: 'Notes', phone1: 'Phone', phone2: 'Second phone', phone3: 'Third phone', province: 'Province', city: 'City', district: 'District', street: 'Street',
    postalCode: 'Postal code', lat: 'Latitude', lng: 'Longitude',
  },
};
