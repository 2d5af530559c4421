import { seededRandom } from '../../seeded-random';
import type { IntentExample } from './intent-classifier';

/**
 * A labelled set of support messages for testing and demonstrating the intent classifier: seven intents,
 * six or seven phrasings each with slots (order numbers, products, plans, months), synonyms swapped in
 * for half the key words, a typo (a dropped letter) in 4 % of longer words, optional greetings, sign-offs,
 * a shared context sentence and varied capitalisation and punctuation, drawn from a seeded random source
 * (the same seed gives the same messages). Intents share words on purpose ("order", "account", "charge",
 * "the app") so they are not separable by one keyword.
 */
export interface SyntheticIntentMessage extends IntentExample {
  /** Which phrasing of its intent the message uses (0-based), for holding whole phrasings out. */
  phrasing: number;
}

export const SYNTHETIC_INTENT_PHRASINGS: Readonly<Record<string, readonly string[]>> = {
  order_status: [
    'where is my order {order}',
    'has my package shipped yet',
    'when will order {order} arrive',
    "i still haven't received my {product}",
    'can you track my delivery for the {product}',
    'my order {order} is late, is there any update',
    "what's the status of my purchase from {month}",
  ],
  refund_request: [
    'i want my money back for the {product}',
    'please refund order {order}',
    'how do i get a refund',
    'the {product} broke, can i return it and get refunded',
    'requesting a refund for my last purchase',
    'you charged me for a {product} i sent back, i need the money returned',
  ],
  cancel_subscription: [
    'cancel my {plan} subscription',
    'i want to stop my membership',
    'how do i unsubscribe from the {plan} plan',
    'please end my subscription at the end of {month}',
    "don't renew my {plan} plan",
    "close my account subscription, i'm not using it anymore",
  ],
  billing_question: [
    'why was i charged twice this month',
    'my invoice for {month} shows the wrong amount',
    'can you explain the charge on my card',
    'how do i update my payment method',
    'the {plan} plan price went up, why',
    'i need a copy of my invoice for {month}',
  ],
  technical_issue: [
    'the app keeps crashing when i open it',
    'i get an error message every time i upload a photo',
    "the page won't load on my phone",
    "the {product} won't connect to wifi",
    'sync stopped working after the update',
    'something is broken, the screen stays blank',
  ],
  account_access: [
    'i forgot my password',
    "i can't sign in to my account",
    'please reset my password',
    'my account is locked after too many attempts',
    "i'm not getting the verification code",
    'how do i change the email on my account',
  ],
  product_question: [
    'does the {product} come in blue',
    'is the {product} waterproof',
    'what size of {product} should i get',
    'is the {product} compatible with an iphone',
    'how long does the battery last on the {product}',
    'do you have the {product} in stock',
  ],
};

const SLOTS: Readonly<Record<string, readonly string[]>> = {
  order: ['#10293', '#55812', '84-2231', 'A7731', '#99001', '1200457'],
  product: ['headphones', 'smart watch', 'speaker', 'laptop stand', 'camera', 'charger', 'keyboard', 'backpack'],
  plan: ['premium', 'basic', 'family', 'pro', 'annual', 'monthly'],
  month: ['january', 'march', 'april', 'june', 'september', 'november', 'last month'],
};
const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  order: ['purchase', 'parcel'],
  package: ['parcel', 'delivery'],
  refund: ['reimbursement', 'money back'],
  money: ['cash', 'payment'],
  cancel: ['terminate', 'stop'],
  subscription: ['membership', 'plan'],
  charged: ['billed', 'debited'],
  invoice: ['bill', 'receipt'],
  broken: ['faulty', 'not working'],
  app: ['application', 'software'],
  crashing: ['freezing', 'closing'],
  error: ['bug', 'failure'],
  password: ['passcode', 'login details'],
  account: ['profile', 'user account'],
  'sign in': ['log in', 'login'],
  waterproof: ['water resistant', 'splash proof'],
  stock: ['inventory', 'store'],
  received: ['gotten', 'seen'],
};
const SYNONYM_PATTERN = new RegExp(`\\b(${Object.keys(SYNONYMS).join('|')})\\b`, 'g');
const OPENERS = ['', '', '', 'hi', 'hello', 'hey there', 'good morning', 'hi team,', 'excuse me,'];
const CONTEXT = ['', '', '', '', "i've been a customer for years.", 'this is the second time i am writing.', 'quick question.', 'sorry to bother you.'];
const CLOSERS = ['', '', '', 'thanks', 'thank you', 'please help', 'asap', 'cheers', 'any help appreciated'];
const ENDINGS = ['', '.', '?', '!', '!!'];

export function syntheticIntentMessages(options: { seed: number; perIntent: number }): SyntheticIntentMessage[] {
  const random = seededRandom(options.seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)];
  const messages: SyntheticIntentMessage[] = [];
  for (const [label, phrasings] of Object.entries(SYNTHETIC_INTENT_PHRASINGS)) {
    for (let n = 0; n < options.perIntent; n++) {
      const phrasing = Math.floor(random() * phrasings.length);
      const core = phrasings[phrasing]
        .replace(/\{(\w+)\}/g, (_, slot: string) => pick(SLOTS[slot] ?? ['']))
        .replace(SYNONYM_PATTERN, (word) => (random() < 0.5 ? word : pick(SYNONYMS[word] ?? [word])))
        .replace(/[a-z]{4,}/g, (word) => {
          if (random() >= 0.04) return word;
          const dropped = 1 + Math.floor(random() * (word.length - 2));
          return word.slice(0, dropped) + word.slice(dropped + 1);
        });
      const parts = [pick(OPENERS), pick(CONTEXT), `${core}${pick(ENDINGS)}`, pick(CLOSERS)].filter((part) => part !== '');
      let text = parts.join(' ');
      const casing = random();
      if (casing < 0.3) text = text.charAt(0).toUpperCase() + text.slice(1);
      else if (casing < 0.35) text = text.toUpperCase();
      messages.push({ text, label, phrasing });
    }
  }
  return messages;
}
