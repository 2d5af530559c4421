// SQL for tools/bench/insights-bench.mjs: realistic events generated inside PostgreSQL
// (INSERT ... SELECT ... FROM generate_series, hash-based pseudo-randomness), then the rollups the stream
// processor would have written, built with INSERT ... SELECT ... GROUP BY.
//
// The model (all draws are bench_h(key, salt): hashint8extended → uniform [0, 1), deterministic):
// - sessions 1..S; a session is a storefront visit (72 %), a support conversation (16 %) or one model call
//   (12 %, a machine event: no user, no session);
// - the user of a session is skewed towards low ids (u = 1 + U·r^1.6), a third of users are anonymous
//   (anonymous_id only, user_key 'anon:<id>'); each user has a first day, and their sessions fall after it,
//   denser near it (so cohorts decay week over week);
// - local time of day: 90 % between 06:00 and 23:00, 10 % uniform; events of a session 10–90 s apart;
// - storefront: 1–6 page_view, 0–3 product_view, each followed by add_to_cart with p 0.35, then
//   checkout_start (p 0.6 when the cart is not empty) and purchase (p 0.7) with revenue = Σ price·quantity;
// - conversation: conversation_started, 1–4 turns of message_sent (+ knowledge_retrieved p 0.5) and
//   message_received, then resolved (70 %), escalated (15 %) or abandoned (15 %).
// The enrichment columns are filled as the processor does (user_key, local_date, hour_of_day, day_of_week
// ISO 1–7, is_business_hours Mon–Fri 09–17, device_type/browser/os from the session's user agent).

/** Mean events per session of the model above (used to size S for a requested event count). */
export const EVENTS_PER_SESSION = 0.72 * (3.5 + 1.5 + 0.525 + 0.2479 + 0.1735) + 0.16 * (2 + 2.5 * 2.5) + 0.12 * 1;

export const HASH_FUNCTION_SQL = `CREATE OR REPLACE FUNCTION bench_h(bigint, bigint) RETURNS float8
  LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$ SELECT (hashint8extended($1, $2) & 2147483647)::float8 / 2147483648.0 $$`;

const q = (s) => `'${String(s).replace(/'/g, "''")}'`;
const arr = (list) => `ARRAY[${list.map(q).join(',')}]`;

const PAGES = ['/', '/search', '/category/shoes', '/category/bags', '/sale', '/blog/spring', '/help', '/account'];
const CATEGORIES = ['shoes', 'bags', 'jackets', 'accessories', 'shirts'];
const CHANNELS = ['web_chat', 'whatsapp', 'email', 'in_app'];
const INTENTS = ['order_status', 'refund', 'product_question', 'shipping', 'account'];
const UA = {
  desktop: ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36', 'Chrome', 'Windows'],
  mobile: ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1', 'Mobile Safari', 'iOS'],
  tablet: ['Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1', 'Mobile Safari', 'iPadOS'],
};

// Per-product draws of session s, product j (1..3).
const prodKey = (j) => `(s.id * 4 + ${j})`;
const inCart = (j) => `(s.pr >= ${j} AND bench_h(${prodKey(j)}, 12) < 0.35)`;
const price = (j) => `round((5 + 245 * bench_h(${prodKey(j)}, 13))::numeric, 2)`;
const qty = (j) => `(1 + floor(3 * bench_h(${prodKey(j)}, 14))::int)`;
const category = (j) => `(${arr(CATEGORIES)})[1 + floor(5 * bench_h(${prodKey(j)}, 15))::int]`;
const productId = (j) => `'p-' || (1 + floor(500 * bench_h(${prodKey(j)}, 16))::int)`;

/**
 * One INSERT for sessions [lo, hi). `startDate` is the first local day (YYYY-MM-DD), `days` the span.
 */
export function insertEventsSql({ tenantId, timeZone, startDate, days, users, lo, hi }) {
  const tz = q(timeZone);
  const sessions = `
    SELECT g.id, k.kind, k.u, k.dv,
           CASE WHEN k.kind = 'f' THEN 1 + floor(6 * bench_h(g.id, 10))::int ELSE 0 END AS pv,
           CASE WHEN k.kind = 'f' THEN floor(4 * bench_h(g.id, 11))::int ELSE 0 END AS pr,
           CASE WHEN k.kind = 'c' THEN 1 + floor(4 * bench_h(g.id, 20))::int ELSE 0 END AS turns,
           10 + 80 * bench_h(g.id, 8) AS gap,
           ((${q(startDate)}::date + (k.d0 + floor((${days} - k.d0) * power(bench_h(g.id, 4), 2.2)))::int)::timestamp
             + make_interval(secs => CASE WHEN bench_h(g.id, 6) < 0.1 THEN 86399 * bench_h(g.id, 5) ELSE 21600 + 61200 * power(bench_h(g.id, 5), 0.9) END)
           ) AT TIME ZONE ${tz} AS started
      FROM generate_series(${lo}::bigint, ${hi - 1}::bigint) AS g(id)
      CROSS JOIN LATERAL (
        SELECT r.kind, r.u, floor(${days} * bench_h(r.u, 3))::int AS d0, bench_h(g.id, 7) AS dv
          FROM (SELECT CASE WHEN bench_h(g.id, 1) < 0.72 THEN 'f' WHEN bench_h(g.id, 1) < 0.88 THEN 'c' ELSE 'm' END AS kind,
                       1 + floor(${users} * power(bench_h(g.id, 2), 1.6))::bigint AS u) r
      ) k`;
  const s = `
    SELECT s.*,
           CASE WHEN s.kind = 'm' THEN NULL WHEN s.u % 3 = 0 THEN NULL ELSE 'user-' || s.u END AS user_id,
           CASE WHEN s.kind = 'm' THEN NULL WHEN s.u % 3 = 0 THEN 'anon-' || s.u END AS anonymous_id,
           CASE WHEN s.kind = 'm' THEN NULL WHEN s.u % 3 = 0 THEN 'anon:anon-' || s.u ELSE 'user-' || s.u END AS user_key,
           CASE WHEN s.kind = 'm' THEN NULL ELSE 's-' || s.id END AS session_id,
           CASE WHEN s.kind = 'm' THEN NULL WHEN s.dv < 0.5 THEN 'desktop' WHEN s.dv < 0.92 THEN 'mobile' ELSE 'tablet' END AS device,
           (${inCart(1)})::int + (${inCart(2)})::int + (${inCart(3)})::int AS carts,
           (CASE WHEN ${inCart(1)} THEN ${price(1)} * ${qty(1)} ELSE 0 END
            + CASE WHEN ${inCart(2)} THEN ${price(2)} * ${qty(2)} ELSE 0 END
            + CASE WHEN ${inCart(3)} THEN ${price(3)} * ${qty(3)} ELSE 0 END) AS cart_total,
           (${arr(CHANNELS)})[1 + floor(4 * bench_h(s.id, 22))::int] AS channel,
           (${arr(INTENTS)})[1 + floor(5 * bench_h(s.id, 23))::int] AS intent
      FROM sessions s`;
  const checkout = `(s.carts > 0 AND bench_h(s.id, 17) < 0.6)`;
  const purchase = `(${checkout} AND bench_h(s.id, 18) < 0.7)`;
  const conversation = `'conversation_id', 'c-' || s.id, 'channel', s.channel, 'intent', s.intent`;
  const rows = `
    -- storefront
    SELECT 'page_view' AS type, 'commerce' AS category, k AS seq,
           jsonb_build_object('path', p.path, 'url', 'https://shop.example.com' || p.path, 'title', 'Shop ' || p.path) AS props
      FROM generate_series(1, s.pv) k
      CROSS JOIN LATERAL (SELECT (${arr(PAGES)})[1 + floor(8 * bench_h(s.id * 8 + k, 30))::int] AS path) p
    UNION ALL
    SELECT 'product_view', 'commerce', s.pv + 2 * j - 1,
           jsonb_build_object('product_id', pj.product_id, 'category', pj.category, 'price', pj.price, 'currency', 'EUR')
      FROM generate_series(1, s.pr) j CROSS JOIN LATERAL (SELECT
           (CASE j WHEN 1 THEN ${productId(1)} WHEN 2 THEN ${productId(2)} ELSE ${productId(3)} END) AS product_id,
           (CASE j WHEN 1 THEN ${category(1)} WHEN 2 THEN ${category(2)} ELSE ${category(3)} END) AS category,
           (CASE j WHEN 1 THEN ${price(1)} WHEN 2 THEN ${price(2)} ELSE ${price(3)} END) AS price,
           (CASE j WHEN 1 THEN ${qty(1)} WHEN 2 THEN ${qty(2)} ELSE ${qty(3)} END) AS quantity,
           (CASE j WHEN 1 THEN ${inCart(1)} WHEN 2 THEN ${inCart(2)} ELSE ${inCart(3)} END) AS carted) pj
    UNION ALL
    SELECT 'add_to_cart', 'commerce', s.pv + 2 * j,
           jsonb_build_object('product_id', pj.product_id, 'category', pj.category, 'price', pj.price, 'currency', 'EUR', 'quantity', pj.quantity, 'cart_id', 's-' || s.id)
      FROM generate_series(1, s.pr) j CROSS JOIN LATERAL (SELECT
           (CASE j WHEN 1 THEN ${productId(1)} WHEN 2 THEN ${productId(2)} ELSE ${productId(3)} END) AS product_id,
           (CASE j WHEN 1 THEN ${category(1)} WHEN 2 THEN ${category(2)} ELSE ${category(3)} END) AS category,
           (CASE j WHEN 1 THEN ${price(1)} WHEN 2 THEN ${price(2)} ELSE ${price(3)} END) AS price,
           (CASE j WHEN 1 THEN ${qty(1)} WHEN 2 THEN ${qty(2)} ELSE ${qty(3)} END) AS quantity,
           (CASE j WHEN 1 THEN ${inCart(1)} WHEN 2 THEN ${inCart(2)} ELSE ${inCart(3)} END) AS carted) pj
     WHERE pj.carted
    UNION ALL
    SELECT 'checkout_start', 'commerce', s.pv + 2 * s.pr + 1,
           jsonb_build_object('cart_id', 's-' || s.id, 'total', s.cart_total, 'currency', 'EUR')
     WHERE ${checkout}
    UNION ALL
    SELECT 'purchase', 'commerce', s.pv + 2 * s.pr + 2,
           jsonb_build_object('order_id', 'o-' || s.id, 'revenue', s.cart_total, 'total', s.cart_total, 'currency', 'EUR')
     WHERE ${purchase}
    UNION ALL
    -- conversation
    SELECT 'conversation_started', 'conversation', 1, jsonb_build_object(${conversation}) WHERE s.kind = 'c'
    UNION ALL
    SELECT 'message_sent', 'conversation', 3 * t - 1,
           jsonb_build_object(${conversation}, 'message_id', 'm-' || s.id || '-' || t, 'message_length', 5 + floor(295 * bench_h(s.id * 8 + t, 24))::int)
      FROM generate_series(1, s.turns) t
    UNION ALL
    SELECT 'knowledge_retrieved', 'conversation', 3 * t,
           jsonb_build_object(${conversation}, 'results_count', floor(9 * bench_h(s.id * 8 + t, 25))::int, 'top_score', round(bench_h(s.id * 8 + t, 26)::numeric, 2))
      FROM generate_series(1, s.turns) t WHERE bench_h(s.id * 8 + t, 21) < 0.5
    UNION ALL
    SELECT 'message_received', 'conversation', 3 * t + 1,
           jsonb_build_object(${conversation}, 'message_id', 'r-' || s.id || '-' || t,
             'responder', CASE WHEN bench_h(s.id * 8 + t, 27) < 0.85 THEN 'ai' ELSE 'human' END,
             'response_time_ms', CASE WHEN bench_h(s.id * 8 + t, 27) < 0.85 THEN 200 + floor(3800 * bench_h(s.id * 8 + t, 28))::int ELSE 20000 + floor(580000 * bench_h(s.id * 8 + t, 28))::int END)
      FROM generate_series(1, s.turns) t
    UNION ALL
    SELECT CASE WHEN bench_h(s.id, 29) < 0.7 THEN 'conversation_resolved' WHEN bench_h(s.id, 29) < 0.85 THEN 'conversation_escalated' ELSE 'conversation_abandoned' END,
           'conversation', 3 * s.turns + 2,
           CASE WHEN bench_h(s.id, 29) < 0.7 THEN jsonb_build_object(${conversation}, 'resolved_by', 'ai', 'message_count', 2 * s.turns, 'duration_seconds', 20 + floor(880 * bench_h(s.id, 31))::int, 'satisfaction_score', round(bench_h(s.id, 32)::numeric, 2))
                WHEN bench_h(s.id, 29) < 0.85 THEN jsonb_build_object(${conversation}, 'reason', 'customer asked for a human', 'escalated_to', 'tier1')
                ELSE jsonb_build_object(${conversation}, 'message_count', 2 * s.turns, 'duration_seconds', 5 + floor(295 * bench_h(s.id, 31))::int) END
     WHERE s.kind = 'c'
    UNION ALL
    -- model usage (machine event)
    SELECT 'model_usage', 'model_usage', 1, m.props FROM (
      SELECT jsonb_build_object('model_provider', mm.provider, 'model_name', mm.model, 'operation', CASE WHEN mm.model LIKE '%embedding%' THEN 'embedding' ELSE 'chat_completion' END,
               'input_tokens', mm.input_tokens, 'output_tokens', mm.output_tokens, 'tokens_used', mm.input_tokens + mm.output_tokens,
               'cost_cents', round(((mm.input_tokens + mm.output_tokens) / 1000.0 * mm.cents)::numeric, 4),
               'latency_ms', 80 + floor(5920 * bench_h(s.id, 43))::int, 'success', bench_h(s.id, 44) < 0.98) AS props
        FROM (SELECT (ARRAY['openai','anthropic','openai'])[x.i] AS provider, (ARRAY['gpt-4o-mini','claude-3-5-haiku','text-embedding-3-small'])[x.i] AS model,
                     (ARRAY[0.015, 0.08, 0.002])[x.i] AS cents, 50 + floor(3950 * bench_h(s.id, 41))::int AS input_tokens,
                     CASE WHEN x.i = 3 THEN 0 ELSE 10 + floor(790 * bench_h(s.id, 42))::int END AS output_tokens
                FROM (SELECT 1 + floor(3 * bench_h(s.id, 40))::int AS i) x) mm
    ) m WHERE s.kind = 'm'`;
  const ua = (field) => `CASE s.device ${Object.entries(UA).map(([d, v]) => `WHEN '${d}' THEN ${q(v[field])}`).join(' ')} END`;
  return `
  WITH sessions AS (${sessions}), s AS MATERIALIZED (${s})
  INSERT INTO "events" ("tenant_id", "event_id", "type", "category", "occurred_at", "received_at", "user_id", "anonymous_id",
                        "session_id", "properties", "context", "user_key", "local_date", "hour_of_day", "day_of_week",
                        "is_business_hours", "device_type", "browser", "os")
  SELECT ${q(tenantId)}::uuid, e.event_id, e.type, e.category, e.at, e.at + interval '350 milliseconds', e.user_id, e.anonymous_id,
         e.session_id, e.props, e.ctx, e.user_key, e.local_at::date, extract(hour FROM e.local_at)::smallint, extract(isodow FROM e.local_at)::smallint,
         extract(isodow FROM e.local_at) <= 5 AND extract(hour FROM e.local_at) BETWEEN 9 AND 17, e.device, e.browser, e.os
    FROM (
      -- Whole milliseconds, as the stream processor stores times (JavaScript dates).
      SELECT 'b-' || s.id || '-' || x.seq AS event_id, x.type, x.category, date_trunc('milliseconds', s.started + make_interval(secs => x.seq * s.gap)) AS at,
             date_trunc('milliseconds', s.started + make_interval(secs => x.seq * s.gap)) AT TIME ZONE ${tz} AS local_at,
             s.user_id, s.anonymous_id, s.session_id, s.user_key, x.props, s.device,
             ${ua(1)} AS browser, ${ua(2)} AS os,
             CASE WHEN s.device IS NULL THEN '{"library":{"name":"pulse-bench-sql","version":"1.0.0"}}'::jsonb
                  ELSE jsonb_build_object('userAgent', ${ua(0)}, 'locale', (ARRAY['de-DE','en-GB','fr-FR'])[1 + floor(3 * bench_h(s.id, 9))::int],
                                          'library', jsonb_build_object('name', 'pulse-bench-sql', 'version', '1.0.0')) END AS ctx
        FROM s CROSS JOIN LATERAL (${rows}) x
    ) e`;
}

/** Rollup id: md5 of the identity (tenant, granularity, bucket start epoch ms, type, dimension set), as a uuid. */
const rollupId = (tenantId, granularity, bucketSql, typeSql) =>
  `md5(${q(`${tenantId}|${granularity}|`)} || (extract(epoch FROM ${bucketSql}) * 1000)::bigint || '|' || ${typeSql} || '|')::uuid`;

/** Bucket start and label SQL per granularity over events e (hour buckets = UTC hours: whole-hour offsets only). */
function bucketSql(granularity, timeZone) {
  const tz = q(timeZone);
  if (granularity === 'day') {
    return { start: `(e."local_date"::timestamp AT TIME ZONE ${tz})`, label: `to_char(e."local_date", 'YYYY-MM-DD')`, group: `e."local_date"` };
  }
  const h = `date_trunc('hour', e."occurred_at")`;
  const offset = `((${h}) AT TIME ZONE ${tz} - (${h}) AT TIME ZONE 'UTC')`;
  return {
    start: h,
    label: `to_char((${h}) AT TIME ZONE ${tz}, 'YYYY-MM-DD"T"HH24:00') || CASE WHEN ${offset} < interval '0' THEN '-' ELSE '+' END || to_char(CASE WHEN ${offset} < interval '0' THEN -${offset} ELSE ${offset} END, 'HH24:MI')`,
    group: h,
  };
}

export function insertRollupsSql({ tenantId, timeZone, granularity }) {
  const b = bucketSql(granularity, timeZone);
  return `INSERT INTO "event_rollups" ("id", "tenant_id", "granularity", "bucket_start", "bucket_label", "event_type", "dimension_set", "dimensions", "event_count", "unique_users", "updated_at")
    SELECT ${rollupId(tenantId, granularity, b.start, 'e."type"')}, ${q(tenantId)}::uuid, '${granularity}', ${b.start}, ${b.label}, e."type", '', '{}'::jsonb,
           count(*), count(DISTINCT e."user_key"), now()
      FROM "events" e WHERE e."tenant_id" = ${q(tenantId)}::uuid
     GROUP BY ${b.group}, e."type"`;
}

export function insertRollupUsersSql({ tenantId, timeZone, granularity }) {
  const b = bucketSql(granularity, timeZone);
  return `INSERT INTO "event_rollup_users" ("rollup_id", "user_key")
    SELECT ${rollupId(tenantId, granularity, b.start, 'e."type"')}, e."user_key"
      FROM "events" e WHERE e."tenant_id" = ${q(tenantId)}::uuid AND e."user_key" IS NOT NULL
     GROUP BY ${b.group}, e."type", e."user_key"`;
}

/** Numeric property values of the tenant's events (the processor's ROLLUP_NUMERIC_PROPERTIES), once, for both granularities. */
export function metricValuesSql({ tenantId, numericProperties }) {
  return `CREATE UNLOGGED TABLE "bench_metric_values" AS
    SELECT e."occurred_at", e."local_date", e."type", p."key" AS "metric", (p."value" #>> '{}')::float8 AS "x"
      FROM "events" e CROSS JOIN LATERAL jsonb_each(e."properties") p
     WHERE e."tenant_id" = ${q(tenantId)}::uuid AND p."key" = ANY(${arr(numericProperties)}) AND jsonb_typeof(p."value") = 'number'`;
}

/** count/sum/min/max and the analytics-core log histogram (20 buckets a decade: p<index>, n<index>, z). */
export function insertRollupMetricsSql({ tenantId, timeZone, granularity }) {
  const b = bucketSql(granularity, timeZone);
  const key = `CASE WHEN e."x" = 0 THEN 'z' ELSE (CASE WHEN e."x" > 0 THEN 'p' ELSE 'n' END) || least(299, greatest(-180, floor(log(abs(e."x")) * 20)::int)) END`;
  return `INSERT INTO "event_rollup_metrics" ("rollup_id", "metric", "value_count", "value_sum", "value_min", "value_max", "histogram")
    SELECT h."id", h."metric", sum(h."c"), sum(h."s"), min(h."lo"), max(h."hi"), jsonb_object_agg(h."k", h."c")
      FROM (SELECT ${rollupId(tenantId, granularity, b.start, 'e."type"')} AS "id", e."metric", ${key} AS "k",
                   count(*) AS "c", sum(e."x"::numeric) AS "s", min(e."x") AS "lo", max(e."x") AS "hi"
              FROM "bench_metric_values" e
             GROUP BY ${b.group}, e."type", e."metric", 3) h
     GROUP BY h."id", h."metric"`;
}
