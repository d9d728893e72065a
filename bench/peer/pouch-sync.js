// PouchDB 9 on a workload: node pouch-sync.js WORKLOAD.jsonl REMOTE_URL
// Each device applies its offline ops to its own in-memory PouchDB; then all replicate up at
// once, then all down; prints one JSON line. Converge time is the replication only.
'use strict';
const PouchDB = require('pouchdb').plugin(require('pouchdb-adapter-memory'));
const fs = require('fs');
const [file, remote] = process.argv.slice(2);
const ops = fs.readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
(async () => {
  const devices = new Map();
  for (const op of ops) {
    if (!devices.has(op.device)) devices.set(op.device, new PouchDB(`device${op.device}`, { adapter: 'memory' }));
  }
  for (const op of ops) {
    const db = devices.get(op.device);
    if (op.op === 'create') await db.put({ _id: op.id, table: op.table, ...op.fields });
    else await db.put({ ...(await db.get(op.id)), ...op.fields });
  }
  const replicas = [...devices.values()];
  const start = Date.now();
  await Promise.all(replicas.map((db) => PouchDB.replicate(db, remote)));
  await Promise.all(replicas.map((db) => PouchDB.replicate(remote, db)));
  const seconds = (Date.now() - start) / 1000;
  const records = new Set(ops.map((op) => op.id)).size;
  const held = await Promise.all(replicas.map((db) => db.info().then((info) => info.doc_count)));
  console.log(JSON.stringify({
    system: 'PouchDB 9 / express-pouchdb',
    devices: replicas.length,
    records,
    converge_seconds: seconds,
    converged: held.every((count) => count === records),
  }));
})().catch((error) => {
  console.error(error);
  process.exit(1);
});
