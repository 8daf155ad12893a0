// English for the work-orders area. Every key has its Chinese twin in zh.ts (test/console-i18n.test.ts compares them).
export const en = {
  channel: { phone: 'Phone', web: 'Web', wechat: 'WeChat', app: 'App', api: 'API', store: 'Store' },
  satisfaction: { delighted: 'Delighted', neutral: 'Neutral', dissatisfied: 'Dissatisfied' },
  confirmedBy: { customer_code: 'with the customer’s code', agent_override: 'by an agent’s override' },
  intake: {
    title: 'New work order for {{name}}', keys: 'Keyboard: Tab moves on, Ctrl+Enter opens the order.', noUnit: 'No unit / not known', defaultAddress: 'The default address',
    phoneHint: 'Leave empty for the customer’s primary phone', complaintOf: 'Complaint about order', accept: 'Accept now (the order goes straight to awaiting dispatch)', submit: 'Open the order',
  },
  order: {
    title: 'Order {{number}}', number: 'Number', status: 'State', kind: 'Kind', symptom: 'Symptom', created: 'Opened', priority: 'Priority', unit: 'Unit',
    address: 'Address', contactPhone: 'Contact phone', wished: 'Wished time', wishedFrom: 'Wished from', wishedTo: 'Wished until', provider: 'Provider',
    technician: 'Technician', appointment: 'Appointment', checkedIn: 'Checked in', done: 'Work done', confirmed: 'Confirmed', details: 'Details',
    nextSteps: 'Next steps', noSteps: 'Nothing for you to do on this order now.', reveal: 'Show number', toCustomer: 'Customer', assignedHidden: 'assigned',
  },
  action: {
    accept_job: 'Take the job', decline_job: 'Give the job back', accept: 'Accept', dispatch: 'Dispatch', assign: 'Assign technician', book: 'Book visit', check_in: 'Check in', complete: 'Record work done',
    send_acceptance_code: 'Send acceptance code', confirm: 'Confirm', follow_up: 'Record follow-up', close: 'Close', cancel: 'Cancel order',
    reopen: 'Reopen', redo: 'Send back to redo', hold: 'Put on hold', resume: 'Resume', retry: 'Try again', cancelDialog: 'Back',
  },
  actionHint: { send_acceptance_code: 'A one-time code goes to the customer’s phone by SMS; they give it to you once satisfied.' },
  fieldHint: {
    confirm: { code: 'The six digits the customer received', overrideReason: 'Only without the code: why the customer cannot give it' },
    complete: { confirmedSerials: 'The serials on the unit, separated by commas' },
    check_in: { lat: 'From the device, or typed in' },
  },
  history: {
    accept_job: 'Technician took the job', decline_job: 'Technician gave the job back', intake: 'Opened', accept: 'Accepted', dispatch: 'Dispatched', assign: 'Technician assigned', book: 'Visit booked', check_in: 'Checked in on site',
    complete: 'Work done', send_acceptance_code: 'Acceptance code sent', confirm: 'Confirmed', confirm_refused: 'Wrong acceptance code', follow_up: 'Followed up',
    close: 'Closed', cancel: 'Cancelled', reopen: 'Reopened', redo: 'Sent back to redo', hold: 'Put on hold', resume: 'Resumed', other: 'Changed',
  },
  change: {
    yes: 'yes', no: 'no', metres: '{{n}} m', minutes: '{{n}} min', someoneElse: 'someone you cannot see', viaToken: '{{name}} (API token)', customer: 'the customer', system: 'the system',
    providerId: 'Provider', technicianId: 'Technician', unitId: 'Unit', customerId: 'Customer', complaintOfOrderId: 'Complaint about',
    appointmentFrom: 'Appointment from', appointmentTo: 'Appointment until', wishedFrom: 'Wished from', wishedTo: 'Wished until', technicianAcceptedAt: 'Technician took the job',
    checkedInAt: 'Checked in', checkInLat: 'Check-in latitude', checkInLng: 'Check-in longitude', checkInDistanceM: 'Distance from the address', checkInFar: 'Too far from the address',
    doneAt: 'Work done', symptomCode: 'Symptom', causeCode: 'Cause', remedyCode: 'Remedy', workNotes: 'Work notes', confirmedSerials: 'Confirmed serials',
    confirmedAt: 'Confirmed', confirmedBy: 'Confirmed by', acceptanceCodeExpiresAt: 'Code valid until', acceptanceCodeAttempts: 'Wrong code attempts',
    holdReason: 'On hold because', heldAt: 'Held since', statusBeforeHold: 'State before the hold', partsWaitMs: 'Waited for parts', followUp: 'Follow-up',
    cancelReason: 'Why cancelled', closedAt: 'Closed', visitCount: 'Visits', address: 'Address', contactPhone: 'Contact phone', symptom: 'Symptom',
    kind: 'Kind', priority: 'Priority', channel: 'Channel', externalRef: 'External reference',
  },
  refusal: { wrong_acceptance_code: 'a wrong acceptance code was entered', acceptance_code_locked: 'too many wrong codes' },
  timeline: { title: 'History ({{count}} steps)', reason: 'Why: {{reason}}' },
  checkIn: { usePosition: 'Use my position', noPosition: 'The device gave no position; type it in.' },
  orders: { title: 'Work orders', allStates: 'All states', q: 'Order number or phone', none: 'No orders match.', count: '{{count}} orders' },
  today: { title: 'My orders', none: 'No open orders for you.', notBooked: 'Not booked yet', route: 'Today, in order', routeNone: 'No visits planned for today.', others: 'My other open orders', plannedAround: 'planned around {{time}}' },
};
