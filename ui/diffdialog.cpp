// SPDX-License-Identifier: Apache-2.0
#include "diffdialog.h"

#include "boundeddisplay.h"
#include "diffview.h"
#include "messagelogmodel.h"

#include <QDateTime>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QLabel>
#include <QVBoxLayout>
#include <QtConcurrent>

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

    m_status = label(QString(), "diffComparingLabel");
    layout->insertWidget(1, m_status);
    resize(960, 600);

    const auto show = [this](const Message &oldMessage, const Message &newMessage,
                             const Comparison &comparison) {
        const auto described = [](const QString &description, const QString &decoder) {
            return decoder.isEmpty() ? description : description + QStringLiteral(" · ") + decoder;
        };
        m_old->setText(described(oldMessage.description, comparison.oldDecoder));
        m_new->setText(described(newMessage.description, comparison.newDecoder));
        m_view->setDiff(comparison.diff, oldMessage.payload, newMessage.payload);
    };
    if (!oldMessage.decoding.isPending() && !newMessage.decoding.isPending() &&
        oldMessage.payload.size() <= PayloadFormat::AsyncThreshold &&
        newMessage.payload.size() <= PayloadFormat::AsyncThreshold) {
        m_status->hide();
        show(oldMessage, newMessage, compare(oldMessage, newMessage));
        return;
    }
    m_comparing = true;
    m_status->setText(tr("Comparing %1 with %2…")
                              .arg(PayloadFormat::sizeText(oldMessage.payload.size()),
                                   PayloadFormat::sizeText(newMessage.payload.size())));
    // Closed before the end: the watcher goes with the dialog and the result is dropped.
    auto *watcher = new QFutureWatcher<Comparison>(this);
    connect(watcher, &QFutureWatcherBase::finished, this,
            [this, watcher, oldMessage, newMessage, show] {
                watcher->deleteLater();
                m_comparing = false;
                m_status->hide();
                show(oldMessage, newMessage, watcher->result());
                Q_EMIT compared();
            });
    watcher->setFuture(QtConcurrent::run(
            [oldMessage, newMessage] { return compare(oldMessage, newMessage); }));
}

DiffDialog::Comparison DiffDialog::compare(const Message &oldMessage, const Message &newMessage)
{
    // The decoded trees are dropped here, where they were made: freeing a big one takes time.
    const std::shared_ptr<const Payload::DecodeResult> oldDecoded = oldMessage.decoding.decodeNow();
    const std::shared_ptr<const Payload::DecodeResult> newDecoded = newMessage.decoding.decodeNow();
    Comparison comparison;
    comparison.diff = PayloadDiff::diffPayloads({oldMessage.payload, oldDecoded.get()},
                                                {newMessage.payload, newDecoded.get()});
    comparison.oldDecoder = decoderFact(oldDecoded.get());
    comparison.newDecoder = decoderFact(newDecoded.get());
    return comparison;
}

QString DiffDialog::decoderFact(const Payload::DecodeResult *result)
{
    if (!result || !result->isValid())
        return QString();
    const QString decoder = DecodedPayloadView::decoderTitle(result->decoder);
    return result->guessed ? tr("guessed: %1").arg(decoder) : decoder;
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
    if (decoding)
        message.decoding =
                decoding(log->connectionAt(row), topic, message.payload, log->decodedAt(row));
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
