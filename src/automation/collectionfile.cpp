// SPDX-License-Identifier: Apache-2.0
#include "collectionfile.h"

#include "payloadformat.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

namespace CollectionFile {

namespace {

// Where a value sits in the document: object keys (QString) and array indexes (int).
using Path = QList<QVariant>;

// Finds the byte offset of the value at path in a document QJsonDocument already parsed, so
// that an error about a value can name its line. -1 when it is not there.
class Locator
{
public:
    explicit Locator(const QByteArray &json) : m_json(json) { }

    qsizetype offsetOf(const Path &path)
    {
        m_at = 0;
        skipSpace();
        for (const QVariant &step : path) {
            const bool isKey = step.typeId() == QMetaType::QString;
            if (!enter(isKey ? '{' : '['))
                return -1;
            bool found = false;
            for (int index = 0; !found; ++index) {
                skipSpace();
                if (m_at >= m_json.size() || m_json.at(m_at) == '}' || m_json.at(m_at) == ']')
                    return -1;
                if (isKey) {
                    const QString key = readString();
                    skipSpace();
                    ++m_at; // ':'
                    skipSpace();
                    found = key == step.toString();
                } else {
                    found = index == step.toInt();
                }
                if (!found) {
                    skipValue();
                    skipSpace();
                    if (m_at < m_json.size() && m_json.at(m_at) == ',')
                        ++m_at;
                }
            }
        }
        return m_at;
    }

private:
    bool enter(char bracket)
    {
        if (m_at >= m_json.size() || m_json.at(m_at) != bracket)
            return false;
        ++m_at;
        return true;
    }
    void skipSpace()
    {
        while (m_at < m_json.size() && QChar::isSpace(uchar(m_json.at(m_at))))
            ++m_at;
    }
    // At a '"': past the closing quote.
    QString readString()
    {
        const qsizetype start = m_at++;
        while (m_at < m_json.size() && m_json.at(m_at) != '"')
            m_at += m_json.at(m_at) == '\\' ? 2 : 1;
        ++m_at;
        const QJsonDocument fragment =
                QJsonDocument::fromJson('[' + m_json.mid(start, m_at - start) + ']');
        return fragment.array().at(0).toString();
    }
    void skipValue()
    {
        int depth = 0;
        while (m_at < m_json.size()) {
            const char c = m_json.at(m_at);
            if (c == '"') {
                readString();
                if (depth == 0)
                    return;
                continue;
            }
            if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                if (depth == 0)
                    return;
                if (--depth == 0) {
                    ++m_at;
                    return;
                }
            } else if (depth == 0 && (c == ',' || QChar::isSpace(uchar(c)))) {
                return;
            }
            ++m_at;
        }
    }

    const QByteArray &m_json;
    qsizetype m_at = 0;
};

struct Failure
{
    Path path;
    QString reason;
};

// Reads the document's values; the first problem is kept with its path.
class Reader
{
public:
    std::optional<Failure> failure;

    bool fail(const Path &path, const QString &reason)
    {
        if (!failure)
            failure = Failure{path, reason};
        return false;
    }

    // Only the keys named may appear in the object.
    bool checkKeys(const QJsonObject &object, const Path &path, const QStringList &allowed)
    {
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            if (!allowed.contains(it.key()))
                return fail(path + Path{it.key()},
                            QCoreApplication::translate("CollectionFile",
                                                        "unknown key \"%1\" (expected one of: %2)")
                                    .arg(it.key(), allowed.join(QStringLiteral(", "))));
        }
        return true;
    }

    bool readString(const QJsonObject &object, const Path &path, const QString &key, QString *value,
                    bool required = false)
    {
        const QJsonValue json = object.value(key);
        if (json.isUndefined()) {
            if (required)
                return fail(
                        path,
                        QCoreApplication::translate("CollectionFile", "\"%1\" is missing").arg(key));
            return true;
        }
        if (!json.isString())
            return fail(path + Path{key},
                        QCoreApplication::translate("CollectionFile", "\"%1\" must be a string")
                                .arg(key));
        *value = json.toString();
        return true;
    }

    bool readNode(const QJsonValue &json, const Path &path, CollectionNode *parent)
    {
        if (!json.isObject())
            return fail(path, QCoreApplication::translate(
                                      "CollectionFile",
                                      "an item must be an object with \"folder\" or \"name\""));
        const QJsonObject object = json.toObject();
        if (object.contains(QLatin1String("folder"))) {
            if (!checkKeys(object, path, {QStringLiteral("folder"), QStringLiteral("items")}))
                return false;
            QString name;
            if (!readString(object, path, QStringLiteral("folder"), &name, true))
                return false;
            if (name.isEmpty())
                return fail(path + Path{QStringLiteral("folder")},
                            QCoreApplication::translate("CollectionFile", "a folder needs a name"));
            CollectionNode *folder = parent->appendChild(CollectionNode::folder(name));
            return readItems(object, path, folder);
        }
        return readEntry(object, path, parent);
    }

    bool readItems(const QJsonObject &object, const Path &path, CollectionNode *folder)
    {
        const QJsonValue items = object.value(QLatin1String("items"));
        if (items.isUndefined())
            return true;
        const Path itemsPath = path + Path{QStringLiteral("items")};
        if (!items.isArray())
            return fail(itemsPath, QCoreApplication::translate("CollectionFile",
                                                               "\"items\" must be an array"));
        const QJsonArray array = items.toArray();
        for (int i = 0; i < array.size(); ++i) {
            if (!readNode(array.at(i), itemsPath + Path{i}, folder))
                return false;
        }
        return true;
    }

    // A string, or an array of lines joined with '\n' ("payload", "script").
    bool readLines(const QJsonObject &object, const Path &path, const QString &key, QString *text)
    {
        const QJsonValue value = object.value(key);
        const Path valuePath = path + Path{key};
        if (value.isString()) {
            *text = value.toString();
        } else if (value.isArray()) {
            QStringList lines;
            const QJsonArray array = value.toArray();
            for (int i = 0; i < array.size(); ++i) {
                if (!array.at(i).isString())
                    return fail(valuePath + Path{i},
                                QCoreApplication::translate("CollectionFile",
                                                            "a line of \"%1\" must be a string")
                                        .arg(key));
                lines << array.at(i).toString();
            }
            *text = lines.join(u'\n');
        } else if (!value.isUndefined()) {
            return fail(valuePath,
                        QCoreApplication::translate("CollectionFile",
                                                    "\"%1\" must be a string or an array of lines")
                                .arg(key));
        }
        return true;
    }

    // {"name": …, "script": …}: read in version 1 files too (written by hand).
    bool readScript(const QJsonObject &object, const Path &path, CollectionNode *parent)
    {
        if (!checkKeys(object, path, {QStringLiteral("name"), QStringLiteral("script")}))
            return false;
        QString name;
        CollectionMessage message;
        message.kind = CollectionMessage::Kind::Script;
        if (!readString(object, path, QStringLiteral("name"), &name, true) ||
            !readLines(object, path, QStringLiteral("script"), &message.script))
            return false;
        if (name.isEmpty())
            return fail(path + Path{QStringLiteral("name")},
                        QCoreApplication::translate("CollectionFile", "an entry needs a name"));
        parent->appendChild(CollectionNode::entry(name, message));
        return true;
    }

    bool readEntry(const QJsonObject &object, const Path &path, CollectionNode *parent)
    {
        if (object.contains(QLatin1String("script")))
            return readScript(object, path, parent);
        if (!checkKeys(object, path,
                       {QStringLiteral("name"), QStringLiteral("topic"), QStringLiteral("format"),
                        QStringLiteral("payload"), QStringLiteral("qos"), QStringLiteral("retain"),
                        QStringLiteral("properties")}))
            return false;
        QString name;
        CollectionMessage message;
        if (!readString(object, path, QStringLiteral("name"), &name, true) ||
            !readString(object, path, QStringLiteral("topic"), &message.topic, true))
            return false;
        if (name.isEmpty())
            return fail(path + Path{QStringLiteral("name")},
                        QCoreApplication::translate("CollectionFile", "an entry needs a name"));
        QString format;
        if (!readString(object, path, QStringLiteral("format"), &format))
            return false;
        if (!format.isEmpty()) {
            QString why;
            const std::optional<Payload::DecoderSpec> spec =
                    Payload::DecoderSpec::fromString(format, &why);
            if (!spec)
                return fail(path + Path{QStringLiteral("format")}, why);
            message.format = *spec;
        }
        if (!readLines(object, path, QStringLiteral("payload"), &message.payload))
            return false;
        const QJsonValue qos = object.value(QLatin1String("qos"));
        if (!qos.isUndefined()) {
            const int level = qos.toInt(-1);
            if (!qos.isDouble() || level < 0 || level > 2 || qos.toDouble() != level)
                return fail(
                        path + Path{QStringLiteral("qos")},
                        QCoreApplication::translate("CollectionFile", "the QoS must be 0, 1 or 2"));
            message.qos = Mqtt::QoS(level);
        }
        const QJsonValue retain = object.value(QLatin1String("retain"));
        if (!retain.isUndefined()) {
            if (!retain.isBool())
                return fail(path + Path{QStringLiteral("retain")},
                            QCoreApplication::translate("CollectionFile",
                                                        "\"retain\" must be true or false"));
            message.retain = retain.toBool();
        }
        const QJsonValue properties = object.value(QLatin1String("properties"));
        if (!properties.isUndefined() &&
            !readProperties(properties, path + Path{QStringLiteral("properties")}, &message))
            return false;
        parent->appendChild(CollectionNode::entry(name, message));
        return true;
    }

    bool readProperties(const QJsonValue &json, const Path &path, CollectionMessage *message)
    {
        if (!json.isObject())
            return fail(path, QCoreApplication::translate("CollectionFile",
                                                          "\"properties\" must be an object"));
        const QJsonObject object = json.toObject();
        if (!checkKeys(object, path,
                       {QStringLiteral("contentType"), QStringLiteral("payloadFormat"),
                        QStringLiteral("messageExpiryInterval"), QStringLiteral("responseTopic"),
                        QStringLiteral("correlationData"), QStringLiteral("correlationDataHex"),
                        QStringLiteral("userProperties")}))
            return false;
        QString indicator;
        QString hex;
        if (!readString(object, path, QStringLiteral("contentType"), &message->contentType) ||
            !readString(object, path, QStringLiteral("responseTopic"), &message->responseTopic) ||
            !readString(object, path, QStringLiteral("correlationData"),
                        &message->correlationData) ||
            !readString(object, path, QStringLiteral("correlationDataHex"), &hex) ||
            !readString(object, path, QStringLiteral("payloadFormat"), &indicator))
            return false;
        if (!hex.isEmpty()) {
            if (!message->correlationData.isEmpty())
                return fail(
                        path + Path{QStringLiteral("correlationDataHex")},
                        QCoreApplication::translate(
                                "CollectionFile",
                                "give \"correlationData\" or \"correlationDataHex\", not both"));
            if (!PayloadFormat::encode(hex, PayloadFormat::Format::Hex).isValid())
                return fail(path + Path{QStringLiteral("correlationDataHex")},
                            QCoreApplication::translate(
                                    "CollectionFile",
                                    "\"correlationDataHex\" must be pairs of hex digits"));
            message->correlationData = hex;
            message->correlationFormat = CollectionMessage::CorrelationFormat::Hex;
        }
        if (indicator == QLatin1String("utf-8"))
            message->payloadIndicator = CollectionMessage::PayloadIndicator::Utf8;
        else if (!indicator.isEmpty() && indicator != QLatin1String("unspecified"))
            return fail(path + Path{QStringLiteral("payloadFormat")},
                        QCoreApplication::translate(
                                "CollectionFile",
                                "\"payloadFormat\" must be \"utf-8\" or \"unspecified\""));
        const QJsonValue expiry = object.value(QLatin1String("messageExpiryInterval"));
        if (!expiry.isUndefined()) {
            const double seconds = expiry.toDouble(-1);
            if (!expiry.isDouble() || seconds < 0 || seconds > 4294967295.0 ||
                seconds != qint64(seconds))
                return fail(path + Path{QStringLiteral("messageExpiryInterval")},
                            QCoreApplication::translate(
                                    "CollectionFile",
                                    "the message expiry interval must be whole seconds from 0 to "
                                    "4294967295"));
            message->messageExpiryInterval = quint32(seconds);
        }
        const QJsonValue users = object.value(QLatin1String("userProperties"));
        const Path usersPath = path + Path{QStringLiteral("userProperties")};
        if (users.isUndefined())
            return true;
        if (!users.isArray())
            return fail(usersPath,
                        QCoreApplication::translate("CollectionFile",
                                                    "\"userProperties\" must be an array"));
        const QJsonArray array = users.toArray();
        for (int i = 0; i < array.size(); ++i) {
            const Path userPath = usersPath + Path{i};
            const QJsonObject pair = array.at(i).toObject();
            QString name;
            QString value;
            if (!array.at(i).isObject())
                return fail(userPath,
                            QCoreApplication::translate(
                                    "CollectionFile",
                                    "a user property must be {\"name\": …, \"value\": …}"));
            if (!checkKeys(pair, userPath, {QStringLiteral("name"), QStringLiteral("value")}) ||
                !readString(pair, userPath, QStringLiteral("name"), &name, true) ||
                !readString(pair, userPath, QStringLiteral("value"), &value, true))
                return false;
            message->userProperties.append({name, value});
        }
        return true;
    }

    bool readEnvironments(const QJsonObject &object, QList<Environment> *environments)
    {
        const QJsonValue json = object.value(QLatin1String("environments"));
        const Path path{QStringLiteral("environments")};
        if (json.isUndefined())
            return true;
        if (!json.isArray())
            return fail(path, QCoreApplication::translate("CollectionFile",
                                                          "\"environments\" must be an array"));
        const QJsonArray array = json.toArray();
        for (int i = 0; i < array.size(); ++i) {
            const Path itemPath = path + Path{i};
            if (!array.at(i).isObject())
                return fail(itemPath,
                            QCoreApplication::translate("CollectionFile",
                                                        "an environment must be an object"));
            const QJsonObject item = array.at(i).toObject();
            Environment environment;
            if (!checkKeys(item, itemPath, {QStringLiteral("name"), QStringLiteral("variables")}) ||
                !readString(item, itemPath, QStringLiteral("name"), &environment.name, true))
                return false;
            if (environment.name.isEmpty())
                return fail(itemPath + Path{QStringLiteral("name")},
                            QCoreApplication::translate("CollectionFile",
                                                        "an environment needs a name"));
            if (findEnvironment(*environments, environment.name))
                return fail(itemPath + Path{QStringLiteral("name")},
                            QCoreApplication::translate("CollectionFile",
                                                        "a second environment called \"%1\"")
                                    .arg(environment.name));
            const QJsonValue variables = item.value(QLatin1String("variables"));
            const Path variablesPath = itemPath + Path{QStringLiteral("variables")};
            if (!variables.isUndefined() && !variables.isObject())
                return fail(variablesPath,
                            QCoreApplication::translate(
                                    "CollectionFile",
                                    "\"variables\" must be an object of NAME: value"));
            const QJsonObject values = variables.toObject();
            for (auto it = values.constBegin(); it != values.constEnd(); ++it) {
                if (!Environment::isValidName(it.key()))
                    return fail(
                            variablesPath + Path{it.key()},
                            QCoreApplication::translate(
                                    "CollectionFile",
                                    "\"%1\" is not a variable name: it must start with a letter "
                                    "or '_' and hold letters, digits, '_', '-' or '.'")
                                    .arg(it.key()));
                if (!it.value().isString())
                    return fail(variablesPath + Path{it.key()},
                                QCoreApplication::translate("CollectionFile",
                                                            "the value of %1 must be a string")
                                        .arg(it.key()));
                environment.values.insert(it.key(), it.value().toString());
            }
            environments->append(environment);
        }
        return true;
    }
};

// Line and column (from 1) of a byte offset in UTF-8 text.
void lineAndColumn(const QByteArray &json, qsizetype offset, int *line, int *column)
{
    const QByteArray before = json.left(qMax<qsizetype>(0, offset));
    *line = int(before.count('\n')) + 1;
    *column = int(QString::fromUtf8(before.mid(before.lastIndexOf('\n') + 1)).size()) + 1;
}

// Multi-line text as an array of its lines, so that a change to one line is one line of a diff.
QJsonValue linesToJson(const QString &text)
{
    if (text.contains(u'\n'))
        return QJsonArray::fromStringList(text.split(u'\n'));
    return text;
}

bool containsScript(const CollectionNode &node)
{
    if (!node.isFolder())
        return node.message().isScript();
    for (int row = 0; row < node.childCount(); ++row) {
        if (containsScript(*node.child(row)))
            return true;
    }
    return false;
}

QJsonValue nodeToJson(const CollectionNode &node)
{
    QJsonObject object;
    if (node.isFolder()) {
        object.insert(QLatin1String("folder"), node.name());
        QJsonArray items;
        for (int row = 0; row < node.childCount(); ++row)
            items.append(nodeToJson(*node.child(row)));
        object.insert(QLatin1String("items"), items);
        return object;
    }
    const CollectionMessage &message = node.message();
    object.insert(QLatin1String("name"), node.name());
    if (message.isScript()) {
        object.insert(QLatin1String("script"), linesToJson(message.script));
        return object;
    }
    object.insert(QLatin1String("topic"), message.topic);
    object.insert(QLatin1String("format"), message.format.toString());
    object.insert(QLatin1String("payload"), linesToJson(message.payload));
    object.insert(QLatin1String("qos"), int(message.qos));
    object.insert(QLatin1String("retain"), message.retain);
    if (!message.hasProperties())
        return object;
    QJsonObject properties;
    if (!message.contentType.isEmpty())
        properties.insert(QLatin1String("contentType"), message.contentType);
    if (message.payloadIndicator == CollectionMessage::PayloadIndicator::Utf8)
        properties.insert(QLatin1String("payloadFormat"), QStringLiteral("utf-8"));
    if (message.messageExpiryInterval != 0)
        properties.insert(QLatin1String("messageExpiryInterval"),
                          qint64(message.messageExpiryInterval));
    if (!message.responseTopic.isEmpty())
        properties.insert(QLatin1String("responseTopic"), message.responseTopic);
    if (!message.correlationData.isEmpty())
        properties.insert(message.correlationFormat == CollectionMessage::CorrelationFormat::Hex
                                  ? QLatin1String("correlationDataHex")
                                  : QLatin1String("correlationData"),
                          message.correlationData);
    if (!message.userProperties.isEmpty()) {
        QJsonArray users;
        for (const auto &[name, value] : message.userProperties)
            users.append(
                    QJsonObject{{QStringLiteral("name"), name}, {QStringLiteral("value"), value}});
        properties.insert(QLatin1String("userProperties"), users);
    }
    object.insert(QLatin1String("properties"), properties);
    return object;
}

} // namespace

QString LoadError::text() const
{
    if (line <= 0)
        return QCoreApplication::translate("CollectionFile", "%1: %2").arg(fileName, reason);
    return QCoreApplication::translate("CollectionFile", "%1:%2:%3: %4")
            .arg(fileName)
            .arg(line)
            .arg(column)
            .arg(reason);
}

QByteArray toJson(const Collection &collection)
{
    QJsonObject object;
    // Version 1 unless version 2's script entries are there: older builds read the rest.
    object.insert(QLatin1String("version"), containsScript(*collection.root()) ? Version : 1);
    object.insert(QLatin1String("name"), collection.name());
    QJsonArray environments;
    for (const Environment &environment : collection.environments()) {
        QJsonObject variables;
        for (auto it = environment.values.constBegin(); it != environment.values.constEnd(); ++it)
            variables.insert(it.key(), it.value());
        environments.append(QJsonObject{{QStringLiteral("name"), environment.name},
                                        {QStringLiteral("variables"), variables}});
    }
    object.insert(QLatin1String("environments"), environments);
    const QJsonObject root = nodeToJson(*collection.root()).toObject();
    object.insert(QLatin1String("items"), root.value(QLatin1String("items")));
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

std::optional<Collection> fromJson(const QByteArray &json, const QString &fileName, LoadError *error)
{
    LoadError problem;
    problem.fileName = fileName;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        lineAndColumn(json, parseError.offset, &problem.line, &problem.column);
        problem.reason = QCoreApplication::translate("CollectionFile", "not valid JSON: %1")
                                 .arg(parseError.errorString());
        *error = problem;
        return std::nullopt;
    }
    Reader reader;
    Collection collection(QFileInfo(fileName).completeBaseName());
    const QJsonObject object = document.object();
    QList<Environment> environments;
    const QJsonValue version = object.value(QLatin1String("version"));
    if (!document.isObject()) {
        reader.fail({}, QCoreApplication::translate("CollectionFile",
                                                    "a collection file holds one JSON object"));
    } else if (!version.isDouble() || version.toDouble() < 1 ||
               version.toDouble() != version.toInt()) {
        reader.fail(version.isUndefined() ? Path{} : Path{QStringLiteral("version")},
                    QCoreApplication::translate(
                            "CollectionFile",
                            "\"version\" must be a whole number from 1: this is not a Switchboard "
                            "collection"));
    } else if (version.toInt() > Version) {
        reader.fail(
                {QStringLiteral("version")},
                QCoreApplication::translate(
                        "CollectionFile",
                        "version %1 was written by a newer Switchboard (this one reads up to %2)")
                        .arg(version.toInt())
                        .arg(Version));
    } else if (reader.checkKeys(object, {},
                                {QStringLiteral("version"), QStringLiteral("name"),
                                 QStringLiteral("environments"), QStringLiteral("items")})) {
        QString name = collection.name();
        if (reader.readString(object, {}, QStringLiteral("name"), &name) &&
            reader.readEnvironments(object, &environments))
            reader.readItems(object, {}, collection.root());
        collection.setName(name);
    }
    if (reader.failure) {
        const qsizetype offset = Locator(json).offsetOf(reader.failure->path);
        lineAndColumn(json, offset < 0 ? 0 : offset, &problem.line, &problem.column);
        problem.reason = reader.failure->reason;
        *error = problem;
        return std::nullopt;
    }
    collection.setEnvironments(environments);
    return collection;
}

std::optional<Collection> read(const QString &path, LoadError *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        error->fileName = path;
        error->line = 0;
        error->reason = file.errorString();
        return std::nullopt;
    }
    return fromJson(file.readAll(), path, error);
}

bool write(const Collection &collection, const QString &path, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(toJson(collection)) < 0 || !file.commit()) {
        *error = QCoreApplication::translate("CollectionFile", "Could not write %1: %2")
                         .arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace CollectionFile
