// SPDX-License-Identifier: Apache-2.0
#include "decodedpayloadview.h"

#include "decodedtreemodel.h"
#include "nodepath.h"
#include "payloadformat.h"
#include "payloadtextview.h"
#include "theme.h"

#include <QFutureWatcher>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QThreadPool>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace {
constexpr int ExpandedLevels = 3; // deeper levels open on demand
constexpr int ExpandedRows = 2000; // at most this many rows are opened at first
} // namespace

std::shared_ptr<const Payload::DecodeResult> ShownDecoding::decodeNow() const
{
    if (!isPending())
        return result;
    return std::make_shared<const Payload::DecodeResult>(decoder.decode(topic, payload));
}

bool ShownDecoding::isSameDecoding(const ShownDecoding &other) const
{
    if (isPending() || other.isPending())
        return isPending() == other.isPending() && payload.isSharedWith(other.payload) &&
               topic == other.topic && decoder == other.decoder && rule == other.rule;
    return result && result == other.result && rule == other.rule;
}

DecodedPayloadView::DecodedPayloadView(QWidget *parent)
    : QWidget(parent), m_model(new DecodedTreeModel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("decodedSummaryLabel"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_warnings = new QLabel;
    m_warnings->setObjectName(QStringLiteral("decodedWarningsLabel"));
    m_warnings->setTextFormat(Qt::PlainText);
    m_warnings->setWordWrap(true);
    m_warnings->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Readable on light and dark bases alike, and again after a change of theme.
    Theme::setTextRole(m_warnings, Theme::Role::Warning);
    m_warnings->hide();
    m_tree = new QTreeView;
    m_tree->setObjectName(QStringLiteral("decodedTreeView"));
    m_tree->setModel(m_model);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(DecodedTreeModel::ValueColumn, QHeaderView::Stretch);
    const int digit = fontMetrics().horizontalAdvance(QLatin1Char('0'));
    m_tree->setColumnWidth(DecodedTreeModel::NameColumn, digit * 22);
    m_tree->setColumnWidth(DecodedTreeModel::TypeColumn, digit * 26);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_tree, &QWidget::customContextMenuRequested, this, &DecodedPayloadView::onContextMenu);
    // A big payload's hex dump is made off the UI thread and shown in part first.
    m_hex = new PayloadTextView;
    m_hex->setObjectName(QStringLiteral("decodedHexEdit"));
    m_hex->hide();
    layout->addWidget(m_summary);
    layout->addWidget(m_warnings);
    layout->addWidget(m_tree, 1);
    layout->addWidget(m_hex, 1);
}

DecodedPayloadView::~DecodedPayloadView() = default;

QString DecodedPayloadView::decoderTitle(Payload::Decoder decoder, const QString &type)
{
    QString title;
    switch (decoder) {
    case Payload::Decoder::Text:
        title = tr("Text");
        break;
    case Payload::Decoder::Json:
        title = tr("JSON");
        break;
    case Payload::Decoder::Hex:
        title = tr("Hex");
        break;
    case Payload::Decoder::Base64:
        title = tr("Base64");
        break;
    case Payload::Decoder::Cbor:
        title = tr("CBOR");
        break;
    case Payload::Decoder::MessagePack:
        title = tr("MessagePack");
        break;
    case Payload::Decoder::Protobuf:
        title = tr("Protobuf");
        break;
    case Payload::Decoder::Sparkplug:
        title = tr("Sparkplug B");
        break;
    case Payload::Decoder::Numbers:
        title = tr("Numbers");
        break;
    }
    return type.isEmpty() ? title : tr("%1 (%2)", "decoder (message type)").arg(title, type);
}

void DecodedPayloadView::clear()
{
    ++m_generation;
    m_decoding = false;
    m_shown = ShownDecoding();
    setModelResult(nullptr, Size::Small);
    m_summary->clear();
    m_warnings->clear();
    m_warnings->hide();
    m_hex->clear();
    m_hex->hide();
    m_tree->show();
}

void DecodedPayloadView::setDecoding(const ShownDecoding &decoding)
{
    // The same message shown again (the log's rows moved): a decoding under way goes on.
    if (decoding.isPending() && decoding.isSameDecoding(m_shown))
        return;
    if (!decoding.result && !decoding.isPending()) {
        clear();
        return;
    }
    if (!decoding.isPending()) {
        ++m_generation;
        m_decoding = false;
        m_shown = decoding;
        showResult(decoding, Size::Small);
        return;
    }
    clear();
    m_shown = decoding;
    m_decoding = true;
    m_summary->setText(tr("Decoding %1…").arg(PayloadFormat::sizeText(decoding.payload.size())));
    m_summary->setToolTip(QString());
    const quint64 generation = m_generation;
    auto *watcher = new QFutureWatcher<std::shared_ptr<const Payload::DecodeResult>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return; // another payload is shown meanwhile
        m_decoding = false;
        ShownDecoding shown = m_shown;
        shown.result = watcher->result();
        showResult(shown, Size::Big);
        Q_EMIT decoded();
    });
    watcher->setFuture(QtConcurrent::run([decoding] { return decoding.decodeNow(); }));
}

void DecodedPayloadView::setModelResult(const std::shared_ptr<const Payload::DecodeResult> &result,
                                        Size size)
{
    std::shared_ptr<const Payload::DecodeResult> previous = m_model->result();
    m_model->setResult(result);
    if (m_modelSize == Size::Big && previous.use_count() == 1)
        QThreadPool::globalInstance()->start(
                [previous = std::move(previous)]() mutable { previous.reset(); });
    m_modelSize = size;
}

void DecodedPayloadView::showResult(const ShownDecoding &decoding, Size size)
{
    const Payload::DecodeResult &result = *decoding.result;
    const QString type = decoding.rule ? decoding.rule->decoder.type : QString();
    const QString title = decoderTitle(result.decoder, type);
    QString summary;
    if (!result.isValid()) {
        // Most decoders name the byte in their reason already.
        const bool offsetNamed = result.errorOffset < 0 ||
                                 result.error.contains(QString::number(result.errorOffset));
        const QString reason =
                offsetNamed ? result.error
                            : tr("%1 (at byte %2)").arg(result.error).arg(result.errorOffset);
        summary = tr("Does not decode as %1: %2. Shown as hex.").arg(title, reason);
    } else if (result.guessed || !decoding.rule) {
        summary = tr("guessed: %1").arg(title);
    } else {
        summary = tr("Decoded as %1 (rule %2)").arg(title, decoding.rule->filter);
    }
    m_summary->setText(summary);
    m_summary->setToolTip(result.guessed ? tr("No rule names a decoder for this topic: the format "
                                              "was guessed. \"Decode as…\" in the context menu "
                                              "of the topic or the message sets one.")
                                         : QString());
    QStringList warnings;
    for (const QString &warning : result.warnings)
        warnings << QStringLiteral("⚠ ") + warning;
    m_warnings->setText(warnings.join(QLatin1Char('\n')));
    m_warnings->setVisible(!warnings.isEmpty());
    setModelResult(decoding.result, size);
    if (result.isValid()) {
        m_hex->clear();
        m_hex->hide();
        m_tree->show();
        expandFirstRows();
    } else {
        m_tree->hide();
        m_hex->setPayload(QByteArray::fromHex(result.hex.toLatin1()), PayloadFormat::Format::Hex);
        m_hex->show();
    }
}

void DecodedPayloadView::expandFirstRows()
{
    // Level by level as expandToDepth() would, but a big array's thousands of elements stay
    // closed: opening them would take the UI thread for seconds.
    QList<QModelIndex> level{QModelIndex()};
    int rows = m_model->rowCount();
    for (int depth = 0; depth < ExpandedLevels && !level.isEmpty(); ++depth) {
        QList<QModelIndex> next;
        for (const QModelIndex &parent : std::as_const(level)) {
            for (int row = 0; row < m_model->rowCount(parent); ++row) {
                const QModelIndex child = m_model->index(row, 0, parent);
                const int children = m_model->rowCount(child);
                if (children == 0)
                    continue;
                rows += children;
                if (rows > ExpandedRows)
                    return;
                m_tree->expand(child);
                next.append(child);
            }
        }
        level = next;
    }
}

QString DecodedPayloadView::summaryText() const
{
    return m_summary->text();
}

QString DecodedPayloadView::warningsText() const
{
    return m_warnings->isHidden() ? QString() : m_warnings->text();
}

QString DecodedPayloadView::hexText() const
{
    return m_hex->isHidden() ? QString() : m_hex->text();
}

QString DecodedPayloadView::pathOf(const QModelIndex &index) const
{
    const std::shared_ptr<const Payload::DecodeResult> result = m_model->result();
    if (!result || !index.isValid())
        return QString();
    QList<int> rows;
    for (QModelIndex at = index.siblingAtColumn(0); at.isValid(); at = at.parent())
        rows.prepend(at.row());
    return Payload::NodePath::pathTo(result->root, rows).toString();
}

void DecodedPayloadView::onContextMenu(const QPoint &position)
{
    const QModelIndex index = m_tree->indexAt(position);
    const std::shared_ptr<const Payload::DecodeResult> result = m_model->result();
    if (!index.isValid() || !result)
        return;
    const QString path = pathOf(index);
    const Payload::NodePath::Parsed parsed = Payload::NodePath::parse(path);
    QMenu menu(this);
    QAction *chart = menu.addAction(tr("Chart this…"));
    chart->setEnabled(parsed.isValid() && parsed.path.resolve(result->root).number.has_value());
    if (menu.exec(m_tree->viewport()->mapToGlobal(position)) == chart)
        Q_EMIT chartRequested(path);
}
