// SPDX-License-Identifier: Apache-2.0
#include "numbercodec.h"

#include "textcodecs.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QtEndian>

#include <cmath>
#include <cstring>
#include <limits>
#include <optional>

namespace Payload {

namespace {

template<typename T>
T readNumber(const uchar *data, QSysInfo::Endian endian)
{
    return endian == QSysInfo::LittleEndian ? qFromLittleEndian<T>(data) : qFromBigEndian<T>(data);
}

template<typename T>
void appendNumber(QByteArray *bytes, T value, QSysInfo::Endian endian)
{
    uchar data[sizeof(T)];
    if (endian == QSysInfo::LittleEndian)
        qToLittleEndian<T>(value, data);
    else
        qToBigEndian<T>(value, data);
    bytes->append(reinterpret_cast<const char *>(data), qsizetype(sizeof(T)));
}

Node numberAt(const uchar *data, const NumberFormat &format)
{
    using Kind = Node::Kind;
    const QSysInfo::Endian endian = format.endian;
    switch (format.kind) {
    case NumberFormat::Kind::Signed:
        switch (format.size) {
        case 1:
            return Node::scalar(Kind::Integer, qint64(qint8(data[0])));
        case 2:
            return Node::scalar(Kind::Integer, qint64(readNumber<qint16>(data, endian)));
        case 4:
            return Node::scalar(Kind::Integer, qint64(readNumber<qint32>(data, endian)));
        default:
            return Node::scalar(Kind::Integer, readNumber<qint64>(data, endian));
        }
    case NumberFormat::Kind::Unsigned:
        switch (format.size) {
        case 1:
            return Node::scalar(Kind::UnsignedInteger, quint64(data[0]));
        case 2:
            return Node::scalar(Kind::UnsignedInteger, quint64(readNumber<quint16>(data, endian)));
        case 4:
            return Node::scalar(Kind::UnsignedInteger, quint64(readNumber<quint32>(data, endian)));
        default:
            return Node::scalar(Kind::UnsignedInteger, readNumber<quint64>(data, endian));
        }
    case NumberFormat::Kind::Float:
        if (format.size == 4)
            return Node::scalar(Kind::Double, double(readNumber<float>(data, endian)));
        return Node::scalar(Kind::Double, readNumber<double>(data, endian));
    }
    return Node();
}

} // namespace

std::optional<NumberFormat> NumberFormat::fromName(QStringView name)
{
    for (const QString &candidate : names()) {
        if (name.compare(candidate, Qt::CaseInsensitive) != 0)
            continue;
        NumberFormat format;
        QStringView rest = candidate;
        if (rest.startsWith(u"float")) {
            format.kind = Kind::Float;
            rest = rest.mid(5);
        } else if (rest.startsWith(u"uint")) {
            format.kind = Kind::Unsigned;
            rest = rest.mid(4);
        } else {
            format.kind = Kind::Signed;
            rest = rest.mid(3);
        }
        if (rest.endsWith(u"be")) {
            format.endian = QSysInfo::BigEndian;
            rest.chop(2);
        } else if (rest.endsWith(u"le")) {
            rest.chop(2);
        }
        format.size = rest.toInt() / 8;
        return format;
    }
    return std::nullopt;
}

QString NumberFormat::name() const
{
    QString text = kind == Kind::Float      ? QStringLiteral("float")
                   : kind == Kind::Unsigned ? QStringLiteral("uint")
                                            : QStringLiteral("int");
    text += QString::number(size * 8);
    if (size > 1)
        text += endian == QSysInfo::LittleEndian ? QStringLiteral("le") : QStringLiteral("be");
    return text;
}

QStringList NumberFormat::names()
{
    QStringList list{QStringLiteral("int8"), QStringLiteral("uint8")};
    for (const char *kind : {"int", "uint", "float"}) {
        for (int bits : {16, 32, 64}) {
            if (qstrcmp(kind, "float") == 0 && bits == 16)
                continue;
            for (const char *endian : {"le", "be"})
                list.append(QStringLiteral("%1%2%3")
                                    .arg(QLatin1String(kind))
                                    .arg(bits)
                                    .arg(QLatin1String(endian)));
        }
    }
    return list;
}

Node numbersNode(QByteArrayView bytes, const NumberFormat &format)
{
    Node node = Node::array(format.name());
    const auto *data = reinterpret_cast<const uchar *>(bytes.data());
    const qsizetype count = bytes.size() / format.size;
    node.children.reserve(count);
    for (qsizetype i = 0; i < count; ++i)
        node.add(QString::number(i), numberAt(data + i * format.size, format));
    return node;
}

DecodeResult decodeNumbers(QByteArrayView payload, const NumberFormat &format)
{
    const qsizetype remainder = payload.size() % format.size;
    if (remainder != 0) {
        const qsizetype offset = payload.size() - remainder;
        return DecodeResult::failure(
                Decoder::Numbers, payload, offset,
                QCoreApplication::translate("Payload",
                                            "not %1 numbers: %2 bytes is not a multiple of %3, "
                                            "the last %4 bytes from byte %5 are left over")
                        .arg(format.name())
                        .arg(payload.size())
                        .arg(format.size)
                        .arg(remainder)
                        .arg(offset));
    }
    return DecodeResult::success(Decoder::Numbers, numbersNode(payload, format));
}

PayloadFormat::EncodeResult encodeNumbers(const QString &json, const NumberFormat &format)
{
    PayloadFormat::EncodeResult result;
    const std::optional<QJsonValue> value = parseJsonInput(json, &result);
    if (!value)
        return result;
    const QJsonArray array = value->isArray() ? value->toArray() : QJsonArray{*value};
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonValue item = array.at(i);
        const double number = item.toDouble();
        // JSON integers are exact up to 64 bits signed; past them, or written with a fraction
        // or an exponent ("2.0", "1e3"), they are doubles, which toInteger() makes 0.
        const bool whole = std::isfinite(number) && std::floor(number) == number;
        const double twoTo63 = 9223372036854775808.0;
        std::optional<qint64> signedValue;
        std::optional<quint64> unsignedValue;
        if (item.toVariant().typeId() == QMetaType::LongLong)
            signedValue = item.toInteger();
        else if (whole && number >= -twoTo63 && number < twoTo63)
            signedValue = qint64(number);
        if (signedValue && *signedValue >= 0)
            unsignedValue = quint64(*signedValue);
        else if (whole && number >= twoTo63 && number < 2 * twoTo63)
            unsignedValue = quint64(number);
        bool fits = item.isDouble();
        qint64 integer = 0; // the bits to write, unsigned ones too
        if (fits && format.kind == NumberFormat::Kind::Float && format.size == 4) {
            // Out of float's range the conversion is undefined behaviour, not infinity.
            fits = std::fabs(number) <= double(std::numeric_limits<float>::max());
        } else if (fits && format.kind != NumberFormat::Kind::Float) {
            const int bits = format.size * 8;
            if (format.kind == NumberFormat::Kind::Signed) {
                fits = signedValue && (bits == 64 || (*signedValue >= -(qint64(1) << (bits - 1)) &&
                                                      *signedValue < (qint64(1) << (bits - 1))));
                integer = signedValue.value_or(0);
            } else {
                fits = unsignedValue && (bits == 64 || *unsignedValue < (quint64(1) << bits));
                integer = qint64(unsignedValue.value_or(0));
            }
        }
        if (!fits) {
            result.bytes.clear();
            result.error =
                    QCoreApplication::translate("Payload", "element %1 (%2) is not a %3 number")
                            .arg(i)
                            .arg(item.isDouble() ? QString::number(number, 'g', 17)
                                                 : item.toVariant().toString())
                            .arg(format.name());
            return result;
        }
        const QSysInfo::Endian endian = format.endian;
        if (format.kind == NumberFormat::Kind::Float) {
            if (format.size == 4)
                appendNumber<float>(&result.bytes, float(number), endian);
            else
                appendNumber<double>(&result.bytes, number, endian);
        } else if (format.size == 1) {
            result.bytes.append(char(quint8(integer)));
        } else if (format.size == 2) {
            appendNumber<quint16>(&result.bytes, quint16(integer), endian);
        } else if (format.size == 4) {
            appendNumber<quint32>(&result.bytes, quint32(integer), endian);
        } else {
            appendNumber<quint64>(&result.bytes, quint64(integer), endian);
        }
    }
    return result;
}

} // namespace Payload
