// Validates a Frictionless Data Package with frictionlessdata's
// datapackage-js (an independent implementation): the descriptor against
// the tabular-data-package profile, then every row of every resource
// against its Table Schema (types, constraints, primary and foreign keys).
// Prints JSON: {valid, errors, rows: {resource: count}, types: {...}}.
// Usage: node validate_datapackage.mjs DIR/datapackage.json
import datapackage from 'datapackage';

const { Package } = datapackage;
const descriptor = process.argv[2];
const out = { valid: false, errors: [], rows: {}, types: {} };
try {
  const pkg = await Package.load(descriptor, { basePath: descriptor.replace(/[^/]*$/, '') || '.' });
  out.valid = pkg.valid;
  out.errors.push(...pkg.errors.map((e) => String(e.message || e)));
  for (const resource of pkg.resources) {
    let rows = [];
    try {
      rows = await resource.read({ keyed: true, cast: true, relations: true });
    } catch (err) {
      const details = (err.errors || []).map((e) => String(e.message || e));
      out.errors.push(`${resource.name}: ${err.message}${details.length ? ': ' + details.join('; ') : ''}`);
      continue;
    }
    out.rows[resource.name] = rows.length;
    if (rows.length > 0) {
      out.types[resource.name] = Object.fromEntries(Object.entries(rows[0]).map(([k, v]) => [k, v === null ? 'null' : v instanceof Date ? 'date' : typeof v]));
    }
  }
} catch (err) {
  out.errors.push(String(err.message || err));
}
out.valid = out.valid && out.errors.length === 0;
console.log(JSON.stringify(out, null, 1));
