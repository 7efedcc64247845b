// SPDX-License-Identifier: Apache-2.0
// libFuzzer target: protobuf dynamic messages (src/payload/protobufcodec) with the committed
// schema in protos/fuzz (every scalar type, nesting, recursion, packed and unpacked repeated
// fields, maps, a oneof, proto2 groups, required fields and extensions). Input: the first byte
// picks the message type (fuzz.Everything, fuzz.Everything.Nested, fuzz.Legacy, modulo 3),
// the rest is the payload.
//
// The reference is libprotobuf's own parser over the same schema: our decoder accepts exactly
// what it accepts with the required fields set, but for a declared field with a wire type its
// declaration does not allow outside groups (libprotobuf keeps it as an unknown field, we
// refuse: most likely a different message type). A payload that does not decode must say why and
// where; one that does must print as JSON.
#include "payloadfuzz.h"
#include "protobufcodec.h"

#include <google/protobuf/compiler/importer.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/unknown_field_set.h>
#include <google/protobuf/wire_format.h>

#include <iterator>
#include <memory>
#include <vector>

using namespace Payload;
namespace gp = google::protobuf;

namespace {

const char *const Types[] = {"fuzz.Everything", "fuzz.Everything.Nested", "fuzz.Legacy"};

class SilentErrors : public gp::compiler::MultiFileErrorCollector
{
public:
    void AddError(const std::string &file, int line, int column, const std::string &message) override
    {
        std::fprintf(stderr, "%s:%d:%d: %s\n", file.c_str(), line, column, message.c_str());
    }
};

// libprotobuf's own view of the schema, apart from ProtobufSchemas.
struct Reference
{
    gp::compiler::DiskSourceTree tree;
    SilentErrors errors;
    std::unique_ptr<gp::compiler::Importer> importer;
    std::unique_ptr<gp::DynamicMessageFactory> factory;

    Reference()
    {
        tree.MapPath("", SWITCHBOARD_FUZZ_PROTOS);
        tree.MapPath("", "/usr/include");
        importer = std::make_unique<gp::compiler::Importer>(&tree, &errors);
        for (const char *file : {"fuzz/everything.proto", "fuzz/legacy.proto"}) {
            if (!importer->Import(file))
                PayloadFuzz::fail("the fuzz schema does not load", {}, QString::fromLatin1(file));
        }
        factory = std::make_unique<gp::DynamicMessageFactory>(importer->pool());
    }
};

// libprotobuf keeps a field whose wire type its declaration does not allow among the unknown
// fields; our decoder refuses it (most likely a different message type) in the message and
// the messages inside it. Not inside groups, which it skips whole, nor for extensions, which
// it leaves to libprotobuf. True when the message holds such a field.
bool hasMisplacedField(const gp::Message &message)
{
    const gp::Reflection *reflection = message.GetReflection();
    const gp::UnknownFieldSet &unknown = reflection->GetUnknownFields(message);
    for (int i = 0; i < unknown.field_count(); ++i) {
        if (message.GetDescriptor()->FindFieldByNumber(unknown.field(i).number()))
            return true;
    }
    std::vector<const gp::FieldDescriptor *> fields;
    reflection->ListFields(message, &fields);
    for (const gp::FieldDescriptor *field : fields) {
        if (field->type() != gp::FieldDescriptor::TYPE_MESSAGE)
            continue;
        if (!field->is_repeated()) {
            if (hasMisplacedField(reflection->GetMessage(message, field)))
                return true;
            continue;
        }
        for (int i = 0; i < reflection->FieldSize(message, field); ++i) {
            if (hasMisplacedField(reflection->GetRepeatedMessage(message, field, i)))
                return true;
        }
    }
    return false;
}

// The same on the wire itself, as our decoder reads it: libprotobuf drops a oneof member that a
// later member of the same oneof replaced, and with it whatever misplaced field it held, which
// hasMisplacedField() then cannot see.
bool hasMisplacedWireField(const std::string &bytes, const gp::Descriptor *descriptor, int depth)
{
    gp::UnknownFieldSet wire;
    if (depth > 100 || !wire.ParseFromString(bytes))
        return false; // libprotobuf refuses it anyway
    for (int i = 0; i < wire.field_count(); ++i) {
        const gp::UnknownField &field = wire.field(i);
        const gp::FieldDescriptor *declared = descriptor->FindFieldByNumber(field.number());
        if (!declared || declared->type() == gp::FieldDescriptor::TYPE_GROUP)
            continue;
        // The wire type of each UnknownField::Type (varint, fixed32, fixed64, length, group).
        static constexpr int wireTypes[] = {0, 5, 1, 2, 3};
        const int wireType = wireTypes[field.type()];
        const int expected = int(gp::internal::WireFormat::WireTypeForFieldType(declared->type()));
        const bool packed = declared->is_repeated() && declared->is_packable() && wireType == 2;
        if (wireType != expected && !packed)
            return true;
        if (declared->type() == gp::FieldDescriptor::TYPE_MESSAGE && wireType == 2 &&
            hasMisplacedWireField(field.length_delimited(), declared->message_type(), depth + 1))
            return true;
    }
    return false;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static ProtobufSchemas *schemas = [] {
        auto *loaded = new ProtobufSchemas;
        if (!loaded->load({QStringLiteral(SWITCHBOARD_FUZZ_PROTOS)}))
            PayloadFuzz::fail("the fuzz schema does not load", {}, loaded->errors().join(u'\n'));
        return loaded;
    }();
    static Reference *reference = new Reference;
    if (size == 0)
        return 0;
    const char *type = Types[data[0] % std::size(Types)];
    const QByteArrayView payload(data + 1, qsizetype(size - 1));
    const DecodeResult result = schemas->decode(payload, QString::fromLatin1(type));
    const QByteArray json = PayloadFuzz::checkResult(result, payload);

    const gp::Descriptor *descriptor = reference->importer->pool()->FindMessageTypeByName(type);
    std::unique_ptr<gp::Message> message(reference->factory->GetPrototype(descriptor)->New());
    const bool parsed = message->ParsePartialFromArray(payload.data(), int(payload.size())) &&
                        message->IsInitialized() && !hasMisplacedField(*message) &&
                        !hasMisplacedWireField(std::string(payload.data(), size_t(payload.size())),
                                               descriptor, 0);
    if (parsed != result.isValid())
        PayloadFuzz::fail(parsed ? "refused what libprotobuf parses"
                                 : "accepted what libprotobuf refuses",
                          payload, QStringLiteral("%1: %2").arg(QLatin1String(type), result.error));
    return 0;
}
