// bench-pouchdb.js — PouchDB replicating 100,000 product-shaped documents over loopback.
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The yardstick for bench-sync-pull (bench/run-bench-sync.sh runs both).
// An express-pouchdb server on 127.0.0.1 (a free port), its LevelDB files in
// a new temporary directory; 100,000 small documents shaped like our
// products are written straight into its database (not timed); then a new
// local PouchDB (LevelDB, same directory) replicates from it over HTTP with
// PouchDB's default options, and that is timed until every document is
// there. The last line, "RESULT pouchdb_seconds=…", is for the script.
//
// Usage: node bench-pouchdb.js [N_DOCS]   (NODE_PATH names the packages)
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');

const PouchDB = require('pouchdb-node');
const expressPouchDB = require('express-pouchdb');
const express = require('express');

const N_DOCS = Number(process.argv[2] || 100000);
const LOAD_BATCH = 1000;

const ADJECTIVES = ['Handwoven', 'Hand-painted', 'Block-printed', 'Indigo', 'Saffron',
  'Embroidered', 'Carved', 'Glazed', 'Hammered', 'Beaded', 'Quilted', 'Kalamkari'];
const NOUNS = ['scarf', 'stole', 'cushion cover', 'table runner', 'tote', 'basket',
  'bowl', 'mug', 'vase', 'lamp', 'diya', 'wall hanging', 'necklace', 'bangle'];
const TAGS = ['gift', 'diwali', 'wedding', 'home decor', 'kitchen', 'eco-friendly',
  'artisan', 'heritage', 'bestseller', 'new'];
const MATERIALS = ['cotton', 'silk', 'jute', 'khadi', 'brass', 'copper', 'terracotta',
  'mango wood', 'bamboo', 'wool'];

// A small deterministic generator, so every run loads the same documents.
let state = 20240917;
function random (n) {
  state = (Math.imul(state, 1103515245) + 12345) >>> 0;
  return (state >>> 8) % n;
}
function pick (array) {
  return array[random(array.length)];
}

function makeDoc (i) {
  const noun = pick(NOUNS);
  return {
    _id: 'product:' + String(i).padStart(6, '0'),
    type: 'product',
    sku: 'CC-' + String(i).padStart(6, '0'),
    title: { en: pick(ADJECTIVES) + ' ' + noun + ' ' + i, hi: 'हस्तनिर्मित ' + i },
    status: i % 10 === 0 ? 'draft' : 'active',
    price: 100 * (150 + random(12000)),
    currency: 'INR',
    weight_g: 20 + random(5000),
    tags: [pick(TAGS), pick(TAGS)],
    materials: [pick(MATERIALS)],
  };
}

function listen (app) {
  return new Promise((resolve, reject) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
    server.on('error', reject);
  });
}

async function main () {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'craftchain-bench-pouchdb-'));
  fs.mkdirSync(path.join(dir, 'server'));
  fs.mkdirSync(path.join(dir, 'local'));
  let server = null;

  try {
    const ServerPouchDB = PouchDB.defaults({ prefix: path.join(dir, 'server') + path.sep });
    const app = express();
    app.use('/', expressPouchDB(ServerPouchDB, { mode: 'minimumForPouchDB' }));
    server = await listen(app);
    const url = 'http://127.0.0.1:' + server.address().port + '/shop';

    const remote = new ServerPouchDB('shop');
    const loadStart = process.hrtime.bigint();
    for (let start = 0; start < N_DOCS; start += LOAD_BATCH) {
      const docs = [];
      for (let i = start; i < Math.min(start + LOAD_BATCH, N_DOCS); i++)
        docs.push(makeDoc(i + 1));
      const results = await remote.bulkDocs(docs);
      if (results.some((r) => r.error))
        throw new Error('loading the server failed: ' + JSON.stringify(results.find((r) => r.error)));
    }
    const loadSeconds = Number(process.hrtime.bigint() - loadStart) / 1e9;
    console.log(`  pouchdb-server: ${N_DOCS} documents loaded in ${loadSeconds.toFixed(1)} s (not timed)`);

    const local = new PouchDB(path.join(dir, 'local', 'shop'));
    const start = process.hrtime.bigint();
    const result = await local.replicate.from(url);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    const info = await local.info();
    const verified = result.ok && info.doc_count === N_DOCS;

    console.log(`  PouchDB ${require('pouchdb-node/package.json').version}: replicated ${info.doc_count} ` +
                `documents in ${seconds.toFixed(2)} s, ${Math.round(N_DOCS / seconds)} documents/s ` +
                `(default options; peak RSS of this process, server included, ` +
                `${(process.resourceUsage().maxRSS / 1024).toFixed(1)} MiB)`);
    if (!verified)
      console.log(`  MISMATCH: the local database has ${info.doc_count} documents, not ${N_DOCS}`);
    console.log(`RESULT pouchdb_seconds=${seconds.toFixed(3)} docs=${N_DOCS} verified=${verified ? 'yes' : 'no'}`);
    await local.close();
    await remote.close();
    return verified ? 0 : 1;
  } finally {
    if (server)
      server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then((status) => process.exit(status), (error) => {
  console.error('bench-pouchdb: ' + (error && error.stack ? error.stack : error));
  process.exit(1);
});
