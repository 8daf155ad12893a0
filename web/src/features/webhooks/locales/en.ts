// English for the webhooks area. Every key has its Chinese twin in zh.ts (test/console-i18n.test.ts compares them).
export const en = {
  webhooks: {
    nav: 'Webhooks', title: 'Webhooks',
    intro: 'Other systems (a shop, an ERP) hear of orders as they happen: each event is POSTed to the endpoint, signed as Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature), and retried for about a day until it answers 2xx.',
    secretOnce: 'Signing secret (shown once; keep it in the receiving system):', none: 'No endpoints yet.',
    add: 'Add an endpoint', url: 'Endpoint address (https://…)', contactEmail: 'Owner’s email', contactHint: 'Told when the endpoint has failed for five days and is disabled.', events: 'Events', save: 'Subscribe',
    failingSince: 'failing since {{since}}', disable: 'Disable', enable: 'Enable', rotate: 'New secret (the old one still signs for a day)', log: 'Delivery log', noDeliveries: 'Nothing delivered yet.',
    event: 'Event', status: 'Status', attempts: 'Attempts', lastAnswer: 'Last answer', when: 'When', replay: 'Send again',
  },
  webhookStatus: { active: 'Active', disabled: 'Disabled' },
  deliveryStatus: { pending: 'Being tried', succeeded: 'Delivered', failed: 'Failed' },
};
