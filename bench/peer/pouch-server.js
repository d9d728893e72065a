// A CouchDB-compatible server, express-pouchdb on in-memory stores: node pouch-server.js PORT
'use strict';
const PouchDB = require('pouchdb').plugin(require('pouchdb-adapter-memory'));
const express = require('express');
const app = express();
app.use('/', require('express-pouchdb')(PouchDB.defaults({ adapter: 'memory' }), {
  mode: 'minimumForPouchDB',
  logPath: '/dev/null',
}));
app.listen(+process.argv[2], '127.0.0.1', () => console.log('listening'));
