// SPDX-License-Identifier: Apache-2.0
// A retained-configuration check: the broker must hand every new subscriber the configuration
// as a retained message, in JSON and in its compact CBOR form, and clearing it must leave none.
// Run: MQTT_URL=mqtt://127.0.0.1:1883 switchboard-cli run retained-config.js
const url = env("MQTT_URL") || "mqtt://127.0.0.1:1883";
const config = "examples/config/" + Date.now() + "/line-2";
const wanted = { interval: 5, unit: "celsius", sensors: ["t1", "t2"] };

connect(url);
publish(config + "/json", json.stringify(wanted), { qos: 1, retain: true });
publish(config + "/cbor", payload.encode(wanted, "cbor"), { qos: 1, retain: true });

test("a new subscriber gets the configuration as a retained message", function () {
    subscribe(config + "/json", 1);
    const message = expect(config + "/json", m => m.retain, 1000);
    const got = json.parse(message);
    if (got.interval !== wanted.interval || got.sensors.length !== 2)
        throw new Error("the retained configuration is " + message.payload);
});

test("the CBOR form decodes to the same configuration", function () {
    subscribe(config + "/cbor", 1);
    const message = expect(config + "/cbor", m => m.retain, 1000);
    const got = payload.decode(message, "cbor");
    if (got.interval !== wanted.interval || got.unit !== wanted.unit || got.sensors.join() !== "t1,t2")
        throw new Error("decoded " + json.stringify(got));
});

test("clearing the configuration leaves no retained message", function () {
    publish(config + "/json", "", { qos: 1, retain: true });
    publish(config + "/cbor", "", { qos: 1, retain: true });
    unsubscribe(config + "/#");
    subscribe(config + "/#", 1);
    sleep(300); // retained messages come right after the subscription
    let left = null;
    try { left = expect(config + "/#", m => m.retain && m.payload !== "", 0); } catch (e) { }
    if (left)
        throw new Error("still retained: " + left.topic);
});
