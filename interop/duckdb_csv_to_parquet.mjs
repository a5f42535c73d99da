// The peer of `rejoinder import csv`: DuckDB converts each CSV table of a
// directory to zstd Parquet with COPY ... TO ... (FORMAT parquet), two
// threads. It checks nothing against the codebook; lists stay text.
// Usage: node duckdb_csv_to_parquet.mjs CSVDIR OUTDIR
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdirSync } from 'node:fs';

const [src, out] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const q = (s) => `'${s.replaceAll("'", "''")}'`;
const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const conn = await instance.connect();
for (const table of ['cases', 'accusations', 'responses', 'quotes', 'sources']) {
  await conn.run(`COPY (SELECT * FROM read_csv(${q(`${src}/${table}.csv`)}, header = true))
    TO ${q(`${out}/${table}.parquet`)} (FORMAT parquet, COMPRESSION zstd)`);
}
