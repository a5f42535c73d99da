// The strategy profile (responses per responder and strategy, observed
// responses only) computed by DuckDB over a rejoinder Parquet directory,
// single-file or Hive-partitioned, with optional responder and year
// filters that DuckDB can push down to the partitions. Prints CSV
// responder,strategy,count. Used by bench/partition.sh as the peer.
// Usage: node duckdb_profile.mjs DIR [RESPONDER] [YEAR]
import { DuckDBInstance } from '@duckdb/node-api';
import { existsSync } from 'node:fs';

const [dir, responder, year] = process.argv.slice(2);
const q = (s) => `'${s.replaceAll("'", "''")}'`;
const from = existsSync(`${dir}/responses.parquet`)
  ? `read_parquet(${q(dir + '/responses.parquet')})`
  : `read_parquet(${q(dir + '/responses/**/*.parquet')}, hive_partitioning = true)`;
const where = ["observed = 'responded'"];
if (responder) where.push(`responder = ${q(responder)}`);
if (year) where.push(`year(date) = ${Number(year)}`);
if (year && !existsSync(`${dir}/responses.parquet`)) where.push(`year = ${Number(year)}`);
const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const conn = await instance.connect();
const res = await conn.runAndReadAll(
  `SELECT responder, strategy, count(*)::INTEGER AS n FROM (
     SELECT responder, unnest(list_distinct(strategies)) AS strategy FROM ${from} WHERE ${where.join(' AND ')})
   GROUP BY ALL ORDER BY ALL`);
console.log('responder,strategy,count');
for (const r of res.getRowObjects()) console.log(`${r.responder},${r.strategy},${r.n}`);
