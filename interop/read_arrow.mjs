// Reads Arrow IPC files with Apache Arrow's JavaScript implementation (an
// implementation independent of arrow-go) and prints, as JSON, each file's
// row count, column types and schema metadata.
// Usage: node read_arrow.mjs FILE.arrow...
import { readFileSync } from 'node:fs';
import { tableFromIPC } from 'apache-arrow';

const out = {};
for (const file of process.argv.slice(2)) {
  const table = tableFromIPC(readFileSync(file));
  out[file] = {
    rows: table.numRows,
    columns: table.schema.fields.map((f) => [f.name, String(f.type)]),
    metadata: Object.fromEntries(table.schema.metadata),
  };
}
console.log(JSON.stringify(out, null, 1));
