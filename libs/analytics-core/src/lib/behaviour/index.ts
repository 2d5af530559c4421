// Filled in by the behaviour work (issue 4).
export {};
