// SPDX-License-Identifier: Apache-2.0
#include "diffdialog.h"

#include "diffview.h"
#include "messagelogmodel.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QVBoxLayout>

DiffDialog::DiffDialog(const Message &oldMessage, const Message &newMessage, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Compare payloads"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    const auto label = [](const QString &text, const char *name) {
        auto *shown = new QLabel(text);
        shown->setObjectName(QString::fromLatin1(name));
        shown->setTextFormat(Qt::PlainText);
        shown->setWordWrap(true);
        shown->setTextInteractionFlags(Qt::TextSelectableByMouse);
        return shown;
    };
    m_old = label(oldMessage.description, "diffOldLabel");
    m_new = label(newMessage.description, "diffNewLabel");
    form->addRow(tr("Old:"), m_old);
    form->addRow(tr("New:"), m_new);
    layout->addLayout(form);
    m_view = new DiffView;
    layout->addWidget(m_view, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    const PayloadDiff::Side oldSide{oldMessage.payload, oldMessage.decoded.get()};
    const PayloadDiff::Side newSide{newMessage.payload, newMessage.decoded.get()};
    m_view->setDiff(PayloadDiff::diffPayloads(oldSide, newSide), oldMessage.payload,
                    newMessage.payload);
    resize(960, 600);
}

DiffDialog::~DiffDialog() = default;

QString DiffDialog::oldDescription() const
{
    return m_old->text();
}

QString DiffDialog::newDescription() const
{
    return m_new->text();
}

DiffDialog::Message DiffDialog::messageAt(const MessageLogModel *log, int row,
                                          const PayloadDecoding &decoding)
{
    Message message;
    message.payload = log->payloadAt(row);
    const QString topic = log->topicAt(row);
    QStringList facts;
    facts << (log->directionAt(row) == MessageLogModel::Direction::Outgoing ? tr("Sent")
                                                                            : tr("Received"))
          << QDateTime::fromMSecsSinceEpoch(log->timestampAt(row))
                     .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"))
          << topic << tr("%Ln byte(s)", nullptr, int(message.payload.size()));
    if (decoding) {
        const ShownDecoding shown =
                decoding(log->connectionAt(row), topic, message.payload, log->decodedAt(row));
        message.decoded = shown.result;
        if (shown.result && shown.result->isValid()) {
            const QString decoder = DecodedPayloadView::decoderTitle(shown.result->decoder);
            facts << (shown.result->guessed ? tr("guessed: %1").arg(decoder) : decoder);
        }
    }
    message.description = facts.join(QStringLiteral(" · "));
    return message;
}

DiffDialog *DiffDialog::compareRows(const MessageLogModel *log, int oldRow, int newRow,
                                    const PayloadDecoding &decoding, QWidget *parent)
{
    auto *dialog = new DiffDialog(messageAt(log, oldRow, decoding),
                                  messageAt(log, newRow, decoding), parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}
