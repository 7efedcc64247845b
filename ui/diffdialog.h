// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "decodedpayloadview.h"

#include <QDialog>

#include <memory>

class DiffView;
class MessageLogModel;
class QLabel;

// Two messages compared (Compare with previous on this topic, Compare selected): which
// messages, and what changed from the older to the newer one. Not modal: the log goes on.
class DiffDialog : public QDialog
{
    Q_OBJECT
public:
    // One side of the comparison: how it is named above the diff, its bytes and, when it was
    // decoded, the decoder's result (null: compared as text or bytes).
    struct Message
    {
        QString description;
        QByteArray payload;
        std::shared_ptr<const Payload::DecodeResult> decoded;
    };

    DiffDialog(const Message &oldMessage, const Message &newMessage, QWidget *parent = nullptr);
    ~DiffDialog() override;

    DiffView *view() const { return m_view; }
    QString oldDescription() const;
    QString newDescription() const;

    // A log row as a side of the comparison, decoded as the detail view decodes it (decoding
    // may be empty: not decoded).
    static Message messageAt(const MessageLogModel *log, int row, const PayloadDecoding &decoding);
    // Opens a dialog comparing two rows of the log (the older one first), deleted when closed.
    static DiffDialog *compareRows(const MessageLogModel *log, int oldRow, int newRow,
                                   const PayloadDecoding &decoding, QWidget *parent);

private:
    QLabel *m_old = nullptr;
    QLabel *m_new = nullptr;
    DiffView *m_view = nullptr;
};
