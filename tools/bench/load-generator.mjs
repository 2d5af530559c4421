// Deterministic generator of realistic Pulse native events (the `PulseEvent` body of POST /v1/events and
// /v1/events/batch, see libs/contracts/README.md). Plain ESM, no workspace imports, so it runs anywhere.
//
//   import { createLoadGenerator } from './load-generator.mjs';
//   const gen = createLoadGenerator({ seed: 42, users: 20000, idPrefix: 'b' });
//   gen.next()        // one event
//   gen.batch(500)    // an array of 500 events
//
// The mix follows sessions of simulated users: storefront sessions (page views, product views, add to
// cart, checkout, purchases with revenue), support conversations (started, messages with response times,
// knowledge retrieval, resolved/escalated/abandoned) and model usage calls (machine domain, no user).
// `node tools/bench/load-generator.mjs [count] [seed]` prints the type mix of `count` events (a self-check).

/** mulberry32: small, fast, deterministic. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PAGES = ['/', '/search', '/category/shoes', '/category/bags', '/sale', '/blog/spring', '/help', '/account'];
const CATEGORIES = ['shoes', 'bags', 'jackets', 'accessories', 'shirts'];
const CHANNELS = ['web_chat', 'whatsapp', 'email', 'in_app'];
const INTENTS = ['order_status', 'refund', 'product_question', 'shipping', 'account'];
const MODELS = [
  ['openai', 'gpt-4o-mini', 0.015],
  ['anthropic', 'claude-3-5-haiku', 0.08],
  ['openai', 'text-embedding-3-small', 0.002],
];
const DEVICES = [{ type: 'desktop' }, { type: 'mobile', manufacturer: 'Apple', model: 'iPhone' }, { type: 'mobile', manufacturer: 'Samsung', model: 'Galaxy' }];
const CURRENCY = 'EUR';

export function createLoadGenerator({ seed = 42, users = 20000, idPrefix = 'e', now = () => Date.now() } = {}) {
  const rnd = prng(seed);
  const pick = (list) => list[Math.floor(rnd() * list.length)];
  const int = (lo, hi) => lo + Math.floor(rnd() * (hi - lo + 1));
  const money = (lo, hi) => Math.round((lo + rnd() * (hi - lo)) * 100) / 100;
  let counter = 0;
  let sessionCounter = 0;
  const queue = [];

  const base = (user, session, type, properties) => ({
    eventId: `${idPrefix}-${(counter++).toString(36)}`,
    type,
    timestamp: new Date(now()).toISOString(),
    ...user,
    sessionId: session.id,
    properties,
    context: session.context,
  });

  function newUser() {
    const n = int(0, users - 1);
    // A third of the traffic is anonymous visitors.
    return n % 3 === 0 ? { anonymousId: `anon-${n}` } : { userId: `user-${n}` };
  }

  function newSession() {
    const s = (sessionCounter++).toString(36);
    return {
      id: `s-${seed}-${s}`,
      context: { device: pick(DEVICES), locale: pick(['en-GB', 'de-DE', 'fr-FR']), library: { name: 'pulse-bench', version: '1.0.0' } },
    };
  }

  function storefrontSession() {
    const user = newUser();
    const session = newSession();
    const out = [];
    const views = int(1, 6);
    for (let i = 0; i < views; i++) {
      const path = pick(PAGES);
      out.push(base(user, session, 'page_view', { path, url: `https://shop.example.com${path}`, title: `Shop ${path}` }));
    }
    const products = int(0, 3);
    const cart = [];
    for (let i = 0; i < products; i++) {
      const product = { product_id: `p-${int(1, 500)}`, category: pick(CATEGORIES), price: money(5, 250) };
      out.push(base(user, session, 'product_view', { ...product, currency: CURRENCY }));
      if (rnd() < 0.35) {
        const quantity = int(1, 3);
        cart.push({ ...product, quantity });
        out.push(base(user, session, 'add_to_cart', { ...product, currency: CURRENCY, quantity, cart_id: session.id }));
      }
    }
    if (cart.length > 0 && rnd() < 0.6) {
      const total = Math.round(cart.reduce((sum, item) => sum + item.price * item.quantity, 0) * 100) / 100;
      out.push(base(user, session, 'checkout_start', { cart_id: session.id, total, currency: CURRENCY, items: cart }));
      if (rnd() < 0.7) {
        out.push(base(user, session, 'purchase', { order_id: `o-${session.id}`, revenue: total, total, currency: CURRENCY, items: cart }));
      }
    }
    return out;
  }

  function conversationSession() {
    const user = newUser();
    const session = newSession();
    const conversation = { conversation_id: `c-${session.id}`, channel: pick(CHANNELS), intent: pick(INTENTS) };
    const out = [base(user, session, 'conversation_started', conversation)];
    const turns = int(1, 4);
    for (let i = 0; i < turns; i++) {
      out.push(base(user, session, 'message_sent', { ...conversation, message_id: `m-${session.id}-${i}`, message_length: int(5, 300) }));
      if (rnd() < 0.5) out.push(base(user, session, 'knowledge_retrieved', { ...conversation, results_count: int(0, 8), top_score: Math.round(rnd() * 100) / 100 }));
      const responder = rnd() < 0.85 ? 'ai' : 'human';
      out.push(base(user, session, 'message_received', { ...conversation, message_id: `r-${session.id}-${i}`, response_time_ms: responder === 'ai' ? int(200, 4000) : int(20000, 600000), responder }));
    }
    const end = rnd();
    if (end < 0.7) out.push(base(user, session, 'conversation_resolved', { ...conversation, resolved_by: 'ai', message_count: turns * 2, duration_seconds: int(20, 900), satisfaction_score: Math.round(rnd() * 100) / 100 }));
    else if (end < 0.85) out.push(base(user, session, 'conversation_escalated', { ...conversation, reason: 'customer asked for a human', escalated_to: 'tier1' }));
    else out.push(base(user, session, 'conversation_abandoned', { ...conversation, message_count: turns * 2, duration_seconds: int(5, 300) }));
    return out;
  }

  function modelUsage() {
    const [model_provider, model_name, centsPerKTokens] = pick(MODELS);
    const input_tokens = int(50, 4000);
    const output_tokens = model_name.includes('embedding') ? 0 : int(10, 800);
    const tokens_used = input_tokens + output_tokens;
    const success = rnd() < 0.98;
    return [{
      eventId: `${idPrefix}-${(counter++).toString(36)}`,
      type: 'model_usage',
      timestamp: new Date(now()).toISOString(),
      properties: {
        model_provider, model_name, operation: model_name.includes('embedding') ? 'embedding' : 'chat_completion',
        input_tokens, output_tokens, tokens_used, cost_cents: Math.round((tokens_used / 1000) * centsPerKTokens * 10000) / 10000,
        latency_ms: int(80, 6000), success, ...(success ? {} : { error_code: 'rate_limited' }),
      },
    }];
  }

  function refill() {
    // Sessions interleave as in real traffic: draw a few and shuffle them together.
    const mixed = [];
    for (let i = 0; i < 8; i++) {
      const r = rnd();
      mixed.push(...(r < 0.7 ? storefrontSession() : r < 0.9 ? conversationSession() : modelUsage()));
    }
    // Keep each session's order (a stable interleave by a random key per session start would be nicer; a
    // per-event shuffle would reorder a session, so just append).
    queue.push(...mixed);
  }

  return {
    next() {
      if (queue.length === 0) refill();
      return queue.shift();
    },
    batch(size) {
      while (queue.length < size) refill();
      return queue.splice(0, size);
    },
    get generated() {
      return counter;
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[2] ?? 10000);
  const gen = createLoadGenerator({ seed: Number(process.argv[3] ?? 42) });
  const mix = {};
  let bytes = 0;
  for (const event of gen.batch(count)) {
    mix[event.type] = (mix[event.type] ?? 0) + 1;
    bytes += JSON.stringify(event).length;
  }
  console.log(JSON.stringify({ count, avgBytes: Math.round(bytes / count), mix }, null, 2));
}
