// SPDX-License-Identifier: Apache-2.0
// Publishes messages with MQTT.js, for the interoperability tests.
// Usage: node mqttjs_publish.js <port> <topic> <qos> <payload>...
// Exits 0 once every message is acknowledged (QoS 1/2) or written (QoS 0) and the client has
// disconnected; 1 on any error.
'use strict';
const mqtt = require('mqtt');

const [port, topic, qosText, ...payloads] = process.argv.slice(2);
const qos = Number(qosText);
const client = mqtt.connect({ host: '127.0.0.1', port: Number(port), protocolVersion: 4,
                              reconnectPeriod: 0, connectTimeout: 10000 });

client.on('error', (error) => {
    console.error(`mqttjs_publish: ${error.message}`);
    process.exit(1);
});

client.on('connect', async () => {
    try {
        for (const payload of payloads)
            await client.publishAsync(topic, payload, { qos });
        await client.endAsync();
        process.exit(0);
    } catch (error) {
        console.error(`mqttjs_publish: ${error.message}`);
        process.exit(1);
    }
});
