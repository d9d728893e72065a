// A byte-counting TCP proxy: node proxy.js LISTEN_PORT TARGET_PORT COUNT_FILE
// Counts every byte both ways at TCP level (headers and bodies), the connections, and the HTTP
// requests (request lines seen from the client); writes {"up","down","connections","requests"}
// to COUNT_FILE every 100 ms and on SIGTERM.
'use strict';
const net = require('net');
const fs = require('fs');
const [listen, target, file] = process.argv.slice(2);
const counts = { up: 0, down: 0, connections: 0, requests: 0 };
const flush = () => fs.writeFileSync(file, JSON.stringify(counts));
const requestLine = /(?:^|\r\n)(?:GET|POST|PUT|DELETE|HEAD|COPY|OPTIONS) \S+ HTTP\/1\.[01]\r\n/g;
net
  .createServer((client) => {
    counts.connections++;
    const server = net.connect(+target, '127.0.0.1');
    // A request line can only start a client's chunk or follow a body, so looking at the
    // chunk's text is enough for plain HTTP/1.1; gzipped bodies do not hold one.
    client.on('data', (chunk) => {
      counts.up += chunk.length;
      counts.requests += (chunk.toString('latin1').match(requestLine) || []).length;
      server.write(chunk);
    });
    server.on('data', (chunk) => {
      counts.down += chunk.length;
      client.write(chunk);
    });
    client.on('end', () => server.end());
    server.on('end', () => client.end());
    client.on('error', () => server.destroy());
    server.on('error', () => client.destroy());
  })
  .listen(+listen, '127.0.0.1', flush);
setInterval(flush, 100);
process.on('SIGTERM', () => {
  flush();
  process.exit(0);
});
