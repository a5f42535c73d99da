// Reads Parquet files with DuckDB (an independent Parquet implementation)
// and prints, as JSON, each file's row count, column names and types and
// its key-value metadata. Used by rejoinder's interoperability tests.
// Usage: node parquet_counts.mjs FILE.parquet...
import { DuckDBInstance } from '@duckdb/node-api';

const files = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
const out = {};
for (const file of files) {
  const lit = `'${file.replaceAll("'", "''")}'`;
  const count = await conn.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM read_parquet(${lit})`);
  const cols = await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${lit})`);
  const meta = await conn.runAndReadAll(`SELECT decode(key) AS k, decode(value) AS v FROM parquet_kv_metadata(${lit}) WHERE decode(key) LIKE 'rejoinder.%' ORDER BY k`);
  out[file] = {
    rows: count.getRowObjects()[0].n,
    columns: cols.getRowObjects().map((r) => [r.column_name, r.column_type]),
    metadata: Object.fromEntries(meta.getRowObjects().map((r) => [r.k, r.v])),
  };
}
console.log(JSON.stringify(out, null, 1));
