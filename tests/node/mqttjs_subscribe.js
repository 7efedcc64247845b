// SPDX-License-Identifier: Apache-2.0
// Subscribes with MQTT.js and prints what arrives, for the interoperability tests.
// Usage: node mqttjs_subscribe.js <port> <filter> <qos> <last payload>
// Prints "ready" on stderr once the subscription is granted, then one JSON line per message
// on stdout ({topic, payload, qos, retain}); exits 0 after the message whose payload is
// <last payload>, 1 on any error.
'use strict';
const mqtt = require('mqtt');

const [port, filter, qosText, last] = process.argv.slice(2);
const client = mqtt.connect({ host: '127.0.0.1', port: Number(port), protocolVersion: 4,
                              reconnectPeriod: 0, connectTimeout: 10000 });

let done = false;

client.on('error', (error) => {
    // Closing right after the last message may race the broker; what counts has arrived.
    if (done)
        process.exit(0);
    console.error(`mqttjs_subscribe: ${error.message}`);
    process.exit(1);
});

client.on('message', (topic, payload, packet) => {
    process.stdout.write(JSON.stringify({ topic, payload: payload.toString('utf8'),
                                          qos: packet.qos, retain: packet.retain }) + '\n');
    if (payload.toString('utf8') === last && !done) {
        done = true;
        client.end(false, () => process.exit(0));
    }
});

client.on('connect', () => {
    client.subscribe(filter, { qos: Number(qosText) }, (error, granted) => {
        if (error || granted.some((grant) => grant.qos >= 0x80)) {
            console.error(`mqttjs_subscribe: subscription refused ${error ? error.message : ''}`);
            process.exit(1);
        }
        console.error('ready');
    });
});
