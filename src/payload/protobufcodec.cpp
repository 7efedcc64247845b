// SPDX-License-Identifier: Apache-2.0
#include "protobufcodec.h"

#include "protobufsupport.h"
#include "textcodecs.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QRegularExpression>

#include <google/protobuf/compiler/importer.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/unknown_field_set.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/wire_format.h>
#include <google/protobuf/wire_format_lite.h>

#include <algorithm>

namespace gp = google::protobuf;

namespace Payload {

namespace Protobuf {

namespace {

Q_LOGGING_CATEGORY(logPayload, "switchboard.payload")

void logLibraryMessage(gp::LogLevel level, const char *file, int line, const std::string &message)
{
    if (level >= gp::LOGLEVEL_FATAL)
        qFatal("libprotobuf %s:%d: %s", file, line, message.c_str());
    qCDebug(logPayload, "libprotobuf %s:%d: %s", file, line, message.c_str());
}

using WireType = gp::internal::WireFormatLite::WireType;

QString wireTypeName(int wireType)
{
    switch (wireType) {
    case gp::internal::WireFormatLite::WIRETYPE_VARINT:
        return QStringLiteral("varint");
    case gp::internal::WireFormatLite::WIRETYPE_FIXED64:
        return QStringLiteral("64-bit");
    case gp::internal::WireFormatLite::WIRETYPE_LENGTH_DELIMITED:
        return QStringLiteral("length-delimited");
    case gp::internal::WireFormatLite::WIRETYPE_START_GROUP:
        return QStringLiteral("start group");
    case gp::internal::WireFormatLite::WIRETYPE_END_GROUP:
        return QStringLiteral("end group");
    case gp::internal::WireFormatLite::WIRETYPE_FIXED32:
        return QStringLiteral("32-bit");
    default:
        break;
    }
    return QStringLiteral("invalid (%1)").arg(wireType);
}

constexpr int maximumDepth = 100; // protobuf's own recursion limit

bool checkMessage(const uchar *data, int size, const gp::Descriptor *type, qsizetype base,
                  int depth, qsizetype *offset, QString *reason)
{
    gp::io::CodedInputStream input(data, size);
    while (true) {
        const int fieldStart = input.CurrentPosition();
        if (fieldStart >= size)
            return true;
        const quint32 tag = input.ReadTag();
        const auto fail = [&](qsizetype at, const QString &why) {
            *offset = base + at;
            *reason = why;
            return false;
        };
        if (tag == 0)
            return fail(fieldStart,
                        QCoreApplication::translate(
                                "Payload", "invalid field key (field number 0 or a truncated "
                                           "varint)"));
        const int number = gp::internal::WireFormatLite::GetTagFieldNumber(tag);
        const int wireType = gp::internal::WireFormatLite::GetTagWireType(tag);
        const gp::FieldDescriptor *field = type ? type->FindFieldByNumber(number) : nullptr;
        if (field) {
            const int expected = gp::internal::WireFormat::WireTypeForFieldType(field->type());
            const bool packed = field->is_repeated() && field->is_packable() &&
                                wireType == gp::internal::WireFormatLite::WIRETYPE_LENGTH_DELIMITED;
            if (wireType != expected && !packed)
                return fail(
                        fieldStart,
                        QCoreApplication::translate(
                                "Payload",
                                "field %1 (%2) is declared %3 (%4) but the payload has a %5 value "
                                "there: a different message type?")
                                .arg(number)
                                .arg(QString::fromStdString(field->name()),
                                     QString::fromLatin1(field->type_name()),
                                     wireTypeName(expected), wireTypeName(wireType)));
        }
        if (wireType == gp::internal::WireFormatLite::WIRETYPE_LENGTH_DELIMITED) {
            quint32 length = 0;
            if (!input.ReadVarint32(&length))
                return fail(fieldStart, QCoreApplication::translate(
                                                "Payload", "field %1: its length is truncated")
                                                .arg(number));
            const int start = input.CurrentPosition();
            if (length > quint32(size - start))
                return fail(
                        fieldStart,
                        QCoreApplication::translate(
                                "Payload", "field %1: length %2 runs past the end (%3 bytes left)")
                                .arg(number)
                                .arg(length)
                                .arg(size - start));
            if (field && field->type() == gp::FieldDescriptor::TYPE_MESSAGE) {
                if (depth >= maximumDepth)
                    return fail(fieldStart, QCoreApplication::translate(
                                                    "Payload", "messages nested too deeply"));
                if (!checkMessage(data + start, int(length), field->message_type(), base + start,
                                  depth + 1, offset, reason))
                    return false;
            }
            input.Skip(int(length));
            continue;
        }
        if (wireType == gp::internal::WireFormatLite::WIRETYPE_END_GROUP)
            return fail(fieldStart,
                        QCoreApplication::translate("Payload",
                                                    "field %1: end of a group that was not started")
                                .arg(number));
        if (!gp::internal::WireFormatLite::SkipField(&input, tag))
            return fail(fieldStart, QCoreApplication::translate(
                                            "Payload", "field %1 (%2) is truncated or malformed")
                                            .arg(number)
                                            .arg(wireTypeName(wireType)));
    }
}

} // namespace

void routeLibraryLogs()
{
    static const bool routed = [] {
        gp::SetLogHandler(&logLibraryMessage);
        return true;
    }();
    Q_UNUSED(routed);
}

bool checkWireFormat(QByteArrayView bytes, const gp::Descriptor *type, qsizetype *offset,
                     QString *reason)
{
    if (bytes.size() > std::numeric_limits<int>::max()) {
        *offset = 0;
        *reason = QCoreApplication::translate("Payload", "too large for protobuf (2 GiB at most)");
        return false;
    }
    return checkMessage(reinterpret_cast<const uchar *>(bytes.data()), int(bytes.size()), type, 0,
                        0, offset, reason);
}

std::unique_ptr<gp::Message> parseMessage(QByteArrayView bytes, const gp::Descriptor *type,
                                          gp::MessageFactory *factory, qsizetype *offset,
                                          QString *reason)
{
    if (!checkWireFormat(bytes, type, offset, reason))
        return nullptr;
    std::unique_ptr<gp::Message> message(factory->GetPrototype(type)->New());
    if (!message->ParsePartialFromArray(bytes.data(), int(bytes.size()))) {
        *offset = -1;
        *reason = QCoreApplication::translate(
                          "Payload", "does not parse as %1 (invalid UTF-8 in a string field?)")
                          .arg(QString::fromStdString(type->full_name()));
        return nullptr;
    }
    if (!message->IsInitialized()) {
        *offset = -1;
        *reason = QCoreApplication::translate("Payload", "required fields missing: %1")
                          .arg(QString::fromStdString(message->InitializationErrorString()));
        return nullptr;
    }
    return message;
}

namespace {

void addUnknownFields(Node *node, const gp::UnknownFieldSet &fields, int *unknown)
{
    using Kind = Node::Kind;
    for (int i = 0; i < fields.field_count(); ++i) {
        const gp::UnknownField &field = fields.field(i);
        const QString name = QStringLiteral("#%1").arg(field.number());
        const QString type = QCoreApplication::translate("Payload", "unknown field");
        switch (field.type()) {
        case gp::UnknownField::TYPE_VARINT:
            node->add(name, Node::scalar(Kind::UnsignedInteger, quint64(field.varint()), type));
            break;
        case gp::UnknownField::TYPE_FIXED32:
            node->add(name, Node::scalar(Kind::UnsignedInteger, quint64(field.fixed32()), type));
            break;
        case gp::UnknownField::TYPE_FIXED64:
            node->add(name, Node::scalar(Kind::UnsignedInteger, quint64(field.fixed64()), type));
            break;
        case gp::UnknownField::TYPE_LENGTH_DELIMITED:
            node->add(name, Node::scalar(Kind::Bytes,
                                         QByteArray::fromStdString(field.length_delimited()), type));
            break;
        case gp::UnknownField::TYPE_GROUP: {
            Node group = Node::map(type);
            addUnknownFields(&group, field.group(), unknown);
            node->add(name, std::move(group));
            break;
        }
        }
        if (unknown)
            ++*unknown;
    }
}

} // namespace

Node fieldNode(const gp::Message &message, const gp::FieldDescriptor *field, int index, int *unknown)
{
    using Kind = Node::Kind;
    using Cpp = gp::FieldDescriptor;
    const gp::Reflection *reflection = message.GetReflection();
    const bool repeated = index >= 0;
    const QString type = QString::fromLatin1(field->type_name());
    switch (field->cpp_type()) {
    case Cpp::CPPTYPE_INT32:
        return Node::scalar(Kind::Integer,
                            qint64(repeated ? reflection->GetRepeatedInt32(message, field, index)
                                            : reflection->GetInt32(message, field)),
                            type);
    case Cpp::CPPTYPE_INT64:
        return Node::scalar(Kind::Integer,
                            qint64(repeated ? reflection->GetRepeatedInt64(message, field, index)
                                            : reflection->GetInt64(message, field)),
                            type);
    case Cpp::CPPTYPE_UINT32:
        return Node::scalar(Kind::UnsignedInteger,
                            quint64(repeated ? reflection->GetRepeatedUInt32(message, field, index)
                                             : reflection->GetUInt32(message, field)),
                            type);
    case Cpp::CPPTYPE_UINT64:
        return Node::scalar(Kind::UnsignedInteger,
                            quint64(repeated ? reflection->GetRepeatedUInt64(message, field, index)
                                             : reflection->GetUInt64(message, field)),
                            type);
    case Cpp::CPPTYPE_DOUBLE:
        return Node::scalar(Kind::Double,
                            repeated ? reflection->GetRepeatedDouble(message, field, index)
                                     : reflection->GetDouble(message, field),
                            type);
    case Cpp::CPPTYPE_FLOAT:
        return Node::scalar(Kind::Double,
                            double(repeated ? reflection->GetRepeatedFloat(message, field, index)
                                            : reflection->GetFloat(message, field)),
                            type);
    case Cpp::CPPTYPE_BOOL:
        return Node::scalar(Kind::Boolean,
                            repeated ? reflection->GetRepeatedBool(message, field, index)
                                     : reflection->GetBool(message, field),
                            type);
    case Cpp::CPPTYPE_ENUM: {
        const gp::EnumValueDescriptor *value =
                repeated ? reflection->GetRepeatedEnum(message, field, index)
                         : reflection->GetEnum(message, field);
        return Node::scalar(Kind::String, QString::fromStdString(value->name()),
                            QStringLiteral("%1 = %2")
                                    .arg(QString::fromStdString(field->enum_type()->name()))
                                    .arg(value->number()));
    }
    case Cpp::CPPTYPE_STRING: {
        const std::string text = repeated ? reflection->GetRepeatedString(message, field, index)
                                          : reflection->GetString(message, field);
        if (field->type() == Cpp::TYPE_BYTES)
            return Node::scalar(Kind::Bytes, QByteArray::fromStdString(text), type);
        return Node::scalar(Kind::String, QString::fromStdString(text), type);
    }
    case Cpp::CPPTYPE_MESSAGE: {
        const gp::Message &child = repeated ? reflection->GetRepeatedMessage(message, field, index)
                                            : reflection->GetMessage(message, field);
        Node node = messageNode(child, unknown);
        node.type = QString::fromStdString(field->message_type()->full_name());
        return node;
    }
    }
    return Node();
}

Node messageNode(const gp::Message &message, int *unknown)
{
    Node node = Node::map(QString::fromStdString(message.GetDescriptor()->full_name()));
    const gp::Reflection *reflection = message.GetReflection();
    std::vector<const gp::FieldDescriptor *> fields;
    reflection->ListFields(message, &fields);
    for (const gp::FieldDescriptor *field : fields) {
        const QString name = QString::fromStdString(field->name());
        if (!field->is_repeated()) {
            node.add(name, fieldNode(message, field, -1, unknown));
            continue;
        }
        Node list = Node::array(
                QStringLiteral("repeated %1")
                        .arg(field->message_type()
                                     ? QString::fromStdString(field->message_type()->full_name())
                                     : QString::fromLatin1(field->type_name())));
        const int count = reflection->FieldSize(message, field);
        for (int i = 0; i < count; ++i)
            list.add(QString::number(i), fieldNode(message, field, i, unknown));
        node.add(name, std::move(list));
    }
    addUnknownFields(&node, reflection->GetUnknownFields(message), unknown);
    return node;
}

} // namespace Protobuf

namespace {

// Collects the importer's errors as "file:line:column: message" (lines counted from 1).
class ErrorCollector : public gp::compiler::MultiFileErrorCollector
{
public:
    explicit ErrorCollector(gp::compiler::DiskSourceTree *tree) : m_tree(tree) { }
    void AddError(const std::string &fileName, int line, int column,
                  const std::string &message) override
    {
        std::string diskFile;
        QString name = QString::fromStdString(fileName);
        if (m_tree->VirtualFileToDiskFile(fileName, &diskFile))
            name = QString::fromStdString(diskFile);
        if (line >= 0)
            name += QStringLiteral(":%1:%2").arg(line + 1).arg(column + 1);
        m_errors.append(QStringLiteral("%1: %2").arg(name, QString::fromStdString(message)));
    }
    QStringList m_errors;

private:
    gp::compiler::DiskSourceTree *m_tree;
};

void collectMessageTypes(const gp::Descriptor *type, QStringList *names)
{
    names->append(QString::fromStdString(type->full_name()));
    for (int i = 0; i < type->nested_type_count(); ++i)
        collectMessageTypes(type->nested_type(i), names);
}

} // namespace

struct ProtobufSchemas::Private
{
    QStringList folders;
    QStringList messageTypes;
    // Declared in this order so that they are destroyed in the reverse: messages made by the
    // factory refer to the importer's pool, which refers to the source tree.
    std::unique_ptr<gp::compiler::DiskSourceTree> sourceTree;
    std::unique_ptr<ErrorCollector> errorCollector;
    std::unique_ptr<gp::compiler::Importer> importer;
    std::unique_ptr<gp::DynamicMessageFactory> factory;
    QStringList errors;

    const gp::Descriptor *find(const QString &name) const
    {
        return importer ? importer->pool()->FindMessageTypeByName(name.toStdString()) : nullptr;
    }
};

ProtobufSchemas::ProtobufSchemas() : d(std::make_unique<Private>())
{
    Protobuf::routeLibraryLogs();
}

ProtobufSchemas::~ProtobufSchemas()
{
    d->factory.reset();
    d->importer.reset();
}

bool ProtobufSchemas::load(const QStringList &folders)
{
    d->factory.reset();
    d->importer.reset();
    d->sourceTree = std::make_unique<gp::compiler::DiskSourceTree>();
    d->errorCollector = std::make_unique<ErrorCollector>(d->sourceTree.get());
    d->folders = folders;
    d->messageTypes.clear();
    d->errors.clear();
    for (const QString &folder : folders) {
        if (!QFileInfo(folder).isDir()) {
            d->errors.append(QCoreApplication::translate("Payload", "%1: not a folder").arg(folder));
            continue;
        }
        d->sourceTree->MapPath("", QDir(folder).absolutePath().toStdString());
    }
    // The well-known types (google/protobuf/timestamp.proto, ...) as Debian installs them.
    const QString wellKnown = QStringLiteral("/usr/include");
    if (QFileInfo::exists(wellKnown + QStringLiteral("/google/protobuf/timestamp.proto")))
        d->sourceTree->MapPath("", wellKnown.toStdString());
    d->importer =
            std::make_unique<gp::compiler::Importer>(d->sourceTree.get(), d->errorCollector.get());
    d->factory = std::make_unique<gp::DynamicMessageFactory>(d->importer->pool());
    for (const QString &folder : folders) {
        if (!QFileInfo(folder).isDir())
            continue;
        // Absolute, as mapped into the source tree: the importer names files relative to it.
        const QDir root(QDir(folder).absolutePath());
        QStringList files;
        QDirIterator it(root.path(), {QStringLiteral("*.proto")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            files.append(root.relativeFilePath(it.next()));
        files.sort();
        for (const QString &file : files) {
            const gp::FileDescriptor *descriptor = d->importer->Import(file.toStdString());
            if (!descriptor)
                continue;
            for (int i = 0; i < descriptor->message_type_count(); ++i)
                collectMessageTypes(descriptor->message_type(i), &d->messageTypes);
        }
    }
    d->errors += d->errorCollector->m_errors;
    d->messageTypes.sort();
    d->messageTypes.removeDuplicates();
    return d->errors.isEmpty();
}

QStringList ProtobufSchemas::folders() const
{
    return d->folders;
}

QStringList ProtobufSchemas::errors() const
{
    return d->errors;
}

QStringList ProtobufSchemas::messageTypes() const
{
    return d->messageTypes;
}

bool ProtobufSchemas::hasMessageType(const QString &fullName) const
{
    return d->find(fullName) != nullptr;
}

DecodeResult ProtobufSchemas::decode(QByteArrayView payload, const QString &messageType) const
{
    const gp::Descriptor *type = d->find(messageType);
    if (!type)
        return DecodeResult::failure(
                Decoder::Protobuf, payload, -1,
                QCoreApplication::translate("Payload", "no message type %1 in the .proto files")
                        .arg(messageType));
    qsizetype offset = -1;
    QString reason;
    const std::unique_ptr<gp::Message> message =
            Protobuf::parseMessage(payload, type, d->factory.get(), &offset, &reason);
    if (!message)
        return DecodeResult::failure(
                Decoder::Protobuf, payload, offset,
                offset >= 0 ? QCoreApplication::translate("Payload", "not %1: %2 at byte %3")
                                      .arg(messageType, reason)
                                      .arg(offset)
                            : QCoreApplication::translate("Payload", "not %1: %2")
                                      .arg(messageType, reason));
    int unknown = 0;
    DecodeResult result =
            DecodeResult::success(Decoder::Protobuf, Protobuf::messageNode(*message, &unknown));
    if (unknown > 0)
        result.warnings.append(QCoreApplication::translate("Payload",
                                                           "%Ln field(s) not declared in %1",
                                                           nullptr, unknown)
                                       .arg(messageType));
    return result;
}

namespace {

// Where in the JSON the field of protobuf's JSON parser error is: "(location.latitude):
// invalid value …", "(location) nope: Cannot find field." name the path of keys; the result
// is the character offset of the last key (its opening quote), found key after key, or -1.
qsizetype jsonFieldOffset(const QString &json, const QString &reason)
{
    static const QRegularExpression pattern(
            QStringLiteral(R"(^(?:\(([^)]*)\))?\s*(?:([\w]+): Cannot find field)?)"));
    const QRegularExpressionMatch match = pattern.match(reason);
    QStringList keys;
    for (const QString &part : match.captured(1).split(u'.', Qt::SkipEmptyParts))
        keys << part.section(u'[', 0, 0); // "samples[1]": the key of the array
    if (!match.captured(2).isEmpty())
        keys << match.captured(2);
    if (keys.isEmpty())
        return -1;
    qsizetype at = 0;
    qsizetype found = -1;
    for (const QString &key : std::as_const(keys)) {
        const QRegularExpression keyPattern(
                QStringLiteral("\"%1\"\\s*:").arg(QRegularExpression::escape(key)));
        const QRegularExpressionMatch keyMatch = keyPattern.match(json, at);
        if (!keyMatch.hasMatch())
            return -1;
        found = keyMatch.capturedStart();
        at = keyMatch.capturedEnd();
    }
    return found;
}

} // namespace

PayloadFormat::EncodeResult ProtobufSchemas::encode(const QString &json,
                                                    const QString &messageType) const
{
    PayloadFormat::EncodeResult result;
    const gp::Descriptor *type = d->find(messageType);
    if (!type) {
        result.error =
                QCoreApplication::translate("Payload", "no message type %1 in the .proto files")
                        .arg(messageType);
        return result;
    }
    // JSON syntax first: its parser says at which character, protobuf's does not.
    if (!parseJsonInput(json, &result))
        return result;
    std::unique_ptr<gp::Message> message(d->factory->GetPrototype(type)->New());
    const gp::util::Status status =
            gp::util::JsonStringToMessage(json.toStdString(), message.get());
    if (!status.ok()) {
        const QString reason = QString::fromStdString(std::string(status.message()));
        result.error = QCoreApplication::translate("Payload", "not JSON for %1: %2")
                               .arg(messageType, reason);
        result.errorOffset = jsonFieldOffset(json, reason);
        return result;
    }
    if (!message->IsInitialized()) {
        result.error = QCoreApplication::translate("Payload", "required fields missing: %1")
                               .arg(QString::fromStdString(message->InitializationErrorString()));
        return result;
    }
    result.bytes = QByteArray::fromStdString(message->SerializeAsString());
    return result;
}

} // namespace Payload
