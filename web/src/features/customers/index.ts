// The customers area's pages. Other features call its client, ./api, directly.
export { SearchPage } from './Search';
export { CustomerPage } from './Customer';
