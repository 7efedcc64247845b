// SPDX-License-Identifier: Apache-2.0
#include "scriptsession.h"

#include "topic.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QJSValueIterator>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

namespace Script {

namespace {

// Received messages kept for expect(): the oldest go first beyond this.
constexpr qsizetype InboxLimit = 10000;
constexpr int AcknowledgementTimeoutMs = 10000;
constexpr int DefaultExpectTimeoutMs = 5000;
constexpr int DisconnectTimeoutMs = 3000;

// Calls expired() once the limit has passed, on a thread of its own, unless destroyed first.
class Watchdog
{
public:
    Watchdog(std::chrono::milliseconds limit, std::function<void()> expired)
    {
        if (limit.count() <= 0)
            return;
        m_thread = std::thread([this, limit, expired = std::move(expired)] {
            std::unique_lock<std::mutex> lock(m_mutex);
            if (!m_condition.wait_for(lock, limit, [this] { return m_cancelled; }))
                expired();
        });
    }
    ~Watchdog()
    {
        {
            std::lock_guard<std::mutex> lock(m_mutex);
            m_cancelled = true;
        }
        m_condition.notify_all();
        if (m_thread.joinable())
            m_thread.join();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_condition;
    bool m_cancelled = false;
    std::thread m_thread;
};

// The parts of the API written in JavaScript: they need no line numbers of their own.
const char *const TryCallSource = R"(
(function (fn, args) {
    try { return { value: fn.apply(undefined, args) }; } catch (e) { return { error: e }; }
}))";
const char *const StackSource = R"(
(function () { return new Error().stack; }))";
const char *const LogSource = R"(
(function (write) {
    return function () {
        var parts = [];
        for (var i = 0; i < arguments.length; ++i) {
            var a = arguments[i], text;
            if (typeof a === 'string') text = a;
            else if (a instanceof ArrayBuffer) text = '<' + a.byteLength + ' bytes>';
            else { try { text = JSON.stringify(a); } catch (e) { text = undefined; } }
            parts.push(text === undefined ? String(a) : text);
        }
        write(parts.join(' '));
    };
}))";

// The text of argument `index` of the first call of `callee` on `line` of the source (and the
// lines after it), as written: for messages that quote a predicate (V4 keeps no source of
// functions). Empty when it cannot be told.
QString argumentText(const QString &source, int line, const QString &callee, int index)
{
    qsizetype position = 0;
    for (int i = 1; i < line && position >= 0; ++i) {
        position = source.indexOf(QLatin1Char('\n'), position);
        if (position >= 0)
            ++position;
    }
    if (position < 0)
        return {};
    const qsizetype lineEnd = source.indexOf(QLatin1Char('\n'), position);
    const qsizetype call = source.indexOf(callee + QLatin1Char('('), position);
    if (call < 0 || (lineEnd >= 0 && call > lineEnd))
        return {};
    int depth = 0;
    int argument = 0;
    QChar quote;
    qsizetype start = call + callee.size() + 1;
    for (qsizetype i = start; i < source.size(); ++i) {
        const QChar c = source.at(i);
        if (!quote.isNull()) {
            if (c == QLatin1Char('\\'))
                ++i;
            else if (c == quote)
                quote = QChar();
            continue;
        }
        if (c == QLatin1Char('"') || c == QLatin1Char('\'') || c == QLatin1Char('`')) {
            quote = c;
        } else if (c == QLatin1Char('(') || c == QLatin1Char('[') || c == QLatin1Char('{')) {
            ++depth;
        } else if (depth > 0 &&
                   (c == QLatin1Char(')') || c == QLatin1Char(']') || c == QLatin1Char('}'))) {
            --depth;
        } else if (depth == 0 && (c == QLatin1Char(',') || c == QLatin1Char(')'))) {
            if (argument == index)
                return source.mid(start, i - start).trimmed();
            if (c == QLatin1Char(')'))
                return {};
            ++argument;
            start = i + 1;
        }
    }
    return {};
}

QString oneLine(QString text, int limit)
{
    text = text.simplified();
    if (text.size() > limit)
        text = text.left(limit - 1) + QChar(0x2026);
    return text;
}

} // namespace

struct ScriptSession::Wait
{
    QEventLoop loop;
    std::function<bool()> done;
};

ScriptSession::ScriptSession(const SessionSettings &settings, QObject *parent)
    : QObject(parent), m_settings(settings)
{
    QJSEngine::setObjectOwnership(this, QJSEngine::CppOwnership);
    connect(&m_client, &Mqtt::Client::connected, this, [this] {
        m_connectOutcome = ConnectOutcome::Connected;
        checkWaits();
    });
    connect(&m_client, &Mqtt::Client::errorOccurred, this, [this](const Mqtt::Error &error) {
        m_lastError = error;
        if (m_connectOutcome == ConnectOutcome::Connected && !m_finishing)
            Q_EMIT logged(tr("connection lost: %1").arg(error.text));
        checkWaits();
    });
    connect(&m_client, &Mqtt::Client::disconnected, this, [this] {
        m_connectOutcome = ConnectOutcome::Failed;
        checkWaits();
    });
    connect(&m_client, &Mqtt::Client::stateChanged, this, [this](Mqtt::Client::State state) {
        if (state == Mqtt::Client::State::Disconnected &&
            m_connectOutcome == ConnectOutcome::Pending)
            m_connectOutcome = ConnectOutcome::Failed;
        checkWaits();
    });
    connect(&m_client, &Mqtt::Client::messageReceived, this, &ScriptSession::onMessageReceived);
    connect(&m_client, &Mqtt::Client::subscriptionAcknowledged, this,
            [this](quint64 token, const QList<Mqtt::SubscribeResult> &results) {
                m_subscribeResults.insert(token, results);
                checkWaits();
            });
    connect(&m_client, &Mqtt::Client::unsubscriptionResultsReceived, this,
            [this](quint64 token, const QList<Mqtt::UnsubscribeResult> &results) {
                m_unsubscribeResults.insert(token, results);
                checkWaits();
            });
    connect(&m_client, &Mqtt::Client::messagePublished, this, [this](quint64 token) {
        m_publishResults.insert(token, Mqtt::Error());
        checkWaits();
    });
    connect(&m_client, &Mqtt::Client::messageRefused, this,
            [this](quint64 token, const Mqtt::Error &error) {
                m_publishResults.insert(token, error);
                checkWaits();
            });
    installGlobals();
}

ScriptSession::~ScriptSession() = default;

void ScriptSession::installGlobals()
{
    QJSValue global = m_engine.globalObject();
    const QJSValue self = m_engine.newQObject(this);
    const std::pair<const char *, const char *> functions[] = {
            {"connect", "connectToBroker"},
            {"disconnect", "disconnectFromBroker"},
            {"subscribe", "subscribe"},
            {"unsubscribe", "unsubscribe"},
            {"publish", "publish"},
            {"on", "on"},
            {"expect", "expect"},
            {"sleep", "sleep"},
            {"test", "test"},
            {"env", "env"},
    };
    for (const auto &[name, method] : functions)
        global.setProperty(QLatin1String(name), self.property(QLatin1String(method)));

    m_tryCall = m_engine.evaluate(QLatin1String(TryCallSource));
    m_stack = m_engine.evaluate(QLatin1String(StackSource));
    global.setProperty(QStringLiteral("log"),
                       m_engine.evaluate(QLatin1String(LogSource))
                               .call({self.property(QStringLiteral("writeLog"))}));
    const QJSValue builtInJson = global.property(QStringLiteral("JSON"));
    m_stringify = builtInJson.property(QStringLiteral("stringify"));
    m_jsonParse = builtInJson.property(QStringLiteral("parse"));
    QJSValue json = m_engine.newObject();
    json.setProperty(QStringLiteral("parse"), self.property(QStringLiteral("parseJson")));
    json.setProperty(QStringLiteral("stringify"), m_stringify);
    global.setProperty(QStringLiteral("json"), json);
    QJSValue payload = m_engine.newObject();
    payload.setProperty(QStringLiteral("decode"), self.property(QStringLiteral("decodePayload")));
    payload.setProperty(QStringLiteral("encode"), self.property(QStringLiteral("encodePayload")));
    global.setProperty(QStringLiteral("payload"), payload);
}

ScriptReport ScriptSession::run(const QString &source, const QString &fileName)
{
    m_fileName = fileName;
    m_source = source;
    m_report = ScriptReport();
    m_report.fileName = fileName;
    m_report.startTime = QDateTime::currentDateTimeUtc();
    m_clock.start();
    {
        Watchdog watchdog(std::chrono::milliseconds(m_settings.timeLimitMs),
                          [this] { interrupt(StopReason::TimeLimit); });
        QStringList stack;
        const QJSValue result = m_engine.evaluate(source, fileName, 1, &stack);
        if (isStopped()) {
            if (!m_interruptReported)
                addError({interruptMessage(), {m_fileName, 0}});
        } else if (result.isError() || !stack.isEmpty()) {
            addError(errorFrom(result));
        }
    }

    m_finishing = true;
    if (m_client.state() != Mqtt::Client::State::Disconnected) {
        m_client.disconnectFromHost();
        // A late wake-up of an interrupted script may end one wait early: wait again.
        const QDeadlineTimer deadline(DisconnectTimeoutMs);
        while (m_client.state() != Mqtt::Client::State::Disconnected && !deadline.hasExpired())
            waitFor(
                    int(deadline.remainingTime()),
                    [this] { return m_client.state() == Mqtt::Client::State::Disconnected; },
                    Interruption::Ignored);
    }
    m_report.durationMs = m_clock.elapsed();
    m_report.interrupted = isStopped();
    return m_report;
}

void ScriptSession::interrupt(StopReason reason)
{
    StopReason none = StopReason::None;
    if (!m_stopReason.compare_exchange_strong(none, reason))
        return;
    m_engine.setInterrupted(true);
    QMetaObject::invokeMethod(this, &ScriptSession::wakeWaits, Qt::QueuedConnection);
}

QString ScriptSession::interruptMessage() const
{
    if (m_stopReason.load() == StopReason::TimeLimit) {
        const int seconds = (m_settings.timeLimitMs + 999) / 1000;
        return tr("interrupted after %1 s").arg(seconds);
    }
    return tr("stopped");
}

ScriptSession::WaitResult ScriptSession::waitFor(int timeoutMs, const std::function<bool()> &done,
                                                 Interruption interruption)
{
    const auto stopped = [&] { return interruption == Interruption::Ends && isStopped(); };
    if (stopped())
        return WaitResult::Interrupted;
    if (done())
        return WaitResult::Done;
    Wait wait;
    wait.done = done;
    QTimer timer;
    timer.setSingleShot(true);
    timer.setTimerType(Qt::PreciseTimer); // "within 300 ms" must not end at 290
    if (timeoutMs >= 0) {
        connect(&timer, &QTimer::timeout, &wait.loop, &QEventLoop::quit);
        timer.start(timeoutMs);
    }
    m_waits.append(&wait);
    wait.loop.exec();
    m_waits.removeOne(&wait);
    if (stopped())
        return WaitResult::Interrupted;
    return done() ? WaitResult::Done : WaitResult::TimedOut;
}

void ScriptSession::checkWaits()
{
    for (Wait *wait : std::as_const(m_waits)) {
        if (wait->done())
            wait->loop.quit();
    }
}

void ScriptSession::wakeWaits()
{
    for (Wait *wait : std::as_const(m_waits))
        wait->loop.quit();
}

void ScriptSession::onMessageReceived(const Mqtt::Message &message)
{
    if (m_finishing)
        return;
    const Received received{++m_lastSequence, message};
    m_inbox.append(received);
    if (m_inbox.size() > InboxLimit)
        m_inbox.removeFirst();
    if (!m_handlers.isEmpty()) {
        m_undispatched.append(received);
        // Handlers run from the event loop, not inside the client's reading.
        if (!m_dispatchPosted) {
            m_dispatchPosted = true;
            QMetaObject::invokeMethod(this, &ScriptSession::dispatchHandlers, Qt::QueuedConnection);
        }
    }
    checkWaits();
}

void ScriptSession::dispatchHandlers()
{
    m_dispatchPosted = false;
    const QList<Received> messages = std::exchange(m_undispatched, {});
    for (const Received &received : messages) {
        const QList<Handler> handlers = m_handlers;
        QJSValue object;
        for (const Handler &handler : handlers) {
            if (isStopped() || m_finishing)
                return;
            if (!Mqtt::topicMatches(handler.filter, received.message.topic))
                continue;
            if (object.isUndefined())
                object = toJs(received.message);
            const QJSValue outcome = tryCall(handler.function, {object});
            if (!outcome.hasOwnProperty(QStringLiteral("error")) || isStopped())
                continue;
            ScriptError error = errorFrom(outcome.property(QStringLiteral("error")));
            error.message = tr("in the on() handler for %1: %2").arg(handler.filter, error.message);
            if (m_inTest) {
                if (!m_handlerErrorInTest)
                    m_handlerErrorInTest = error;
            } else {
                addError(error);
            }
        }
    }
}

QJSValue ScriptSession::tryCall(const QJSValue &function, const QJSValueList &arguments)
{
    QJSValue list = m_engine.newArray(uint(arguments.size()));
    for (int i = 0; i < arguments.size(); ++i)
        list.setProperty(quint32(i), arguments.at(i));
    return m_tryCall.call({function, list});
}

ScriptError ScriptSession::errorFrom(const QJSValue &exception) const
{
    ScriptError error;
    error.location.fileName = m_fileName;
    if (exception.isError() ||
        (exception.isObject() && exception.hasProperty(QStringLiteral("message")))) {
        const QString name = exception.property(QStringLiteral("name")).toString();
        const QString message = exception.property(QStringLiteral("message")).toString();
        error.message = name.isEmpty() || name == QLatin1String("Error") || !exception.isError()
                                ? message
                                : QStringLiteral("%1: %2").arg(name, message);
        const QJSValue line = exception.property(QStringLiteral("lineNumber"));
        if (line.isNumber())
            error.location.line = line.toInt();
    } else {
        error.message = exception.toString();
    }
    if (error.message.isEmpty())
        error.message = tr("an exception without a message");
    return error;
}

int ScriptSession::currentLine() const
{
    // "function@file:line" per frame, innermost first; the first in the script is the caller.
    const QStringList frames = m_stack.call().toString().split(QLatin1Char('\n'));
    const QString marker = m_fileName + QLatin1Char(':');
    for (const QString &frame : frames) {
        const qsizetype at = frame.lastIndexOf(marker);
        if (at < 0)
            continue;
        bool ok = false;
        const int line = frame.mid(at + marker.size()).toInt(&ok);
        if (ok)
            return line;
    }
    return 0;
}

void ScriptSession::addError(const ScriptError &error)
{
    m_report.errors.append(error);
    Q_EMIT errorOccurred(error);
}

void ScriptSession::fail(const QString &text)
{
    m_engine.throwError(QJSValue::GenericError, text);
}

bool ScriptSession::requireConnected(const QString &verb)
{
    if (m_client.state() == Mqtt::Client::State::Connected)
        return true;
    fail(tr("%1: not connected (call connect() first)").arg(verb));
    return false;
}

// ---- connect, disconnect

QJSValue ScriptSession::connectToBroker(const QJSValue &target, const QJSValue &options)
{
    const QString where = target.toString();
    Mqtt::ConnectionOptions connection;
    QString problem;
    if (where.contains(QLatin1String("://"))) {
        if (!Mqtt::parseBrokerUrl(where, &connection, &problem)) {
            fail(tr("connect(): %1").arg(problem));
            return {};
        }
    } else if (m_settings.profiles) {
        const std::optional<Mqtt::ConnectionOptions> profile = m_settings.profiles(where);
        if (!profile) {
            fail(tr("connect(): there is no profile named '%1'").arg(where));
            return {};
        }
        connection = *profile;
    } else {
        fail(tr("connect(): give a broker URL such as mqtt://127.0.0.1:1883, not '%1'").arg(where));
        return {};
    }

    if (options.isObject()) {
        QJSValueIterator it(options);
        while (it.hasNext()) {
            it.next();
            const QString key = it.name();
            const QJSValue value = it.value();
            if (key == QLatin1String("version")) {
                const QString version = value.toString();
                if (version == QLatin1String("5") || version == QLatin1String("5.0"))
                    connection.version = Mqtt::ProtocolVersion::V5;
                else if (version == QLatin1String("3.1.1") || version == QLatin1String("4") ||
                         version == QLatin1String("311"))
                    connection.version = Mqtt::ProtocolVersion::V3_1_1;
                else if (version == QLatin1String("3.1") || version == QLatin1String("3") ||
                         version == QLatin1String("31"))
                    connection.version = Mqtt::ProtocolVersion::V3_1;
                else
                    problem = tr("version must be 5, 3.1.1 or 3.1, not '%1'").arg(version);
            } else if (key == QLatin1String("clientId")) {
                connection.clientId = value.toString();
            } else if (key == QLatin1String("username")) {
                connection.userName = value.toString();
            } else if (key == QLatin1String("password")) {
                connection.password = value.toString().toUtf8();
            } else if (key == QLatin1String("clean")) {
                connection.cleanSession = value.toBool();
            } else if (key == QLatin1String("keepAlive")) {
                connection.keepAlive = quint16(qBound(0, value.toInt(), 65535));
            } else if (key == QLatin1String("timeoutMs")) {
                connection.connectTimeoutMs = qMax(1, value.toInt());
            } else {
                problem = tr("unknown option '%1'").arg(key);
            }
            if (!problem.isEmpty()) {
                fail(tr("connect(): %1").arg(problem));
                return {};
            }
        }
    }
    connection.autoReconnect = false;

    if (m_client.state() != Mqtt::Client::State::Disconnected) {
        m_client.disconnectFromHost();
        if (waitFor(DisconnectTimeoutMs, [this] {
                return m_client.state() == Mqtt::Client::State::Disconnected;
            }) == WaitResult::Interrupted)
            return {};
    }
    m_connectOutcome = ConnectOutcome::Pending;
    m_lastError = Mqtt::Error();
    m_client.connectToHost(connection);
    const WaitResult result = waitFor(connection.connectTimeoutMs + 1000, [this] {
        return m_connectOutcome != ConnectOutcome::Pending;
    });
    if (result == WaitResult::Interrupted)
        return {};
    if (m_connectOutcome != ConnectOutcome::Connected) {
        m_client.abortConnection();
        const QString reason = m_lastError ? m_lastError.text : tr("no answer in time");
        fail(tr("could not connect to %1: %2").arg(m_client.currentServer().toUrl(), reason));
        return {};
    }
    QJSValue info = m_engine.newObject();
    info.setProperty(QStringLiteral("clientId"), m_client.clientId());
    info.setProperty(QStringLiteral("sessionPresent"), m_client.sessionPresent());
    return info;
}

void ScriptSession::disconnectFromBroker()
{
    if (m_client.state() == Mqtt::Client::State::Disconnected)
        return;
    m_client.disconnectFromHost();
    waitFor(DisconnectTimeoutMs,
            [this] { return m_client.state() == Mqtt::Client::State::Disconnected; });
}

// ---- subscribe, unsubscribe

QJSValue ScriptSession::subscribe(const QJSValue &filter, const QJSValue &qos)
{
    const QString verb = QStringLiteral("subscribe()");
    if (!requireConnected(verb))
        return {};
    Mqtt::SubscribeTopic topic;
    topic.filter = filter.toString();
    const QJSValue level = qos.isObject() ? qos.property(QStringLiteral("qos")) : qos;
    if (!level.isUndefined()) {
        const int value = level.toInt();
        if (!level.isNumber() || value < 0 || value > 2) {
            fail(tr("%1: QoS must be 0, 1 or 2").arg(verb));
            return {};
        }
        topic.qos = Mqtt::QoS(value);
    }
    if (qos.isObject()) {
        topic.noLocal = qos.property(QStringLiteral("noLocal")).toBool();
        topic.retainAsPublished = qos.property(QStringLiteral("retainAsPublished")).toBool();
        const QJSValue handling = qos.property(QStringLiteral("retainHandling"));
        if (handling.isNumber())
            topic.retainHandling = Mqtt::RetainHandling(qBound(0, handling.toInt(), 2));
    }
    Mqtt::Error error;
    const quint64 token = m_client.subscribe({topic}, &error);
    if (!token) {
        fail(QStringLiteral("%1: %2").arg(verb, error.text));
        return {};
    }
    const WaitResult result = waitFor(AcknowledgementTimeoutMs, [this, token] {
        return m_subscribeResults.contains(token) ||
               m_client.state() != Mqtt::Client::State::Connected;
    });
    if (result == WaitResult::Interrupted)
        return {};
    const QList<Mqtt::SubscribeResult> results = m_subscribeResults.take(token);
    if (results.isEmpty()) {
        fail(tr("%1: the broker did not acknowledge the subscription to %2").arg(verb, topic.filter));
        return {};
    }
    if (results.constFirst().isRefused()) {
        fail(tr("%1: the broker refused the subscription to %2: %3")
                     .arg(verb, topic.filter, results.constFirst().reasonText()));
        return {};
    }
    return int(results.constFirst().grantedQos());
}

void ScriptSession::unsubscribe(const QJSValue &filter)
{
    const QString verb = QStringLiteral("unsubscribe()");
    if (!requireConnected(verb))
        return;
    Mqtt::Error error;
    const quint64 token = m_client.unsubscribe({filter.toString()}, &error);
    if (!token) {
        fail(QStringLiteral("%1: %2").arg(verb, error.text));
        return;
    }
    waitFor(AcknowledgementTimeoutMs, [this, token] {
        return m_unsubscribeResults.contains(token) ||
               m_client.state() != Mqtt::Client::State::Connected;
    });
    m_unsubscribeResults.remove(token);
}

// ---- publish

std::optional<QByteArray> ScriptSession::bytesOf(const QJSValue &value) const
{
    if (value.isString())
        return value.toString().toUtf8();
    if (value.isUndefined() || value.isNull())
        return QByteArray();
    if (!value.isObject())
        return std::nullopt;
    const QVariant variant = value.toVariant();
    if (variant.typeId() == QMetaType::QByteArray)
        return variant.toByteArray(); // an ArrayBuffer
    // A typed array or DataView: the part of its buffer it covers.
    const QVariant buffer = value.property(QStringLiteral("buffer")).toVariant();
    if (buffer.typeId() == QMetaType::QByteArray) {
        return buffer.toByteArray().mid(value.property(QStringLiteral("byteOffset")).toInt(),
                                        value.property(QStringLiteral("byteLength")).toInt());
    }
    return std::nullopt;
}

QByteArray ScriptSession::payloadBytes(const QJSValue &value)
{
    if (const std::optional<QByteArray> bytes = bytesOf(value))
        return *bytes;
    return m_stringify.call({value}).toString().toUtf8();
}

bool ScriptSession::readProperties(const QJSValue &object, Mqtt::Properties *properties,
                                   QString *problem) const
{
    QJSValueIterator it(object);
    while (it.hasNext()) {
        it.next();
        const QString key = it.name();
        const QJSValue value = it.value();
        if (key == QLatin1String("contentType")) {
            properties->setString(Mqtt::PropertyId::ContentType, value.toString());
        } else if (key == QLatin1String("responseTopic")) {
            properties->setString(Mqtt::PropertyId::ResponseTopic, value.toString());
        } else if (key == QLatin1String("correlationData")) {
            properties->setBinary(Mqtt::PropertyId::CorrelationData,
                                  bytesOf(value).value_or(value.toString().toUtf8()));
        } else if (key == QLatin1String("messageExpiryInterval")) {
            properties->setInteger(Mqtt::PropertyId::MessageExpiryInterval, value.toUInt());
        } else if (key == QLatin1String("payloadFormatIndicator")) {
            properties->setInteger(Mqtt::PropertyId::PayloadFormatIndicator, value.toUInt());
        } else if (key == QLatin1String("userProperties")) {
            QJSValueIterator pairs(value);
            while (pairs.hasNext()) {
                pairs.next();
                if (value.isArray()) {
                    if (pairs.name() == QLatin1String("length"))
                        continue;
                    const QJSValue pair = pairs.value();
                    properties->addUserProperty(pair.property(0).toString(),
                                                pair.property(1).toString());
                } else {
                    properties->addUserProperty(pairs.name(), pairs.value().toString());
                }
            }
        } else {
            *problem = tr("unknown property '%1'").arg(key);
            return false;
        }
    }
    return true;
}

void ScriptSession::publish(const QJSValue &topic, const QJSValue &payload, const QJSValue &options)
{
    const QString verb = QStringLiteral("publish()");
    if (!requireConnected(verb))
        return;
    Mqtt::Message message;
    message.topic = topic.toString();
    message.payload = payloadBytes(payload);
    if (options.isObject()) {
        QJSValueIterator it(options);
        while (it.hasNext()) {
            it.next();
            const QString key = it.name();
            QString problem;
            if (key == QLatin1String("qos")) {
                const int value = it.value().toInt();
                if (!it.value().isNumber() || value < 0 || value > 2)
                    problem = tr("QoS must be 0, 1 or 2");
                else
                    message.qos = Mqtt::QoS(value);
            } else if (key == QLatin1String("retain")) {
                message.retain = it.value().toBool();
            } else if (key == QLatin1String("properties")) {
                readProperties(it.value(), &message.properties, &problem);
            } else {
                problem = tr("unknown option '%1'").arg(key);
            }
            if (!problem.isEmpty()) {
                fail(QStringLiteral("%1: %2").arg(verb, problem));
                return;
            }
        }
    }
    Mqtt::Error error;
    const quint64 token = m_client.publish(message, &error);
    if (!token) {
        fail(QStringLiteral("%1: %2").arg(verb, error.text));
        return;
    }
    const WaitResult result = waitFor(AcknowledgementTimeoutMs, [this, token] {
        return m_publishResults.contains(token) ||
               m_client.state() != Mqtt::Client::State::Connected;
    });
    if (result == WaitResult::Interrupted)
        return;
    if (!m_publishResults.contains(token)) {
        fail(tr("%1: the broker did not acknowledge the message to %2").arg(verb, message.topic));
        return;
    }
    const Mqtt::Error refusal = m_publishResults.take(token);
    if (refusal)
        fail(tr("%1: the broker refused the message to %2: %3")
                     .arg(verb, message.topic, refusal.text));
}

// ---- on, expect, sleep

void ScriptSession::on(const QJSValue &filter, const QJSValue &handler)
{
    const QString text = filter.toString();
    if (const Mqtt::Error error = Mqtt::validateTopicFilter(text)) {
        fail(tr("on(): %1").arg(error.text));
        return;
    }
    if (!handler.isCallable()) {
        fail(tr("on(): the handler must be a function"));
        return;
    }
    m_handlers.append({text, handler});
}

QJSValue ScriptSession::expect(const QJSValue &filter, const QJSValue &predicate,
                               const QJSValue &timeoutMs)
{
    const QString text = filter.toString();
    if (const Mqtt::Error error = Mqtt::validateTopicFilter(text)) {
        fail(tr("expect(): %1").arg(error.text));
        return {};
    }
    QJSValue test;
    int timeout = DefaultExpectTimeoutMs;
    if (predicate.isNumber() && timeoutMs.isUndefined()) {
        timeout = predicate.toInt();
    } else {
        if (predicate.isCallable())
            test = predicate;
        else if (!predicate.isUndefined() && !predicate.isNull()) {
            fail(tr("expect(): the predicate must be a function"));
            return {};
        }
        if (timeoutMs.isNumber())
            timeout = timeoutMs.toInt();
    }
    const QDeadlineTimer deadline(qMax(0, timeout));
    quint64 scanned = 0;
    int others = 0;
    QString lastOther;
    forever {
        for (qsizetype i = 0; i < m_inbox.size(); ++i) {
            const Received &entry = m_inbox.at(i);
            if (entry.sequence <= scanned)
                continue;
            scanned = entry.sequence;
            if (!Mqtt::topicMatches(text, entry.message.topic))
                continue;
            // A copy: the predicate may change the inbox.
            const Received received = entry;
            const QJSValue object = toJs(received.message);
            bool matches = true;
            if (!test.isUndefined()) {
                const QJSValue outcome = tryCall(test, {object});
                if (isStopped())
                    return {};
                if (outcome.hasOwnProperty(QStringLiteral("error"))) {
                    m_engine.throwError(outcome.property(QStringLiteral("error")));
                    return {};
                }
                matches = outcome.property(QStringLiteral("value")).toBool();
            }
            if (matches) {
                // The inbox may have changed under the predicate (it can wait too).
                for (qsizetype j = 0; j < m_inbox.size(); ++j) {
                    if (m_inbox.at(j).sequence == received.sequence) {
                        m_inbox.removeAt(j);
                        break;
                    }
                }
                return object;
            }
            ++others;
            lastOther = QString::fromUtf8(received.message.payload);
            i = -1; // start again from the beginning, past what was scanned
        }
        // Every message so far was looked at (those expect() took earlier are gone).
        scanned = m_lastSequence;
        if (deadline.hasExpired())
            break;
        const WaitResult result = waitFor(int(deadline.remainingTime()),
                                          [this, scanned] { return m_lastSequence > scanned; });
        if (result == WaitResult::Interrupted)
            return {};
        if (result == WaitResult::TimedOut)
            break;
    }

    QString predicateText;
    if (!test.isUndefined()) {
        predicateText = argumentText(m_source, currentLine(), QStringLiteral("expect"), 1);
        if (predicateText.isEmpty())
            predicateText = tr("the predicate");
    }
    QString message = test.isUndefined()
                              ? tr("expected a message on %1 within %2 ms").arg(text).arg(timeout)
                              : tr("expected a message on %1 matching %2 within %3 ms")
                                        .arg(text, oneLine(predicateText, 80))
                                        .arg(timeout);
    if (others > 0)
        message += tr("; messages on it that did not match: %1, the last: %2")
                           .arg(others)
                           .arg(oneLine(lastOther, 60));
    else if (m_client.state() != Mqtt::Client::State::Connected)
        message += tr("; not connected");
    else if (std::none_of(m_client.activeSubscriptions().cbegin(),
                          m_client.activeSubscriptions().cend(),
                          [&text](const Mqtt::SubscribeTopic &subscription) {
                              return subscription.filter == text ||
                                     Mqtt::topicMatches(subscription.filter, text);
                          }))
        message += tr("; no subscription covers %1").arg(text);
    fail(message);
    return {};
}

void ScriptSession::sleep(const QJSValue &milliseconds)
{
    if (!milliseconds.isNumber() || milliseconds.toNumber() < 0) {
        fail(tr("sleep(): give a time in milliseconds"));
        return;
    }
    waitFor(milliseconds.toInt(), [] { return false; });
}

// ---- test, env, log

void ScriptSession::test(const QJSValue &name, const QJSValue &function)
{
    if (m_inTest) {
        fail(tr("test(): tests cannot be nested"));
        return;
    }
    if (!function.isCallable()) {
        fail(tr("test(): give a name and a function"));
        return;
    }
    TestResult result;
    result.name = name.toString();
    Q_EMIT testStarted(result.name);
    QElapsedTimer clock;
    clock.start();
    m_inTest = true;
    m_handlerErrorInTest.reset();
    const QJSValue outcome = tryCall(function, {});
    m_inTest = false;
    result.durationMs = clock.elapsed();
    if (isStopped()) {
        result.status = TestResult::Status::Interrupted;
        result.message = interruptMessage();
        result.location.fileName = m_fileName;
        m_interruptReported = true;
    } else if (outcome.hasOwnProperty(QStringLiteral("error"))) {
        const ScriptError error = errorFrom(outcome.property(QStringLiteral("error")));
        result.status = TestResult::Status::Failed;
        result.message = error.message;
        result.location = error.location;
    } else if (m_handlerErrorInTest) {
        result.status = TestResult::Status::Failed;
        result.message = m_handlerErrorInTest->message;
        result.location = m_handlerErrorInTest->location;
    }
    m_handlerErrorInTest.reset();
    m_report.tests.append(result);
    Q_EMIT testFinished(result);
}

QJSValue ScriptSession::env(const QJSValue &name)
{
    const auto it = m_settings.variables.constFind(name.toString());
    if (it == m_settings.variables.cend())
        return QJSValue(QJSValue::UndefinedValue);
    return *it;
}

void ScriptSession::writeLog(const QString &line)
{
    m_report.output.append(line);
    Q_EMIT logged(line);
}

// ---- messages and payloads

QJSValue ScriptSession::propertiesToJs(const Mqtt::Properties &properties)
{
    QJSValue object = m_engine.newObject();
    QJSValue userProperties = m_engine.newArray();
    QJSValue identifiers = m_engine.newArray();
    quint32 users = 0;
    quint32 subscriptions = 0;
    for (const Mqtt::Properties::Entry &entry : properties.entries()) {
        switch (entry.id) {
        case Mqtt::PropertyId::PayloadFormatIndicator:
            object.setProperty(QStringLiteral("payloadFormatIndicator"), entry.integer);
            break;
        case Mqtt::PropertyId::MessageExpiryInterval:
            object.setProperty(QStringLiteral("messageExpiryInterval"), entry.integer);
            break;
        case Mqtt::PropertyId::ContentType:
            object.setProperty(QStringLiteral("contentType"), QString::fromUtf8(entry.data));
            break;
        case Mqtt::PropertyId::ResponseTopic:
            object.setProperty(QStringLiteral("responseTopic"), QString::fromUtf8(entry.data));
            break;
        case Mqtt::PropertyId::CorrelationData:
            object.setProperty(QStringLiteral("correlationData"), QString::fromUtf8(entry.data));
            object.setProperty(QStringLiteral("correlationDataBytes"),
                               m_engine.toScriptValue(entry.data));
            break;
        case Mqtt::PropertyId::UserProperty: {
            QJSValue pair = m_engine.newArray(2);
            pair.setProperty(0, QString::fromUtf8(entry.data));
            pair.setProperty(1, QString::fromUtf8(entry.value));
            userProperties.setProperty(users++, pair);
            break;
        }
        case Mqtt::PropertyId::SubscriptionIdentifier:
            identifiers.setProperty(subscriptions++, entry.integer);
            break;
        default:
            break;
        }
    }
    if (users)
        object.setProperty(QStringLiteral("userProperties"), userProperties);
    if (subscriptions)
        object.setProperty(QStringLiteral("subscriptionIdentifiers"), identifiers);
    return object;
}

QJSValue ScriptSession::toJs(const Mqtt::Message &message)
{
    QJSValue object = m_engine.newObject();
    object.setProperty(QStringLiteral("topic"), message.topic);
    object.setProperty(QStringLiteral("payload"), QString::fromUtf8(message.payload));
    object.setProperty(QStringLiteral("bytes"), m_engine.toScriptValue(message.payload));
    object.setProperty(QStringLiteral("qos"), int(message.qos));
    object.setProperty(QStringLiteral("retain"), message.retain);
    object.setProperty(QStringLiteral("properties"), propertiesToJs(message.properties));
    return object;
}

QJSValue ScriptSession::parseJson(const QJSValue &text)
{
    const QJSValue source = text.isObject() && text.hasProperty(QStringLiteral("payload"))
                                    ? text.property(QStringLiteral("payload"))
                                    : text;
    const QString json = source.isString()
                                 ? source.toString()
                                 : QString::fromUtf8(bytesOf(source).value_or(QByteArray()));
    const QJSValue parsed = m_jsonParse.call({json});
    if (!parsed.isError())
        return parsed;
    QJsonParseError error;
    QJsonDocument::fromJson(json.toUtf8(), &error);
    if (error.error != QJsonParseError::NoError)
        fail(tr("json.parse(): not JSON: %1 at character %2 of \"%3\"")
                     .arg(error.errorString())
                     .arg(error.offset + 1)
                     .arg(oneLine(json, 60)));
    else
        fail(tr("json.parse(): not JSON: \"%1\"").arg(oneLine(json, 60)));
    return {};
}

std::optional<Payload::DecoderSpec> ScriptSession::usableSpec(const QJSValue &decoder,
                                                              const QString &verb)
{
    QString problem;
    std::optional<Payload::DecoderSpec> spec =
            Payload::DecoderSpec::fromString(decoder.toString(), &problem);
    if (spec)
        problem = m_payloads.check(*spec);
    if (!problem.isEmpty()) {
        fail(QStringLiteral("%1: %2").arg(verb, problem));
        return std::nullopt;
    }
    return spec;
}

QJSValue ScriptSession::decodePayload(const QJSValue &message, const QJSValue &decoder)
{
    const std::optional<Payload::DecoderSpec> spec =
            usableSpec(decoder, QStringLiteral("payload.decode()"));
    if (!spec)
        return {};
    QString topic;
    QByteArray bytes;
    if (message.isObject() && message.hasProperty(QStringLiteral("bytes"))) {
        topic = message.property(QStringLiteral("topic")).toString();
        bytes = bytesOf(message.property(QStringLiteral("bytes"))).value_or(QByteArray());
    } else {
        bytes = payloadBytes(message);
    }
    const Payload::DecodeResult result = m_payloads.decode(*spec, topic, bytes);
    if (!result.isValid()) {
        fail(tr("payload.decode(): %1").arg(result.error));
        return {};
    }
    return m_engine.toScriptValue(result.root.toJson());
}

QJSValue ScriptSession::encodePayload(const QJSValue &value, const QJSValue &decoder)
{
    const std::optional<Payload::DecoderSpec> spec =
            usableSpec(decoder, QStringLiteral("payload.encode()"));
    if (!spec)
        return {};
    // Text forms take the text itself; the binary formats take JSON.
    const bool textForm = value.isString() && (spec->decoder == Payload::Decoder::Text ||
                                               spec->decoder == Payload::Decoder::Hex ||
                                               spec->decoder == Payload::Decoder::Base64);
    const QString input = textForm ? value.toString() : m_stringify.call({value}).toString();
    const PayloadFormat::EncodeResult result = m_payloads.encode(*spec, input);
    if (!result.isValid()) {
        fail(tr("payload.encode(): %1").arg(result.error));
        return {};
    }
    return m_engine.toScriptValue(result.bytes);
}

} // namespace Script
