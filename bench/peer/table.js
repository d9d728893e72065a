// Prints the comparison: node table.js POUCH.json RELAY.json LIMIT.json
'use strict';
const fs = require('fs');
const [pouch, relay, limit] = process.argv.slice(2).map((file) => JSON.parse(fs.readFileSync(file, 'utf8')));
const perRecord = (r) => (r.bytes_up + r.bytes_down) / (r.records * r.devices);
const gzip = limit.gzip_bytes_per_record_delivered;
const rows = [
  ['', 'converge s', 'bytes up', 'bytes down', 'B/record delivered', 'connections', 'requests', 'converged'],
  ...[pouch, relay].map((r) => [r.system, r.converge_seconds.toFixed(2), r.bytes_up, r.bytes_down,
    perRecord(r).toFixed(1), r.connections, r.requests, r.converged ? 'yes' : 'NO']),
  ['gzip -9 of the values (limit)', '', '', '', gzip.toFixed(1), '', '', ''],
];
const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => String(row[c]).length)));
for (const row of rows) console.log(row.map((cell, c) => String(cell).padStart(c ? widths[c] : 0).padEnd(c ? 0 : widths[c])).join('  '));
const timeRatio = relay.converge_seconds / pouch.converge_seconds;
const byteRatio = perRecord(relay) / gzip;
console.log(`\nRelay / PouchDB: converge ${timeRatio.toFixed(3)}, bytes ${(perRecord(relay) / perRecord(pouch)).toFixed(3)}, ` +
  `connections ${(relay.connections / pouch.connections).toFixed(4)}, requests ${(relay.requests / pouch.requests).toFixed(4)}`);
console.log('targets (issue 14)');
console.log(`  converge <= 1/10 of PouchDB      ${timeRatio.toFixed(3)}  ${timeRatio <= 0.1 ? 'met' : 'NOT MET'}`);
console.log(`  bytes <= 1.25 x the gzip limit   ${byteRatio.toFixed(2)} x  ${byteRatio <= 1.25 ? 'met' : 'NOT MET'}`);
console.log(JSON.stringify({ pouchdb: pouch, relay, gzip_bytes_per_record_delivered: gzip,
  relay_bytes_per_record_delivered: perRecord(relay), pouch_bytes_per_record_delivered: perRecord(pouch) }));
