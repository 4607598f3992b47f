import { type Kysely, sql } from 'kysely';

// One round trip for a throttled attempt: `sesame_consume_throttle` locks the keys' rows (creating
// the missing ones), refuses with the longest wait when one of them is blocked, else counts one
// attempt on each — what throttle.service.ts did in a transaction of two statements, now inside one
// statement. The arithmetic is `nextThrottleState` of throttle.ts (tests compare the two).
// biome-ignore lint/suspicious/noExplicitAny: migrations must not depend on today's schema types
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE FUNCTION sesame_consume_throttle(
      p_keys text[],
      p_free_failures integer[],
      p_base_delay_ms bigint[],
      p_max_delay_ms bigint[],
      p_window_ms bigint[],
      p_now timestamptz
    ) RETURNS bigint
    LANGUAGE plpgsql
    AS $$
    DECLARE
      v_wait bigint;
    BEGIN
      -- The rows locked in the caller's order (keys sorted, as in every other throttle statement),
      -- not the collation's: no deadlock with another attempt or a refund.
      INSERT INTO throttles (key, failures, window_started_at, blocked_until)
      SELECT k.key, 0, p_now, NULL FROM unnest(p_keys) WITH ORDINALITY AS k(key, position) ORDER BY k.position
      ON CONFLICT (key) DO UPDATE SET failures = throttles.failures;

      SELECT COALESCE(max(ceil(extract(epoch FROM (blocked_until - p_now)) * 1000)), 0)::bigint
        INTO v_wait
        FROM throttles
       WHERE key = ANY (p_keys) AND failures > 0 AND blocked_until > p_now;
      IF v_wait > 0 THEN
        RETURN v_wait;
      END IF;

      UPDATE throttles AS t
         SET failures = n.failures,
             window_started_at = n.window_started_at,
             blocked_until = CASE
               WHEN n.failures - n.free_failures <= 0 THEN NULL
               ELSE p_now + LEAST(
                 n.base_delay_ms * power(2::double precision, LEAST(n.failures - n.free_failures - 1, 30)),
                 n.max_delay_ms
               ) * interval '1 millisecond'
             END
        FROM (
          SELECT p.key, p.free_failures, p.base_delay_ms, p.max_delay_ms,
                 CASE WHEN e.expired THEN 1 ELSE c.failures + 1 END AS failures,
                 CASE WHEN e.expired THEN p_now ELSE c.window_started_at END AS window_started_at
            FROM unnest(p_keys, p_free_failures, p_base_delay_ms, p_max_delay_ms, p_window_ms)
                   AS p(key, free_failures, base_delay_ms, max_delay_ms, window_ms)
            JOIN throttles AS c ON c.key = p.key
           CROSS JOIN LATERAL (
             SELECT c.failures = 0 OR p_now - c.window_started_at > p.window_ms * interval '1 millisecond'
               AS expired
           ) AS e
        ) AS n
       WHERE t.key = n.key;
      RETURN 0;
    END
    $$`.execute(db);
}
