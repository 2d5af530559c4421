// Filled in by the domains work (issue 4).
export {};
