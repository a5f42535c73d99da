// The notebook user's questions (issue 20), answered by DuckDB straight from
// the Parquet files `rejoinder build` writes: the independent peer of the
// examples in examples/. Prints one JSON object:
//   seed:     per seed case, observed responses, earliest accusation date and
//             the lag of the earliest response whose lag is known
//   denial:   per responder and strategy, 2018 observed responses using both
//             it and denial, and the responder's 2018 denials
//   byOrgan:  per organ, observed responses and mean strategies per response
//   responses: observed responses per case (cases with one or more)
//   cases:    the number of cases
// Usage: node duckdb_questions.mjs DIR
import { DuckDBInstance } from '@duckdb/node-api';

const [dir] = process.argv.slice(2);
const file = (t) => `'${`${dir}/${t}.parquet`.replaceAll("'", "''")}'`;
const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
const conn = await instance.connect();
const rows = async (sql) => (await conn.runAndReadAll(sql)).getRowObjects()
  .map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : (v === null ? null : (typeof v === 'object' ? String(v) : v))])));

await conn.run(`CREATE VIEW r AS SELECT * FROM read_parquet(${file('responses')})`);
await conn.run(`CREATE VIEW a AS SELECT * FROM read_parquet(${file('accusations')})`);

const seed = await rows(`
  WITH lagged AS (
    SELECT r.case_id, r.date, (r.date - a.date) AS lag
    FROM r JOIN a ON r.responds_to = a.accusation_id
    WHERE r.observed = 'responded' AND NOT r.anticipatory
      AND r.date_precision = 'day' AND a.date_precision = 'day')
  SELECT c.case_id,
         (SELECT count(*) FROM r WHERE r.case_id = c.case_id AND observed = 'responded')::INTEGER AS responses,
         (SELECT strftime(min(date), '%Y-%m-%d') FROM a WHERE a.case_id = c.case_id) AS accusation_date,
         (SELECT lag FROM lagged l WHERE l.case_id = c.case_id ORDER BY l.date LIMIT 1)::INTEGER AS first_response_lag_days
  FROM (VALUES ('prk-park-2018'), ('rus-skripal-2018')) c(case_id) ORDER BY c.case_id`);

const denial = await rows(`
  WITH y AS (SELECT * FROM r WHERE observed = 'responded' AND year(date) = 2018 AND date_precision IS NOT NULL),
       d AS (SELECT responder, count(*) AS denials FROM y WHERE list_contains(strategies, 'denial') GROUP BY responder)
  SELECT y.responder, s.strategy, count(*)::INTEGER AS both, any_value(d.denials)::INTEGER AS denials
  FROM y, unnest(y.strategies) s(strategy), d
  WHERE d.responder = y.responder AND list_contains(y.strategies, 'denial')
  GROUP BY ALL ORDER BY y.responder, s.strategy`);

const byOrgan = await rows(`
  SELECT organ, count(*)::INTEGER AS responses, avg(len(strategies))::DOUBLE AS mean_strategies
  FROM r WHERE observed = 'responded' GROUP BY organ ORDER BY organ`);

const responses = await rows(`
  SELECT case_id, count(*)::INTEGER AS responses FROM r WHERE observed = 'responded' GROUP BY case_id ORDER BY case_id`);

const [{ cases }] = await rows(`SELECT count(*)::INTEGER AS cases FROM read_parquet(${file('cases')})`);

console.log(JSON.stringify({ seed, denial, byOrgan, responses, cases }));
