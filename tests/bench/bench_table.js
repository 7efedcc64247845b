// SPDX-License-Identifier: Apache-2.0
// Prints the table of scripts/bench from the JSON lines the three clients wrote:
//   node bench_table.js results.jsonl    client comparison, ratios ours / peer
//   node bench_table.js --codec < lines  codec micro-benchmark
//   node bench_table.js --load results.jsonl    load test (many connections), ours and MQTT.js
'use strict';

const fs = require('fs');

function pad(text, width, alignLeft) {
    text = String(text);
    return alignLeft ? text.padEnd(width) : text.padStart(width);
}

function printRows(header, rows, leftColumns) {
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
    const line = (cells) => cells.map((c, i) => pad(c, widths[i], i < leftColumns)).join('  ');
    console.log(line(header));
    console.log(widths.map((w) => '-'.repeat(w)).join('  '));
    for (const row of rows)
        console.log(line(row));
}

function readLines(text) {
    return text.split('\n').filter((l) => l.trim().startsWith('{')).map((l) => JSON.parse(l));
}

function codecTable() {
    const results = readLines(fs.readFileSync(0, 'utf8'));
    const rows = results.map((r) => [
        r.qos, r.frame_bytes, r.encode_ns.toFixed(1), r.encode_allocs.toFixed(2),
        r.decode_ns.toFixed(1), r.decode_allocs.toFixed(2), r.decode_to_message_ns.toFixed(1),
        r.decode_to_message_allocs.toFixed(2),
    ]);
    printRows(['QoS', 'frame B', 'encode ns', 'allocs', 'decode ns', 'allocs',
               'decode+Message ns', 'allocs'], rows, 0);
    console.log('ns: thread CPU time per operation, fastest of 5 rounds; allocs: heap allocations '
                + 'per operation (global operator new and malloc counted).');
    console.log('encode: encodePublish into a reused QByteArray; decode: decodePublish to a view '
                + 'over the frame; decode+Message: plus the Message the client hands to the '
                + 'application (topic QString reused while it repeats, payload copied).');
}

// Other processes only ever slow a run down, so each client is represented by its fastest
// successful run (its CPU from that same run); the median rate is shown beside it.
function pick(runs) {
    const good = runs.filter((r) => r.ok);
    const pool = good.length ? good : runs;
    const sorted = [...pool].sort((a, b) => (a.msgs_per_s || 0) - (b.msgs_per_s || 0));
    const cpus = pool.map((r) => r.cpu_s_per_100k || 0).sort((a, b) => a - b);
    return {
        run: sorted[sorted.length - 1],
        medianRate: sorted[Math.floor((sorted.length - 1) / 2)].msgs_per_s || 0,
        medianCpu: cpus[Math.floor((cpus.length - 1) / 2)],
        failed: runs.length - good.length,
    };
}

function clientTable(path) {
    const results = readLines(fs.readFileSync(path, 'utf8'));
    const groups = new Map();
    for (const r of results) {
        const key = `${r.size}|${r.qos}|${r.client}`;
        if (!groups.has(key))
            groups.set(key, []);
        groups.get(key).push(r);
    }
    const clients = ['switchboard', 'libmosquitto', 'mqttjs'];
    const rows = [];
    const verdicts = [];
    for (const size of [...new Set(results.map((r) => r.size))]) {
        for (const qos of [...new Set(results.map((r) => r.qos))].sort()) {
            const chosen = {};
            for (const client of clients) {
                const runs = groups.get(`${size}|${qos}|${client}`);
                if (runs)
                    chosen[client] = pick(runs);
            }
            const ours = chosen.switchboard && chosen.switchboard.run;
            for (const client of clients) {
                if (!chosen[client])
                    continue;
                const { run, medianRate, medianCpu, failed } = chosen[client];
                const rate = run.msgs_per_s || 0;
                const cpu = run.cpu_s_per_100k || 0;
                const isOurs = client === 'switchboard';
                const rateRatio = !isOurs && ours && rate > 0 ? (ours.msgs_per_s / rate).toFixed(2) : '';
                const cpuRatio = !isOurs && ours && cpu > 0 ? (ours.cpu_s_per_100k / cpu).toFixed(2) : '';
                let note = run.ok ? '' : `FAILED: ${run.error || `${run.received} of ${run.count} received`}`;
                if (failed && run.ok)
                    note = `${failed} run(s) failed`;
                rows.push([size, qos, client, Math.round(rate), cpu.toFixed(3), rateRatio, cpuRatio,
                           Math.round(medianRate), medianCpu.toFixed(3), note]);
            }
            if (ours && chosen.libmosquitto && chosen.mqttjs) {
                const best = Math.max(chosen.libmosquitto.run.msgs_per_s || 0,
                                      chosen.mqttjs.run.msgs_per_s || 0);
                const mosqCpu = chosen.libmosquitto.run.cpu_s_per_100k || 0;
                const rateOk = ours.ok && ours.msgs_per_s >= best;
                const cpuOk = ours.ok && mosqCpu > 0 && ours.cpu_s_per_100k <= mosqCpu / 2;
                verdicts.push(`${pad(size, 4)} B QoS ${qos}: rate ${rateOk ? 'met' : 'NOT met'} `
                              + `(ours / best peer ${(ours.msgs_per_s / best).toFixed(2)}), CPU `
                              + `${cpuOk ? 'met' : 'NOT met'} (ours / libmosquitto `
                              + `${(ours.cpu_s_per_100k / mosqCpu).toFixed(2)}, goal <= 0.50)`);
            }
        }
    }
    printRows(['size B', 'QoS', 'client', 'recv msgs/s', 'CPU s/100k', 'rate ours/peer',
               'CPU ours/peer', 'median msgs/s', 'median CPU', ''], rows, 3);
    const runsPerCase = Math.max(...[...groups.values()].map((runs) => runs.length));
    console.log(`\nrecv msgs/s and CPU s/100k: the fastest of ${runsPerCase} run(s) per client and `
                + 'case (ratios from these); median msgs/s and median CPU: over all its runs.');
    console.log('CPU s/100k: user+system CPU of the client process only (both of its clients), '
                + 'first publish to last message received, per 100,000 messages.');
    console.log('Goals (stated for 64 B; 1 KiB for information): ours >= best peer rate; ours <= '
                + 'half of libmosquitto\'s CPU per message.');
    for (const v of verdicts)
        console.log(`  ${v}`);
}

// One row per client and case of the load section, the peer's row with the ratios: rates
// ours / peer (above 1: ours faster), latency and CPU peer / ours (above 1: ours lower).
function loadTable(path) {
    const results = readLines(fs.readFileSync(path, 'utf8'));
    const key = (r) => `${r.publishers}|${r.subscribers}|${r.qos}|${r.rate}`;
    const cases = [...new Set(results.map(key))];
    const ratio = (a, b, digits = 2) => (a > 0 && b > 0 ? (a / b).toFixed(digits) : '');
    const ms = (value) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1)
                                                                          : value.toFixed(2));
    const rows = [];
    for (const c of cases) {
        const runs = results.filter((r) => key(r) === c);
        const ours = runs.find((r) => r.client === 'switchboard');
        for (const r of runs) {
            const peer = r.client !== 'switchboard' && ours;
            const mode = r.rate > 0 ? `${r.rate}/s each, ${r.duration} s` : `unlimited, ${r.count} each`;
            rows.push([
                `${r.publishers}+${r.subscribers}`, r.qos, mode, r.client,
                Math.round(r.msgs_out_per_s || 0), Math.round(r.msgs_in_per_s || 0),
                ms(r.p50 || 0), ms(r.p99 || 0), Math.round(r.connect_rate || 0),
                `${r.lost ?? '?'}/${r.duplicates ?? '?'}`, (r.cpu_s || 0).toFixed(2),
                peer ? ratio(ours.msgs_in_per_s, r.msgs_in_per_s) : '',
                peer ? ratio(r.p50, ours.p50) : '', peer ? ratio(r.p99, ours.p99) : '',
                peer ? ratio(ours.connect_rate, r.connect_rate) : '',
                peer ? ratio(r.cpu_s_per_100k, ours.cpu_s_per_100k) : '',
                r.ok ? '' : `FAILED: ${r.error || `${r.received} of ${r.expected} received`}`,
            ]);
        }
    }
    printRows(['pub+sub', 'QoS', 'pace', 'client', 'out msgs/s', 'in msgs/s', 'p50 ms', 'p99 ms',
               'conn/s', 'lost/dup', 'CPU s', 'in ours/peer', 'p50 peer/ours',
               'p99 peer/ours', 'conn/s ours/peer', 'CPU peer/ours', ''], rows, 4);
    console.log('out: messages published per second (all publishers); in: messages received per '
                + 'second (all subscribers; each message reaches every subscriber). Latency: '
                + 'publish to receive, from the time stamp in the payload. conn/s: connections '
                + 'set up per second (at most --connect-rate). CPU: the client process, first '
                + 'publish to last message. Unlimited runs keep at most --window messages per '
                + 'subscriber on their way, so their latency is mostly that queue.');
}

if (process.argv[2] === '--codec')
    codecTable();
else if (process.argv[2] === '--load')
    loadTable(process.argv[3]);
else
    clientTable(process.argv[2]);
