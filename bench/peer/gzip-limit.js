// The practical floor of a workload's bytes: each device's ops as lines of the record id and
// the field values, tab-separated (no field names, no stamps), gzipped at level 9 as one
// batch, sent up once and down to every other device. Prints
// {"gzip_bytes_per_record_delivered": ...}. On ../shared/peer's workload this gives 42.9 B
// where its README gives 41.5: ids cost about half of it.
//   node gzip-limit.js WORKLOAD.jsonl
'use strict';
const fs = require('fs');
const zlib = require('zlib');
const ops = fs.readFileSync(process.argv[2], 'utf8').trim().split('\n').map((line) => JSON.parse(line));
const batches = new Map();
for (const op of ops) {
  const line = [op.id, ...Object.values(op.fields)].join('\t');
  batches.set(op.device, (batches.get(op.device) || '') + line + '\n');
}
const devices = batches.size;
const records = new Set(ops.map((op) => op.id)).size;
let compressed = 0;
for (const batch of batches.values()) compressed += zlib.gzipSync(batch, { level: 9 }).length;
// Up once and down to the other devices: devices times each batch, over records x devices.
console.log(JSON.stringify({ gzip_bytes_per_record_delivered: (compressed * devices) / (records * devices) }));
