// Reads a Hive-partitioned Parquet table (rejoinder build --partition) with
// DuckDB as one table and prints, as JSON, its columns and the row count of
// each combination of partition keys. Used by rejoinder's interoperability
// tests to prove the layout is one table to other engines.
// Usage: node read_partitioned.mjs DIR KEY[,KEY...]
import { DuckDBInstance } from '@duckdb/node-api';

const [root, keyList] = process.argv.slice(2);
const keys = keyList.split(',');
const instance = await DuckDBInstance.create(':memory:');
const conn = await instance.connect();
const glob = `'${(root + '/**/*.parquet').replaceAll("'", "''")}'`;
const from = `read_parquet(${glob}, hive_partitioning = true)`;
const cols = await conn.runAndReadAll(`DESCRIBE SELECT * FROM ${from}`);
const keyExprs = keys.map((k) => `CAST("${k}" AS VARCHAR) AS "${k}"`).join(', ');
const groups = await conn.runAndReadAll(
  `SELECT ${keyExprs}, count(*)::INTEGER AS n FROM ${from} GROUP BY ALL ORDER BY ALL`);
console.log(JSON.stringify({
  columns: cols.getRowObjects().map((r) => [r.column_name, r.column_type]),
  groups: groups.getRowObjects().map((r) => [...keys.map((k) => r[k] ?? ''), r.n]),
}, null, 1));
