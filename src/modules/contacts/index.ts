import { defineModule } from '../../kernel/module.js';
import * as tables from './contacts.tables.js';
import { contactsRoutes } from './contacts.routes.js';
import { createContactsService, type ContactsDeps } from './contacts.service.js';

export { createContactsService, type ContactsService } from './contacts.service.js';
export { customerSuggestionView, customerSuggestionsView } from './contacts.contract.js';

/** The module, as the server registers it (src/modules.ts): after follow-ups and complaints, whose records its timeline reads. */
export const contactsModule = defineModule({
  name: 'contacts',
  tables,
  build: (d: ContactsDeps) => ({ contacts: createContactsService(d) }),
  routes: (s) => contactsRoutes(s.contacts),
});
