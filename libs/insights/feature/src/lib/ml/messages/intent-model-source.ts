/** The token under which the analyze route (and intent training, to forget a replaced model) finds the tenant's intent classifier. */
export const INTENT_MODEL_SOURCE = Symbol('IntentModelSource');
