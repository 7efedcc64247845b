// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "decodedpayloadview.h"
#include "payloaddiff.h"

#include <QDialog>

#include <memory>

class DiffView;
class MessageLogModel;
class QLabel;

// Two messages compared (Compare with previous on this topic, Compare selected): which
// messages, and what changed from the older to the newer one. Not modal: the log goes on. Big
// payloads (over PayloadFormat::AsyncThreshold) are decoded and compared off the UI thread,
// the dialog saying "Comparing…" meanwhile.
class DiffDialog : public QDialog
{
    Q_OBJECT
public:
    // One side of the comparison: how it is named above the diff, its bytes and, when it is
    // decoded, the decoder's result or the pending decoding of a big payload (neither:
    // compared as text or bytes).
    struct Message
    {
        QString description;
        QByteArray payload;
        ShownDecoding decoding;
    };

    DiffDialog(const Message &oldMessage, const Message &newMessage, QWidget *parent = nullptr);
    ~DiffDialog() override;

    DiffView *view() const { return m_view; }
    QString oldDescription() const;
    QString newDescription() const;
    // Decoding and comparing big payloads off the UI thread.
    bool isComparing() const { return m_comparing; }

    // A log row as a side of the comparison, decoded as the detail view decodes it (decoding
    // may be empty: not decoded).
    static Message messageAt(const MessageLogModel *log, int row, const PayloadDecoding &decoding);
    // Opens a dialog comparing two rows of the log (the older one first), deleted when closed.
    static DiffDialog *compareRows(const MessageLogModel *log, int oldRow, int newRow,
                                   const PayloadDecoding &decoding, QWidget *parent);

Q_SIGNALS:
    // The comparison of big payloads is shown.
    void compared();

private:
    struct Comparison
    {
        PayloadDiff::Result diff;
        QString oldDecoder; // "guessed: JSON", for the descriptions; empty: not decoded
        QString newDecoder;
    };
    static Comparison compare(const Message &oldMessage, const Message &newMessage);
    // What the description says of a decoding: "CBOR", "guessed: JSON", or nothing.
    static QString decoderFact(const Payload::DecodeResult *result);

    QLabel *m_old = nullptr;
    QLabel *m_new = nullptr;
    QLabel *m_status = nullptr;
    DiffView *m_view = nullptr;
    bool m_comparing = false;
};
