// Geocoding keeps no tables of its own: positions live on the addresses they place (customers, work orders).
export {};
