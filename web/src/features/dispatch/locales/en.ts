// English for the dispatch area. Every key has its Chinese twin in zh.ts (test/console-i18n.test.ts compares them).
export const en = {
  board: {
    title: 'Dispatch board', awaitingDispatch: 'Awaiting dispatch', awaitingAssignment: 'Awaiting a technician', noProviders: 'No active providers.',
    provider: 'Provider', date: 'Date', today: 'Today', tomorrow: 'Tomorrow', dayOf: 'The day {{date}}', current: 'the day as it stands',
    summary: '{{orders}} orders this day, {{visits}} visits planned, {{technicians}} technicians working', planApplied: 'a plan is applied',
    noTechnicians: 'This provider has no active technicians.', legend: 'Technicians', off: 'not working', visitCount: 'visits: {{count}}',
    unassigned: 'Not yet planned', timelineOf: 'Timeline: {{title}}', visitLabel: '{{n}}. Order {{number}}, {{from}}–{{to}}, {{travel}} min travel before',
    timelineKey: 'Blocks are visits (the number is the order of the day); hatched: travel; the line below: the appointment (solid) or the wished window (dashed); shaded: working hours.',
    plotOf: 'Plot of {{title}}: {{visits}} visits on routes, {{unassigned}} orders not yet planned', plotKey: 'Squares: technicians’ homes; numbered dots: visits in order; diamonds: orders not yet planned. North is up; no map.',
    nothingToPlot: 'No places with coordinates to plot.', waiting: 'Not yet planned ({{count}})',
    noneWaiting: 'Every order of this day has a visit.', appointment: 'booked', wish: 'wished', anyTime: 'any time',
  },
  plan: {
    make: 'Plan this day', planning: 'The optimizer is planning the day; this takes up to half a minute…', title: 'Plan for {{date}}',
    status: { preview: 'preview', applied: 'applied', superseded: 'superseded' }, planned: 'Orders planned', technicians: 'Technicians used', travel: 'Travel',
    distance: 'Distance', minutes: '{{n}} min', km: '{{n}} km', apply: 'Apply this plan', discard: 'Discard', again: 'Plan again',
    staleTitle: 'The day changed since this preview.',
    staleText: 'Orders that changed: {{count}}. Nothing was applied. Plan again to see the day as it is now.',
    changes: 'What changes: orders that get a technician ({{count}})', noChanges: 'No order changes hands.',
    from: 'Now', to: 'In the plan', when: 'Visit', nobody: 'nobody', previewTitle: 'the plan (preview)', onTheBoard: 'The plan, technician by technician',
    unplanned: 'Left out of the plan ({{count}})', allPlanned: 'Every order of the day is in the plan.',
    appliedNote: 'The plan is applied: {{planned}} visits on {{date}}; every order that changed hands has a history row.',
  },
  suggest: {
    title: 'Suggested technicians', date: 'For the day', intro: 'Ranked by the travel the order adds to each technician’s day, keeping the wished window; those who cannot take it say why.',
    none: 'Nobody can take this order on that day.', rank: 'Rank', technician: 'Technician', travel: 'Added travel', arrival: 'Starts', window: 'Window',
    load: 'Visits that day', skills: 'Skills and certification', assign: 'Assign', assignTo: 'Assign to {{name}}', addedMinutes: '+{{n}} min', position: '(stop {{n}})',
    fit: { inside_wish: 'inside the wish', no_wish: 'no wish given' }, visits: '{{count}}', qualified: 'qualified',
    excluded: 'Cannot take it ({{count}})', reason: 'Suggested technician #{{rank}} (+{{minutes}} min travel) / 系统推荐第 {{rank}} 名',
  },
  choose: {
    provider: 'Provider', automatic: 'automatic choice', automaticIs: 'Automatic dispatch would send it to {{name}}; choosing another needs a reason.',
    noAutomatic: 'No provider can take it automatically; the reasons are beside each.', load: 'load {{open}}/{{capacity}} ({{percent}}%)', certified: '{{count}} certified technicians',
    technician: 'Technician', suggested: 'suggested', rankedFor: 'Ranked by the travel the order adds to each day on {{date}}.', notRanked: 'Not ranked by travel: {{why}}',
    travel: '+{{n}} min travel', visits: '{{count}} visits that day', cannot: 'cannot take it',
  },
  slots: {
    title: 'Windows we can keep', none: 'No window in the next three days; type one below.', hint: 'Choosing a window fills in the times; you may still type others.',
  },
};
