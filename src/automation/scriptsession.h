// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "scriptreport.h"

#include "client.h"
#include "payloaddecoder.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJSEngine>
#include <QList>
#include <QObject>

#include <atomic>
#include <functional>
#include <optional>

class QEventLoop;

namespace Script {

// Turns a profile name given to connect() into connection options; called on the script's
// thread, so it must not touch objects of another thread (copy what it needs first).
using ProfileResolver = std::function<std::optional<Mqtt::ConnectionOptions>(const QString &name)>;

enum class StopReason { None, TimeLimit, Stopped };

struct SessionSettings
{
    ProfileResolver profiles; // empty: connect() takes URLs only
    QHash<QString, QString> variables; // what env(name) returns
    int timeLimitMs = 60000; // 0: no limit
};

// One run of a script, on the thread that creates it: a plain QJSEngine (no Qt, console,
// XMLHttpRequest, import or file access: only the globals below) and its own MQTT client.
// While the script waits (connect, subscribe, publish, expect, sleep) a nested event loop
// runs, so messages arrive and on() handlers run; nothing runs while JavaScript computes.
// The API, as the script sees it (docs/scripting.md):
//   connect(urlOrProfile[, options]), disconnect(), subscribe(filter[, qos]),
//   unsubscribe(filter), publish(topic, payload[, options]), on(filter, handler),
//   expect(filter[, predicate][, timeoutMs]), sleep(ms), log(...), test(name, fn), env(name),
//   json.parse(textOrMessage), json.stringify(value), payload.decode(messageOrBytes, decoder),
//   payload.encode(value, decoder).
class ScriptSession : public QObject
{
    Q_OBJECT
public:
    explicit ScriptSession(const SessionSettings &settings, QObject *parent = nullptr);
    ~ScriptSession() override;

    // Runs the script to its end, then disconnects; returns what happened (also reported by
    // the signals as it happens).
    ScriptReport run(const QString &source, const QString &fileName);
    // Thread-safe: ends the running script as soon as it can (JavaScript in a loop too). The
    // first reason counts.
    void interrupt(StopReason reason);

    // ---- the script's globals (exposed under the names above)
    Q_INVOKABLE QJSValue connectToBroker(const QJSValue &target,
                                         const QJSValue &options = QJSValue());
    Q_INVOKABLE void disconnectFromBroker();
    Q_INVOKABLE QJSValue subscribe(const QJSValue &filter, const QJSValue &qos = QJSValue());
    Q_INVOKABLE void unsubscribe(const QJSValue &filter);
    Q_INVOKABLE void publish(const QJSValue &topic, const QJSValue &payload = QJSValue(),
                             const QJSValue &options = QJSValue());
    Q_INVOKABLE void on(const QJSValue &filter, const QJSValue &handler);
    Q_INVOKABLE QJSValue expect(const QJSValue &filter, const QJSValue &predicate = QJSValue(),
                                const QJSValue &timeoutMs = QJSValue());
    Q_INVOKABLE void sleep(const QJSValue &milliseconds);
    Q_INVOKABLE void test(const QJSValue &name, const QJSValue &function);
    Q_INVOKABLE QJSValue env(const QJSValue &name);
    Q_INVOKABLE void writeLog(const QString &line);
    Q_INVOKABLE QJSValue parseJson(const QJSValue &text);
    Q_INVOKABLE QJSValue decodePayload(const QJSValue &message, const QJSValue &decoder);
    Q_INVOKABLE QJSValue encodePayload(const QJSValue &value, const QJSValue &decoder);

Q_SIGNALS:
    void logged(const QString &line);
    void testStarted(const QString &name);
    void testFinished(const Script::TestResult &result);
    void errorOccurred(const Script::ScriptError &error);

private:
    enum class WaitResult { Done, TimedOut, Interrupted };
    enum class Interruption { Ends, Ignored };
    struct Wait;
    struct Received
    {
        quint64 sequence = 0;
        // Kept as C++ values: a JavaScript object (an engine handle each, which every garbage
        // collection walks) is made only for a handler or an expect() that looks at it.
        Mqtt::Message message;
    };
    struct Handler
    {
        QString filter;
        QJSValue function;
    };
    enum class ConnectOutcome { Pending, Connected, Failed };

    void installGlobals();
    bool isStopped() const { return m_stopReason.load() != StopReason::None; }
    QString interruptMessage() const;
    // Runs a nested event loop until done() holds, timeoutMs passes (-1: no limit) or the
    // script is interrupted.
    WaitResult waitFor(int timeoutMs, const std::function<bool()> &done,
                       Interruption interruption = Interruption::Ends);
    void checkWaits();
    void wakeWaits();

    void onMessageReceived(const Mqtt::Message &message);
    void dispatchHandlers();
    // Calls function(arguments) and returns {value} or {error}: JavaScript exceptions as
    // values, whatever was thrown.
    QJSValue tryCall(const QJSValue &function, const QJSValueList &arguments);
    // An exception value as a message and a location in the script.
    ScriptError errorFrom(const QJSValue &exception) const;
    // The line of the script that called into the API, 0 when unknown.
    int currentLine() const;
    void addError(const ScriptError &error);
    // Throws a JavaScript Error with text at the script's current line.
    void fail(const QString &text);
    bool requireConnected(const QString &verb);

    QJSValue toJs(const Mqtt::Message &message);
    std::optional<QByteArray> bytesOf(const QJSValue &value) const;
    // A payload as publish() and payload.encode() take it: bytes as they are, strings as UTF-8,
    // other values as their JSON.
    QByteArray payloadBytes(const QJSValue &value);
    bool readProperties(const QJSValue &object, Mqtt::Properties *properties,
                        QString *problem) const;
    QJSValue propertiesToJs(const Mqtt::Properties &properties);
    // The decoder named by a payload helper's argument, or nullopt after throwing why not.
    std::optional<Payload::DecoderSpec> usableSpec(const QJSValue &decoder, const QString &verb);

    SessionSettings m_settings;
    QJSEngine m_engine;
    Mqtt::Client m_client;
    Payload::PayloadDecoder m_payloads;
    std::atomic<StopReason> m_stopReason{StopReason::None};

    QString m_fileName;
    QString m_source;
    ScriptReport m_report;
    QElapsedTimer m_clock;
    QJSValue m_tryCall;
    QJSValue m_stack; // returns the JavaScript stack as text
    QJSValue m_stringify;
    QJSValue m_jsonParse;

    QList<Wait *> m_waits;
    QList<Received> m_inbox;
    QList<Received> m_undispatched;
    bool m_dispatchPosted = false;
    quint64 m_lastSequence = 0;
    QList<Handler> m_handlers;
    bool m_finishing = false;

    ConnectOutcome m_connectOutcome = ConnectOutcome::Pending;
    Mqtt::Error m_lastError;
    QHash<quint64, QList<Mqtt::SubscribeResult>> m_subscribeResults;
    QHash<quint64, QList<Mqtt::UnsubscribeResult>> m_unsubscribeResults;
    QHash<quint64, Mqtt::Error> m_publishResults; // no error: acknowledged

    bool m_inTest = false;
    std::optional<ScriptError> m_handlerErrorInTest;
    bool m_interruptReported = false;
};

} // namespace Script
