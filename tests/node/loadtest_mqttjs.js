// SPDX-License-Identifier: Apache-2.0
// The MQTT.js peer of `switchboard-cli bench` as a load tester: the same pattern, pacing and
// payload stamp, one JSON line out with the same keys. N publishers publish to bench/<i>
// (i from 1), M subscribers subscribe to bench/#, so every message reaches every subscriber.
// Without --rate a publisher may have at most ceil(window / N) messages that not every
// subscriber has received yet (and at QoS 1/2 at most 2 * inflight unacknowledged); with
// --rate each publisher sends that many a second. Connections open at --connect-rate per
// second, subscribers first. Latency is measured from the time stamp in the payload; the
// percentiles are exact (every latency is kept).
//
//   node loadtest_mqttjs.js [-h host] [-p port] [--publishers N] [--subscribers M]
//        [--count N] [--duration S] [--rate R] [--size B] [--qos Q] [--inflight W]
//        [--window N] [--connect-rate R]
'use strict';

const mqtt = require('mqtt');

const STAMP_SIZE = 24;
const IDLE_TIMEOUT_MS = 10000;
const DRAIN_TIMEOUT_MS = 3000;
const RATE_TICK_MS = 5;

function usage() {
    process.stderr.write('Usage: loadtest_mqttjs.js [-h host] [-p port] [--publishers N] '
                         + '[--subscribers M] [--count N] [--duration S] [--rate R] [--size B] '
                         + '[--qos Q] [--inflight W] [--window N] [--connect-rate R]\n');
    process.exit(2);
}

function parseArguments(argv) {
    const settings = {
        host: '127.0.0.1', port: 1883, publishers: 1, subscribers: 1, count: 100000,
        duration: 0, rate: 0, size: 64, qos: 0, inflight: 20, window: 1000, connectRate: 1000,
    };
    const names = {
        '-h': 'host', '--host': 'host', '-p': 'port', '--port': 'port',
        '--publishers': 'publishers', '--subscribers': 'subscribers', '--count': 'count',
        '--duration': 'duration', '--rate': 'rate', '--size': 'size', '--qos': 'qos',
        '-q': 'qos', '--inflight': 'inflight', '--window': 'window',
        '--connect-rate': 'connectRate',
    };
    let countGiven = false;
    for (let i = 0; i < argv.length; i += 2) {
        const name = names[argv[i]];
        if (!name || argv[i + 1] === undefined)
            usage();
        settings[name] = name === 'host' ? argv[i + 1] : Number(argv[i + 1]);
        countGiven = countGiven || name === 'count';
    }
    if (settings.duration > 0 && !countGiven)
        settings.count = 0;
    if (!(settings.publishers >= 1 && settings.subscribers >= 1 && settings.size >= STAMP_SIZE
          && [0, 1, 2].includes(settings.qos) && settings.inflight >= 1 && settings.window >= 1
          && (settings.count >= 1 || settings.duration > 0)))
        usage();
    return settings;
}

const settings = parseArguments(process.argv.slice(2));
const url = `mqtt://${settings.host}:${settings.port}`;
const clientOptions = { protocolVersion: 4, clean: true, keepalive: 60, reconnectPeriod: 0,
                        connectTimeout: 30000 };
const runId = ((Math.random() * 0x7fffffff) | 1) >>> 0;
const prefix = `mqttjs-${process.pid}`;
const closedLoop = settings.rate <= 0;
const perPublisherWindow = Math.max(1, Math.ceil(settings.window / settings.publishers));
let ringSize = 1;
while (ringSize < perPublisherWindow)
    ringSize *= 2;
const limit = settings.count > 0 ? settings.count : Number.MAX_SAFE_INTEGER;

const now = () => process.hrtime.bigint();
const publishers = [];
const subscribers = [];
let phase = 'connecting';
let connected = 0;
let subscribed = 0;
let publishersConnected = 0;
let publishersDone = 0;
let published = 0;
let unique = 0;
let duplicates = 0;
let corrupt = 0;
let foreign = 0;
let expected = 0;
let connectStart = 0n;
let connectEnd = 0n;
let publishStart = 0n;
let lastPublish = 0n;
let lastReceive = 0n;
let cpuStart = null;
let failure = null;
let finished = false;
let latencies = new Float64Array(1 << 16);
let latencyCount = 0;
const connectTimes = [];

function recordLatency(ms) {
    if (latencyCount === latencies.length) {
        const grown = new Float64Array(latencies.length * 2);
        grown.set(latencies);
        latencies = grown;
    }
    latencies[latencyCount++] = ms;
}

function percentile(sorted, count, q) {
    if (count === 0)
        return 0;
    const rank = Math.max(1, Math.ceil(q * count));
    return sorted[Math.min(count, rank) - 1];
}

function fail(text) {
    if (!failure)
        failure = String(text);
    finish();
}

function onConnected(startTime) {
    const t = now();
    connectTimes.push(Number(t - startTime) / 1e6);
    connectEnd = t;
    ++connected;
}

// Opens the connections of a phase at --connect-rate per second.
function ramp(list, open) {
    const start = now();
    let started = 0;
    const step = () => {
        if (finished)
            return true;
        const allowed = settings.connectRate > 0
            ? Math.floor(settings.connectRate * Number(now() - start) / 1e9) + 1 : list;
        while (started < list && started < allowed)
            open(started++);
        return started >= list;
    };
    if (!step()) {
        const timer = setInterval(() => {
            if (step())
                clearInterval(timer);
        }, 10);
    }
}

function openSubscriber(index) {
    const subscriber = {
        next: new Float64Array(settings.publishers), seen: new Array(settings.publishers),
        unique: new Float64Array(settings.publishers), duplicates: 0, start: now(),
    };
    for (let p = 0; p < settings.publishers; ++p)
        subscriber.seen[p] = 0n;
    subscribers[index] = subscriber;
    const client = mqtt.connect(url, { ...clientOptions, clientId: `${prefix}-sub-${index + 1}` });
    subscriber.client = client;
    client.on('error', (error) => fail(`subscriber ${index + 1}: ${error.message || error}`));
    client.on('close', () => { if (phase !== 'finished') fail(`subscriber ${index + 1} closed`); });
    client.on('connect', () => {
        onConnected(subscriber.start);
        client.subscribe('bench/#', { qos: settings.qos }, (error, granted) => {
            if (error || !granted.length || granted[0].qos >= 0x80) {
                fail(error || 'subscription refused');
                return;
            }
            if (++subscribed === settings.subscribers)
                ramp(settings.publishers, openPublisher);
        });
    });
    client.on('message', (topic, payload) => onMessage(subscriber, payload));
}

function openPublisher(index) {
    const publisher = {
        index, published: 0, acknowledged: 0, lowestOpen: 0, limit,
        passed: closedLoop ? new Uint32Array(ringSize) : null, start: now(),
        topic: `bench/${index + 1}`,
    };
    publishers[index] = publisher;
    const client = mqtt.connect(url, { ...clientOptions, clientId: `${prefix}-pub-${index + 1}` });
    publisher.client = client;
    publisher.onPublished = (error) => {
        if (error) {
            fail(error);
            return;
        }
        ++publisher.acknowledged;
        if (closedLoop)
            pump(publisher);
    };
    client.on('error', (error) => fail(`publisher ${index + 1}: ${error.message || error}`));
    client.on('close', () => { if (phase !== 'finished') fail(`publisher ${index + 1} closed`); });
    client.on('connect', () => {
        onConnected(publisher.start);
        if (++publishersConnected === settings.publishers)
            startPublishing();
    });
}

function publishNext(publisher) {
    // Its own buffer per message: MQTT.js may hold it until the packet is written.
    const payload = Buffer.alloc(settings.size, 'x');
    const t = now();
    payload.writeBigUInt64LE(BigInt(publisher.published), 0);
    payload.writeBigInt64LE(t, 8);
    payload.writeUInt32LE(publisher.index, 16);
    payload.writeUInt32LE(runId, 20);
    ++publisher.published;
    ++published;
    lastPublish = t;
    publisher.client.publish(publisher.topic, payload, { qos: settings.qos },
                             settings.qos > 0 ? publisher.onPublished : undefined);
    if (publisher.published === publisher.limit && ++publishersDone === settings.publishers)
        startDraining();
}

function pump(publisher) {
    if (phase !== 'publishing' || publisher.pumping)
        return;
    publisher.pumping = true; // a synchronous callback must not re-enter the loop
    const ackWindow = 2 * settings.inflight;
    while (phase === 'publishing' && publisher.published < publisher.limit
           && publisher.published - publisher.lowestOpen < perPublisherWindow
           && (settings.qos === 0 || publisher.published - publisher.acknowledged < ackWindow))
        publishNext(publisher);
    publisher.pumping = false;
}

let rateTimer = null;
let durationTimer = null;
function startPublishing() {
    if (finished)
        return;
    phase = 'publishing';
    cpuStart = process.cpuUsage();
    publishStart = now();
    quietSince = Date.now();
    if (settings.duration > 0)
        durationTimer = setTimeout(stopPublishing, settings.duration * 1000);
    if (closedLoop) {
        for (const publisher of publishers)
            pump(publisher);
        return;
    }
    const tick = () => {
        const elapsed = Number(now() - publishStart) / 1e9;
        for (const publisher of publishers) {
            // Spread over the first period, as the CLI does.
            const phaseOffset = 1 - publisher.index / settings.publishers;
            const due = Math.min(publisher.limit, Math.floor(settings.rate * elapsed + phaseOffset));
            while (phase === 'publishing' && publisher.published < due
                   && (settings.qos === 0 || publisher.published - publisher.acknowledged < 10000))
                publishNext(publisher);
        }
    };
    tick();
    rateTimer = setInterval(tick, RATE_TICK_MS);
}

function stopPublishing() {
    if (phase !== 'publishing')
        return;
    for (const publisher of publishers)
        publisher.limit = publisher.published;
    startDraining();
}

function startDraining() {
    if (phase !== 'publishing')
        return;
    phase = 'draining';
    clearInterval(rateTimer);
    clearTimeout(durationTimer);
    expected = published * settings.subscribers;
    quietSince = Date.now();
    if (unique >= expected)
        finish();
}

function advanceWindow(publisher, from, to) {
    for (let sequence = Math.max(from, publisher.lowestOpen); sequence < to; ++sequence)
        ++publisher.passed[sequence & (ringSize - 1)];
    let moved = false;
    while (publisher.lowestOpen < publisher.published
           && publisher.passed[publisher.lowestOpen & (ringSize - 1)] === settings.subscribers) {
        publisher.passed[publisher.lowestOpen & (ringSize - 1)] = 0;
        ++publisher.lowestOpen;
        moved = true;
    }
    if (moved)
        pump(publisher);
}

function onMessage(subscriber, payload) {
    if (phase !== 'publishing' && phase !== 'draining')
        return;
    if (payload.length !== settings.size) {
        ++corrupt;
        return;
    }
    if (payload.readUInt32LE(20) !== runId) {
        ++foreign;
        return;
    }
    const p = payload.readUInt32LE(16);
    const sequence = Number(payload.readBigUInt64LE(0));
    if (p >= settings.publishers || sequence >= publishers[p].published) {
        ++corrupt;
        return;
    }
    // A 64-wide window of what arrived behind the highest sequence number, as the CLI keeps.
    const before = subscriber.next[p];
    if (sequence >= before) {
        const advance = sequence + 1 - before;
        subscriber.seen[p] = advance >= 64 ? 1n : ((subscriber.seen[p] << BigInt(advance)) | 1n)
            & 0xffffffffffffffffn;
        subscriber.next[p] = sequence + 1;
    } else {
        const behind = before - 1 - sequence;
        const bit = 1n << BigInt(behind);
        if (behind >= 64 || (subscriber.seen[p] & bit) !== 0n) {
            ++subscriber.duplicates;
            ++duplicates;
            return;
        }
        subscriber.seen[p] |= bit;
    }
    const t = now();
    recordLatency(Number(t - payload.readBigInt64LE(8)) / 1e6);
    lastReceive = t;
    ++subscriber.unique[p];
    ++unique;
    if (closedLoop && subscriber.next[p] > before)
        advanceWindow(publishers[p], before, subscriber.next[p]);
    if (phase === 'draining' && unique >= expected)
        finish();
}

let quietSince = Date.now();
let uniqueAtLastCheck = -1;
const secondTimer = setInterval(() => {
    if (phase !== 'publishing' && phase !== 'draining')
        return;
    if (unique !== uniqueAtLastCheck) {
        uniqueAtLastCheck = unique;
        quietSince = Date.now();
        return;
    }
    const quiet = Date.now() - quietSince;
    if (phase === 'publishing' && closedLoop && quiet >= 1000) {
        for (const publisher of publishers) {
            publisher.passed.fill(0);
            publisher.lowestOpen = publisher.published;
        }
        for (const publisher of publishers)
            pump(publisher);
    }
    if (phase === 'draining' && quiet >= DRAIN_TIMEOUT_MS)
        finish();
    else if (phase === 'publishing' && quiet >= IDLE_TIMEOUT_MS
             && published * settings.subscribers > unique)
        fail(`no message arrived for ${IDLE_TIMEOUT_MS / 1000} s`);
}, 1000);

function finish() {
    if (finished)
        return;
    finished = true;
    phase = 'finished';
    clearInterval(secondTimer);
    clearInterval(rateTimer);
    clearTimeout(durationTimer);
    const end = now();
    const cpu = cpuStart ? process.cpuUsage(cpuStart) : { user: 0, system: 0 };
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    const seconds = publishStart ? Number((lastReceive || end) - publishStart) / 1e9 : 0;
    const publishSeconds = publishStart ? Number(lastPublish - publishStart) / 1e9 : 0;
    const connectSeconds = connectEnd > connectStart ? Number(connectEnd - connectStart) / 1e9 : 0;
    const sorted = latencies.subarray(0, latencyCount).sort();
    connectTimes.sort((a, b) => a - b);
    const lostPerSubscriber = subscribers.map((s) => {
        let lost = 0;
        for (let p = 0; p < publishers.length; ++p)
            lost += (publishers[p] ? publishers[p].published : 0) - s.unique[p];
        return lost;
    });
    const lost = lostPerSubscriber.reduce((a, b) => a + b, 0);
    const line = {
        client: 'mqttjs', publishers: settings.publishers, subscribers: settings.subscribers,
        size: settings.size, qos: settings.qos, inflight: settings.inflight, count: settings.count,
        duration: settings.duration, rate: settings.rate, connections: connected,
        connect_seconds: connectSeconds,
        connect_rate: connectSeconds > 0 ? connected / connectSeconds : 0,
        connect_p50: percentile(connectTimes, connectTimes.length, 0.5),
        connect_p99: percentile(connectTimes, connectTimes.length, 0.99),
        published, publish_seconds: publishSeconds,
        msgs_out_per_s: publishSeconds > 0 ? published / publishSeconds : 0,
        expected: published * settings.subscribers, received: unique, seconds,
        msgs_in_per_s: seconds > 0 ? unique / seconds : 0,
        msgs_per_s: seconds > 0 ? unique / seconds : 0,
        lost, duplicates, lost_per_subscriber: lostPerSubscriber,
        duplicates_per_subscriber: subscribers.map((s) => s.duplicates), corrupt, foreign,
        p50: percentile(sorted, latencyCount, 0.5), p90: percentile(sorted, latencyCount, 0.9),
        p99: percentile(sorted, latencyCount, 0.99), p999: percentile(sorted, latencyCount, 0.999),
        max: latencyCount ? sorted[latencyCount - 1] : 0, min: latencyCount ? sorted[0] : 0,
        cpu_s: cpuSeconds, cpu_s_per_100k: unique > 0 ? cpuSeconds * 100000 / unique : 0,
        ok: !failure && lost === 0 && duplicates === 0 && corrupt === 0,
    };
    if (failure)
        line.error = failure;
    const clients = [...subscribers, ...publishers].filter((c) => c && c.client).map((c) => c.client);
    let open = clients.length;
    const done = () => process.stdout.write(JSON.stringify(line) + '\n',
                                            () => process.exit(line.ok ? 0 : 1));
    if (open === 0) {
        done();
        return;
    }
    setTimeout(done, 2000);
    for (const client of clients)
        client.end(false, {}, () => { if (--open === 0) done(); });
}

connectStart = now();
ramp(settings.subscribers, openSubscriber);
