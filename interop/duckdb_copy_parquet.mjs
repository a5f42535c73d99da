// Rewrites a directory of rejoinder Parquet tables with DuckDB, as a
// researcher preparing data in DuckDB would: each SRCDIR/<table>.parquet
// goes through COPY ... TO OUTDIR/<table>.parquet (FORMAT parquet), which
// marks every column and list element nullable. An optional
// TABLE=SELECT argument replaces a table's query, reading the original as
// the view src (to put a null where rejoinder allows none, say). Prints,
// as JSON, each written table's row count and DuckDB's column types.
// Usage: node duckdb_copy_parquet.mjs SRCDIR OUTDIR [TABLE=SELECT ... FROM src]...
import { DuckDBInstance } from '@duckdb/node-api';

const [src, out, ...overrides] = process.argv.slice(2);
const lit = (s) => `'${s.replaceAll("'", "''")}'`;
const queries = {};
for (const o of overrides) {
  const i = o.indexOf('=');
  queries[o.slice(0, i)] = o.slice(i + 1);
}
const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const conn = await instance.connect();
const result = {};
for (const table of ['cases', 'accusations', 'responses', 'quotes', 'sources']) {
  const from = `${src}/${table}.parquet`;
  const to = `${out}/${table}.parquet`;
  await conn.run(`CREATE OR REPLACE VIEW src AS SELECT * FROM read_parquet(${lit(from)})`);
  await conn.run(`COPY (${queries[table] ?? 'SELECT * FROM src'}) TO ${lit(to)} (FORMAT parquet)`);
  const count = await conn.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM read_parquet(${lit(to)})`);
  const cols = await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${lit(to)})`);
  result[table] = {
    rows: count.getRowObjects()[0].n,
    columns: cols.getRowObjects().map((r) => [r.column_name, r.column_type]),
  };
}
console.log(JSON.stringify(result, null, 1));
