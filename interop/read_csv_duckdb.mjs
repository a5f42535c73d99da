// Reads CSV files with DuckDB's CSV sniffer and prints, as JSON, each
// file's row count and the column types DuckDB infers, so a test can check
// that dates read as DATE and booleans as BOOLEAN.
// Usage: node read_csv_duckdb.mjs FILE.csv...
import { DuckDBInstance } from '@duckdb/node-api';

const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
const out = {};
for (const file of process.argv.slice(2)) {
  const lit = `'${file.replaceAll("'", "''")}'`;
  const source = `read_csv(${lit}, header = true, sample_size = -1)`;
  const count = await conn.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM ${source}`);
  const cols = await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`);
  out[file] = {
    rows: count.getRowObjects()[0].n,
    columns: cols.getRowObjects().map((r) => [r.column_name, r.column_type]),
  };
}
console.log(JSON.stringify(out, null, 1));
