// English for the portal area. Every key has its Chinese twin in zh.ts (test/console-i18n.test.ts compares them).
export const en = {
  portal: {
    brand: 'Aftercare · my service', signIn: 'Sign in to your service page', signInIntro: 'We send a one-time code to your phone.', phone: 'Mobile phone',
    sendCode: 'Send me a code', codeSent: 'If this number is ours, a code is on its way by SMS.', code: 'Code from the SMS', signInSubmit: 'Sign in',
    otherPhone: 'Use another number', staffLink: 'Staff sign-in', hello: 'Hello, {{name}}', orders: 'My service orders', noOrders: 'No service orders yet.',
    requestService: 'Request service', requestSubmit: 'Send the request', symptom: 'What is wrong?', units: 'My appliances', noUnits: 'No appliances registered yet.',
    registerUnit: 'Register an appliance', registerSubmit: 'Register', back: '← My service page', arrival: 'Technician arrives', notBooked: 'not booked yet',
    technician: 'Technician', technicianAssigned: 'assigned', technicianNotYet: 'not assigned yet', plannedAround: 'planned around {{time}}', confirmTitle: 'Confirm the job is done',
    confirmIntro: 'Enter the acceptance code we sent to your phone when you are satisfied with the work.', acceptanceCode: 'Acceptance code', confirmSubmit: 'Confirm',
    change: {
      title: 'Change the visit', cancelTitle: 'Cancel the request', choose: 'Windows the technician can keep',
      rules: 'You can change or cancel online until {{until}}; moves left: {{count}}.', left: 'Moves left: {{count}}.',
      closed: 'The visit can no longer be changed online; please call us.', none: 'No other window is free in the next week; please call us.',
      submit: 'Move my visit', cancel: 'Cancel this request', cancelReason: 'Why are you cancelling?', cancelSubmit: 'Cancel the request',
    },
  },
};
