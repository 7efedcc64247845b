// SPDX-License-Identifier: Apache-2.0
// A device must answer a command within 500 ms. The script simulates the device (an on()
// handler that acknowledges each command on its ack topic) and tests it; point the test at a
// real device by leaving out the simulator.
// Run: MQTT_URL=mqtt://127.0.0.1:1883 switchboard-cli run device-command.js --junit device.xml
const url = env("MQTT_URL") || "mqtt://127.0.0.1:1883";
const device = "examples/devices/" + Date.now() + "/pump-7";
connect(url);

// The simulated device: acknowledges each command with its id, after doing the work.
subscribe(device + "/cmd", 1);
on(device + "/cmd", function (command) {
    const body = json.parse(command);
    publish(device + "/ack", json.stringify({ id: body.id, ok: body.action !== "explode" }), { qos: 1 });
});

subscribe(device + "/ack", 1);

test("the device answers a command within 500 ms", function () {
    publish(device + "/cmd", json.stringify({ id: 7, action: "start" }), { qos: 1 });
    const ack = expect(device + "/ack", m => json.parse(m).id === 7, 500);
    if (!json.parse(ack).ok)
        throw new Error("the device refused: " + ack.payload);
});

test("the device refuses what it cannot do", function () {
    publish(device + "/cmd", json.stringify({ id: 8, action: "explode" }), { qos: 1 });
    const ack = expect(device + "/ack", m => json.parse(m).id === 8, 500);
    if (json.parse(ack).ok)
        throw new Error("the device accepted an impossible command");
});
