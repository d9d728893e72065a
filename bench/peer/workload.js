// Writes a deterministic offline workload as JSON lines, the same for every system compared:
//   node workload.js vehicles DEVICES RECORDS UPDATE_SHARE
//   node workload.js transports DEVICES TRANSPORTS UPDATE_SHARE
// Each line: {"device": d, "op": "create"|"update", "table", "id", "fields"}. Vehicles carry
// the fields a clinic registers; a transport comes with a leg and a handoff, each its own
// record, and an update closes the transport.
'use strict';
const [kind = 'vehicles', devices = '20', records = '1000', share = '0.1'] = process.argv.slice(2);

// mulberry32: a small seeded generator, so every run writes the same workload.
let seed = 8470;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (list) => list[Math.floor(random() * list.length)];
const digits = (n) => String(Math.floor(random() * 10 ** n)).padStart(n, '0');
const hex = (n) => Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
// A UUIDv7 whose time part counts up from 2024-05-01 like a laptop's ids do.
let idTime = 1714521600000;
const uuid7 = () => {
  const time = (idTime++).toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8)}-7${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`;
};
const categories = ['gacha_doctor', 'mobile_clinic', 'gacha_committee', 'police', 'cadre', 'public', 'ambulance'];
const regions = 'ABCDEFGHJKLM';
const names = '王李张刘陈杨赵黄周吴巴特尔乌力吉那仁其木格苏和';
const driverName = () => Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(names)).join('');
const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z');

const out = [];
const write = (device, op, table, id, fields) => out.push(JSON.stringify({ device, op, table, id, fields }));
const vehicle = (device) => {
  const id = uuid7();
  write(device, 'create', 'vehicles', id, {
    plate: `蒙${pick(regions)}·${digits(5)}`,
    owner_category: pick(categories),
    phone: `13${digits(9)}`,
    note: driverName(),
    seats: 2 + Math.floor(random() * 6),
    lying_patient: random() < 0.3,
    four_wd: random() < 0.6,
    status: 'available',
  });
  return id;
};
for (let d = 0; d < +devices; d++) {
  const ids = [];
  // A transport's legs name the township's ambulance, which each laptop registers first.
  const ambulance = kind === 'transports' ? vehicle(d) : '';
  for (let i = 0; i < +records; i++) {
    if (kind === 'vehicles') {
      ids.push(vehicle(d));
    } else {
      const call = 1714521600000 + Math.floor(random() * 180 * 86400) * 1000;
      const transport = uuid7();
      ids.push(transport);
      write(d, 'create', 'transports', transport, {
        call_received_at: iso(call),
        caller_name: driverName(),
        callback_phone: `13${digits(9)}`,
        complaint_code: pick(['chest_pain', 'breathing', 'stroke', 'trauma', 'childbirth', 'fever']),
        transport_state: 'active',
      });
      write(d, 'create', 'transport_legs', uuid7(), {
        transport_id: transport,
        vehicle_id: ambulance,
        crew: driverName(),
        dispatched_at: iso(call + 120000),
        departed_at: iso(call + 300000),
      });
      write(d, 'create', 'handoffs', uuid7(), {
        transport_id: transport,
        planned_at: iso(call + 1500000),
        giving_person: driverName(),
        receiving_person: driverName(),
      });
      // The ambulance is free again before the next call: a vehicle is on one active
      // transport at a time (rule vehicle_busy).
      write(d, 'update', 'transports', transport, { transport_state: 'closed', disposition: 'delivered' });
    }
  }
  const updates = [...ids].sort(() => random() - 0.5).slice(0, Math.floor(+records * +share));
  for (const id of updates) {
    if (kind === 'vehicles') {
      write(d, 'update', 'vehicles', id, { status: pick(['on_task', 'unavailable', 'available']), phone: `13${digits(9)}` });
    } else {
      write(d, 'update', 'transports', id, { acuity: pick(['critical', 'urgent', 'non_urgent']) });
    }
  }
}
process.stdout.write(out.join('\n') + '\n');
