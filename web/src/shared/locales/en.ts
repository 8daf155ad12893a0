// English for the words every area shares. Every key has its Chinese twin in zh.ts (test/console-i18n.test.ts compares them).
export const en = {
  app: { name: 'Aftercare', title: 'Aftercare · after-sales service' },
  nav: {
    main: 'Main', menu: 'Menu', skip: 'Skip to content', language: 'Language', signOut: 'Sign out',
    today: 'My orders', search: 'Service desk', orders: 'Work orders', dashboard: 'Dashboard', audit: 'Audit log', outbox: 'Messages', users: 'Users',
    atRisk: 'At risk', promises: 'Promises', dispatch: 'Dispatch board', training: 'Training', network: 'Network', evidenceRules: 'Evidence rules',
  },
  state: { loading: 'Loading…' },
  error: {
    network: 'The server cannot be reached. Check the connection and try again.',
    forbidden: 'You may not do this.',
    conflict: 'Someone else changed this first; reload and try again.',
    fixFields: 'Please correct the marked fields.',
    unexpected: 'Something went wrong.',
  },
  notFound: { title: 'Not found', text: 'There is nothing here, or you may not see it.', home: 'Go to the start page' },
  pager: { label: 'Pages', previous: 'Previous', next: 'Next', range: '{{from}}–{{to}} of {{total}}' },
  role: { agent: 'Service desk agent', dispatcher: 'Dispatcher', technician: 'Technician', provider_admin: 'Provider admin', follow_up: 'Follow-up agent', manager: 'Manager', admin: 'Administrator' },
  status: {
    intake: 'Intake', awaiting_dispatch: 'Awaiting dispatch', dispatched: 'Dispatched', assigned: 'Assigned', booked: 'Booked', on_site: 'On site',
    work_done: 'Work done', confirmed: 'Confirmed', followed_up: 'Followed up', closed: 'Closed', cancelled: 'Cancelled', on_hold: 'On hold',
  },
  kind: { installation: 'Installation', repair: 'Repair', maintenance: 'Maintenance', inspection: 'Inspection', return_exchange: 'Return / exchange', complaint: 'Complaint', consultation: 'Consultation' },
  priority: { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' },
  language: { zh: 'Chinese', en: 'English' },
  hold: { waiting_for_customer: 'Waiting for the customer', waiting_for_parts: 'Waiting for parts' },
  field: {
    choose: 'Choose…', note: 'Note', reason: 'Reason', providerId: 'Provider', technicianId: 'Technician', from: 'From', to: 'Until', lat: 'Latitude', lng: 'Longitude',
    symptomCode: 'Symptom', causeCode: 'Cause', remedyCode: 'Remedy', notes: 'Work notes', confirmedSerials: 'Confirmed serials', code: 'Acceptance code',
    overrideReason: 'Override reason', satisfaction: 'Satisfaction', attitude: 'Attitude (1–5)', skill: 'Skill (1–5)', fixedFirstTime: 'Fixed the first time',
    repeatVisit: 'The technician came more than once', comment: 'Comment', appointmentFrom: 'Appointment from', appointmentTo: 'Appointment until',
    checkedInAt: 'Checked in', checkInLat: 'Latitude', checkInLng: 'Longitude', visitCount: 'Visits', doneAt: 'Work done', workNotes: 'Work notes',
    confirmedAt: 'Confirmed', confirmedBy: 'Confirmed by', acceptanceCodeExpiresAt: 'Code valid until', acceptanceCodeAttempts: 'Wrong code attempts',
    holdReason: 'On hold because', heldAt: 'Held at', statusBeforeHold: 'State before hold', partsWaitMs: 'Waiting for parts (ms)', followUp: 'Follow-up',
    cancelReason: 'Cancel reason', closedAt: 'Closed', readings: 'Readings', replacement: 'Replaced',
  },
};
