// The complaints area's face: the workbench and one complaint (console), the card on the customer's order page (portal).
export { ComplaintsPage, ComplaintPage } from './Complaints';
export { PortalComplaints } from './PortalComplaints';
