import { DuckDBInstance } from '@duckdb/node-api';
const i = await DuckDBInstance.create(':memory:'); const c = await i.connect();
const r = await c.runAndReadAll(process.argv[2]);
for (const x of r.getRowObjects()) console.log(JSON.stringify(x, (k,v)=>typeof v==='bigint'?Number(v):v));
