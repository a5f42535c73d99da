// Runs the accusation -> response pairing SQL that `rejoinder events sql
// --dialect duckdb` prints, in DuckDB (npm @duckdb/node-api, two
// threads), as an independent engine. With OUT.csv it writes the result
// there with COPY (for the benchmark) and prints {"rows": N}; without, it
// prints {"columns": [...], "rows": [[...], ...]} with every value as
// text ("" for NULL), for rejoinder's equality test.
// Usage: node duckdb_events.mjs QUERY.sql [OUT.csv]
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';

const [sqlFile, out] = process.argv.slice(2);
const sql = readFileSync(sqlFile, 'utf8').trim().replace(/;\s*$/, '');
const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const conn = await instance.connect();
if (out) {
  const q = (s) => `'${s.replaceAll("'", "''")}'`;
  const res = await conn.runAndReadAll(`COPY (${sql}) TO ${q(out)} (HEADER, DELIMITER ',')`);
  console.log(JSON.stringify({ rows: Number(res.getRows()[0][0]) }));
} else {
  const res = await conn.runAndReadAll(sql);
  const rows = res.getRows().map((r) => r.map((v) => (v === null ? '' : String(v))));
  console.log(JSON.stringify({ columns: res.columnNames(), rows }));
}
