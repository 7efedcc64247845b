// SPDX-License-Identifier: Apache-2.0
// A request/response check at MQTT 5.0: a small service answers on the response topic of each
// request with the request's correlation data, and the test checks that the answer comes back
// paired. Run: MQTT_URL=mqtt://127.0.0.1:1883 switchboard-cli run request-response.js
const url = env("MQTT_URL") || "mqtt://127.0.0.1:1883";
const base = "examples/request-response/" + Date.now() + "/";
connect(url, { version: 5 });

// The service (in a real check it runs elsewhere): answers every request it gets.
subscribe(base + "svc/time", 1);
on(base + "svc/time", function (request) {
    publish(request.properties.responseTopic, json.stringify({ now: Date.now() }), {
        qos: 1,
        properties: { correlationData: request.properties.correlationData }
    });
});

subscribe(base + "replies", 1);

test("the service answers with the request's correlation data", function () {
    publish(base + "svc/time", "what time is it?", {
        qos: 1,
        properties: { responseTopic: base + "replies", correlationData: "request-1" }
    });
    const reply = expect(base + "replies", m => m.properties.correlationData === "request-1", 2000);
    const body = json.parse(reply);
    if (typeof body.now !== "number")
        throw new Error("the reply carries no time: " + reply.payload);
    log("answered:", body);
});

test("two requests get two answers, each with its own correlation data", function () {
    for (const id of ["a", "b"])
        publish(base + "svc/time", "", {
            qos: 1,
            properties: { responseTopic: base + "replies", correlationData: id }
        });
    expect(base + "replies", m => m.properties.correlationData === "b", 2000);
    expect(base + "replies", m => m.properties.correlationData === "a", 2000);
});
