// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "decoderules.h"
#include "payloaddecoder.h"

#include <QWidget>

#include <functional>
#include <memory>
#include <optional>

class DecodedTreeModel;
class QLabel;
class PayloadTextView;
class QTreeView;

// A payload as the detail views show it decoded: the result, and the rule that chose its
// decoder (none: the decoder was guessed).
struct ShownDecoding
{
    std::shared_ptr<const Payload::DecodeResult> result;
    std::optional<Payload::DecodeRule> rule;
    // A big payload is not decoded on the UI thread: result stays null and these say what to
    // decode, on another thread, through the connection's rules as they are now.
    QString topic;
    QByteArray payload;
    Payload::DecoderSnapshot decoder;

    bool isPending() const { return !result && !payload.isNull(); }
    // The result, decoded now on this thread when it is pending.
    std::shared_ptr<const Payload::DecodeResult> decodeNow() const;
    // The same payload by the same rules and .proto files.
    bool isSameDecoding(const ShownDecoding &other) const;
};

// How a pane gets a message decoded: its connection (0 in a pane of one connection), topic,
// payload and the result kept with it when it arrived (Sparkplug B), which must be shown
// rather than decoded again.
using PayloadDecoding = std::function<ShownDecoding(
        quint16 connection, const QString &topic, const QByteArray &payload,
        const std::shared_ptr<const Payload::DecodeResult> &kept)>;

// The decoded tree of one payload (name, value, type), which decoder made it (a guess is
// marked "guessed: CBOR"), its warnings (a Sparkplug B sequence gap, unknown protobuf fields),
// or why it does not decode (the reason and the byte) over its hex dump.
class DecodedPayloadView : public QWidget
{
    Q_OBJECT
public:
    explicit DecodedPayloadView(QWidget *parent = nullptr);
    ~DecodedPayloadView() override;

    // A pending decoding (a big payload) is decoded off the UI thread, saying "Decoding 10.0
    // MiB…" meanwhile; one set since is shown instead of its result.
    void setDecoding(const ShownDecoding &decoding);
    void clear();
    bool isDecoding() const { return m_decoding; }

    // The decoder's name as the user reads it: "Protobuf (acme.Reading)", "Sparkplug B".
    static QString decoderTitle(Payload::Decoder decoder, const QString &type = QString());

    // For tests and copying.
    QString summaryText() const;
    QString warningsText() const;
    QString hexText() const; // the fallback shown when the payload does not decode
    QTreeView *treeView() const { return m_tree; }
    DecodedTreeModel *model() const { return m_model; }
    // The field path (Payload::NodePath) of a row of the tree.
    QString pathOf(const QModelIndex &index) const;

Q_SIGNALS:
    // "Chart this" on a numeric field: its path in the payload.
    void chartRequested(const QString &path);
    // A pending decoding's result is shown.
    void decoded();

private:
    void onContextMenu(const QPoint &position);
    enum class Size { Small, Big };
    void showResult(const ShownDecoding &decoding, Size size);
    // The model shows the result; a big tree it showed is freed on another thread (its
    // thousands of nodes would keep the UI thread long).
    void setModelResult(const std::shared_ptr<const Payload::DecodeResult> &result, Size size);
    // Opens the first levels, as many rows as a glance takes.
    void expandFirstRows();

    QLabel *m_summary = nullptr;
    QLabel *m_warnings = nullptr;
    QTreeView *m_tree = nullptr;
    PayloadTextView *m_hex = nullptr;
    DecodedTreeModel *m_model = nullptr;
    ShownDecoding m_shown;
    quint64 m_generation = 0; // counts setDecoding(): a result for an older one is dropped
    bool m_decoding = false;
    Size m_modelSize = Size::Small;
};
