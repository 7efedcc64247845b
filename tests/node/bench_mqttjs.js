// SPDX-License-Identifier: Apache-2.0
// The MQTT.js peer of `switchboard-cli bench`: one publisher and one subscriber, the same
// workload, one JSON line out. At QoS 1/2 at most --inflight messages are unacknowledged
// (MQTT.js has no window of its own, so the publish callbacks pace it); at QoS 0 the
// publisher stays at most 1000 messages ahead of the subscriber, as the other programs do.
'use strict';

const mqtt = require('mqtt');

const QOS0_WINDOW = 1000;
const IDLE_TIMEOUT_MS = 10000;

function parseArguments(argv) {
    const settings = {
        host: '127.0.0.1',
        port: 1883,
        count: 100000,
        size: 64,
        qos: 0,
        inflight: 20,
        topic: `switchboard/bench/mqttjs${process.pid}`,
    };
    for (let i = 0; i < argv.length; i += 2) {
        const option = argv[i];
        const value = argv[i + 1];
        if (value === undefined)
            usage();
        if (option === '-h' || option === '--host')
            settings.host = value;
        else if (option === '-p' || option === '--port')
            settings.port = Number(value);
        else if (option === '--count')
            settings.count = Number(value);
        else if (option === '--size')
            settings.size = Number(value);
        else if (option === '--qos')
            settings.qos = Number(value);
        else if (option === '--inflight')
            settings.inflight = Number(value);
        else if (option === '--topic')
            settings.topic = value;
        else
            usage();
    }
    if (!(settings.count >= 1 && settings.size >= 8 && [0, 1, 2].includes(settings.qos)
          && settings.inflight >= 1 && settings.port >= 1))
        usage();
    return settings;
}

function usage() {
    process.stderr.write('Usage: bench_mqttjs.js [-h host] [-p port] [--count N] [--size B] '
                         + '[--qos Q] [--inflight W] [--topic T]\n');
    process.exit(2);
}

const settings = parseArguments(process.argv.slice(2));
const url = `mqtt://${settings.host}:${settings.port}`;
const clientOptions = { protocolVersion: 4, clean: true, keepalive: 60, reconnectPeriod: 0 };

const seen = new Uint8Array(settings.count);
let published = 0;
let acknowledged = 0;
let received = 0;
let unique = 0;
let duplicates = 0;
let corrupt = 0;
let finished = false;
let failure = null;
let startTime = 0n;
let cpuStart = null;
let seconds = 0;
let cpuSeconds = 0;
let publishing = false;
let lastReceived = -1;

const subscriber = mqtt.connect(url, { ...clientOptions, clientId: `mqttjs-sub-${process.pid}` });
let publisher = null;

function finish(error) {
    if (finished)
        return;
    finished = true;
    if (error)
        failure = String(error);
    if (startTime !== 0n) {
        seconds = Number(process.hrtime.bigint() - startTime) / 1e9;
        const cpu = process.cpuUsage(cpuStart);
        cpuSeconds = (cpu.user + cpu.system) / 1e6;
    }
    clearInterval(idleTimer);
    const ok = !failure && unique === settings.count && duplicates === 0 && corrupt === 0;
    const line = {
        client: 'mqttjs', size: settings.size, qos: settings.qos, inflight: settings.inflight,
        count: settings.count, received: unique, duplicates, corrupt, seconds,
        msgs_per_s: seconds > 0 ? unique / seconds : 0, cpu_s: cpuSeconds,
        cpu_s_per_100k: unique > 0 ? cpuSeconds * 100000 / unique : 0, ok,
    };
    if (failure)
        line.error = failure;
    process.stdout.write(JSON.stringify(line) + '\n', () => {
        subscriber.end(true);
        if (publisher)
            publisher.end(true);
        process.exit(ok ? 0 : 1);
    });
}

function onPublished(error) {
    if (error) {
        finish(error);
        return;
    }
    if (settings.qos > 0) {
        ++acknowledged;
        pump();
    }
}

function pump() {
    if (publishing || finished)
        return;
    publishing = true; // a synchronous callback must not re-enter the loop
    const window = settings.qos === 0 ? QOS0_WINDOW : settings.inflight;
    while (published < settings.count) {
        const ahead = settings.qos === 0 ? published - received : published - acknowledged;
        if (ahead >= window)
            break;
        // Its own buffer per message: MQTT.js may hold it until the packet is written.
        const payload = Buffer.alloc(settings.size, 'x');
        payload.writeBigUInt64LE(BigInt(published), 0);
        ++published;
        publisher.publish(settings.topic, payload, { qos: settings.qos }, onPublished);
    }
    publishing = false;
}

subscriber.on('error', finish);
subscriber.on('close', () => finish('the subscriber connection closed'));
subscriber.on('connect', () => {
    subscriber.subscribe(settings.topic, { qos: settings.qos }, (error, granted) => {
        if (error || !granted.length || granted[0].qos >= 0x80) {
            finish(error || 'subscription refused');
            return;
        }
        publisher = mqtt.connect(url, { ...clientOptions, clientId: `mqttjs-pub-${process.pid}` });
        publisher.on('error', finish);
        publisher.on('close', () => finish('the publisher connection closed'));
        publisher.on('connect', () => {
            cpuStart = process.cpuUsage();
            startTime = process.hrtime.bigint();
            pump();
        });
    });
});
subscriber.on('message', (topic, payload) => {
    ++received;
    const sequence = payload.length >= 8 ? Number(payload.readBigUInt64LE(0)) : -1;
    if (payload.length !== settings.size || sequence < 0 || sequence >= settings.count)
        ++corrupt;
    else if (seen[sequence])
        ++duplicates;
    else {
        seen[sequence] = 1;
        ++unique;
    }
    if (unique === settings.count) {
        finish();
        return;
    }
    if (settings.qos === 0)
        pump();
});

let lastProgress = Date.now();
const idleTimer = setInterval(() => {
    if (received !== lastReceived) {
        lastReceived = received;
        lastProgress = Date.now();
    } else if (Date.now() - lastProgress > IDLE_TIMEOUT_MS) {
        finish(`no message for ${IDLE_TIMEOUT_MS / 1000} s; ${settings.count - unique} lost`);
    }
}, 1000);
