// Filled in by the query work (issue 4).
export {};
