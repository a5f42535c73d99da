// Median, count and mean of a numeric column per group, computed by DuckDB
// from a CSV file in which an unknown value is an empty field (NULL, which
// DuckDB's aggregates skip). The peer of analysis.KnownStats.
// Prints JSON: [{key, known, median, mean}] sorted by key.
// Usage: node duckdb_known_stats.mjs FILE.csv KEY VALUE
import { DuckDBInstance } from '@duckdb/node-api';

const [file, key, value] = process.argv.slice(2);
const q = (s) => `'${s.replaceAll("'", "''")}'`;
const id = (s) => `"${s.replaceAll('"', '""')}"`;
const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
const conn = await instance.connect();
const res = await conn.runAndReadAll(
  `SELECT ${id(key)}::VARCHAR AS key, count(${id(value)})::INTEGER AS known,
          median(${id(value)})::DOUBLE AS median, avg(${id(value)})::DOUBLE AS mean
   FROM read_csv(${q(file)}, header = true, all_varchar = false, types = {${q(key)}: 'VARCHAR', ${q(value)}: 'DOUBLE'})
   GROUP BY ALL ORDER BY key`);
console.log(JSON.stringify(res.getRowObjects().map((r) => ({ key: r.key ?? '', known: r.known, median: r.median, mean: r.mean }))));
