// SPDX-License-Identifier: Apache-2.0
#include "payloadtextview.h"

#include <QElapsedTimer>
#include <QFontDatabase>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextDocumentLayout>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextCursor>
#include <QTextDocument>
#include <QThreadPool>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace {
// Time given to feeding the text view per turn of the event loop.
constexpr int FeedBudgetMs = 5;
// A document this big is deleted off the UI thread.
constexpr int BigDocumentCharacters = 1024 * 1024;

struct AllText
{
    QStringList pieces;
    bool linesBroken = false;
};
} // namespace

PayloadTextView::PayloadTextView(QWidget *parent) : QWidget(parent)
{
    m_notice = new QLabel;
    m_notice->setObjectName(QStringLiteral("payloadNoticeLabel"));
    m_notice->setTextFormat(Qt::PlainText);
    m_notice->setWordWrap(true);
    QFont noticeFont = m_notice->font();
    noticeFont.setItalic(true);
    m_notice->setFont(noticeFont);
    m_showAll = new QPushButton(tr("Show &all"));
    m_showAll->setObjectName(QStringLiteral("showAllButton"));
    m_showAll->setToolTip(tr("Loads the whole payload into the view"));
    m_edit = new QPlainTextEdit;
    m_edit->setObjectName(QStringLiteral("payloadTextEdit"));
    m_edit->setReadOnly(true);
    m_edit->setUndoRedoEnabled(false); // no copy of megabytes kept for undo
    m_edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    auto *noticeLayout = new QHBoxLayout;
    noticeLayout->setContentsMargins(0, 0, 0, 0);
    noticeLayout->addWidget(m_notice, 1);
    noticeLayout->addWidget(m_showAll);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(noticeLayout);
    layout->addWidget(m_edit, 1);
    m_notice->hide();
    m_showAll->hide();

    m_feedTimer.setInterval(0);
    connect(&m_feedTimer, &QTimer::timeout, this, &PayloadTextView::feedPieces);
    connect(m_showAll, &QPushButton::clicked, this, &PayloadTextView::showAll);
}

PayloadTextView::~PayloadTextView() = default;

void PayloadTextView::setPlaceholderText(const QString &text)
{
    m_edit->setPlaceholderText(text);
}

QString PayloadTextView::text() const
{
    return m_edit->toPlainText();
}

QString PayloadTextView::noticeText() const
{
    return m_notice->isHidden() ? QString() : m_notice->text();
}

void PayloadTextView::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void PayloadTextView::showNotice(const QString &text, bool offerShowAll)
{
    m_notice->setText(text);
    m_notice->setVisible(!text.isEmpty());
    m_showAll->setVisible(offerShowAll);
}

void PayloadTextView::clear()
{
    ++m_generation;
    m_feedTimer.stop();
    m_pieces.clear();
    m_source.clear();
    dropText();
    showNotice(QString(), false);
    setState(State::Empty);
}

void PayloadTextView::dropText()
{
    QTextDocument *old = m_edit->document();
    if (old->characterCount() < BigDocumentCharacters) {
        m_edit->clear();
        return;
    }
    // Freeing megabytes of text blocks takes tens of milliseconds: the view gets a new
    // document and the old one is deleted on a worker thread, where nothing refers to it.
    auto *fresh = new QTextDocument(m_edit);
    fresh->setDocumentLayout(new QPlainTextDocumentLayout(fresh));
    fresh->setDefaultFont(old->defaultFont());
    fresh->setUndoRedoEnabled(false);
    old->setParent(nullptr);
    m_edit->setDocument(fresh);
    old->moveToThread(nullptr);
    QThreadPool::globalInstance()->start([old] { delete old; });
}

void PayloadTextView::setText(const QString &text)
{
    clear();
    m_edit->setPlainText(text);
    setState(State::Complete);
}

void PayloadTextView::setPayload(const QByteArray &payload,
                                 std::optional<PayloadFormat::Format> format)
{
    // The same message shown again (the log's filters or budget moved its row): what is shown
    // stays, a "Show all" or a decoding under way included.
    if (m_state != State::Empty && !m_source.isNull() && payload.isSharedWith(m_source) &&
        format == m_requested)
        return;
    clear();
    m_source = payload;
    m_requested = format;
    if (payload.size() <= PayloadFormat::AsyncThreshold) {
        // Small: at once, whole, as always.
        m_edit->setPlainText(
                PayloadFormat::toDisplay(payload, PayloadFormat::resolveFormat(payload, format)));
        setState(State::Complete);
        return;
    }
    showNotice(tr("Decoding %1…").arg(PayloadFormat::sizeText(payload.size())), false);
    setState(State::Decoding);
    const quint64 generation = m_generation;
    auto *watcher = new QFutureWatcher<PayloadFormat::BoundedDisplay>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return; // another payload is shown meanwhile
        showBounded(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(
            [payload, format] { return PayloadFormat::toBoundedDisplay(payload, format); }));
}

void PayloadTextView::showBounded(const PayloadFormat::BoundedDisplay &display)
{
    m_format = display.format;
    m_edit->setPlainText(display.text);
    showNotice(PayloadFormat::notice(display), !display.isComplete());
    m_all = display;
    setState(display.isComplete() ? State::Complete : State::Bounded);
}

void PayloadTextView::showAll()
{
    if (m_state != State::Bounded)
        return;
    showNotice(tr("Loading all of %1…").arg(PayloadFormat::sizeText(m_all.total)), false);
    setState(State::Loading);
    const quint64 generation = m_generation;
    auto *watcher = new QFutureWatcher<AllText>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation)
            return;
        const AllText all = watcher->result();
        m_all.shown = m_all.total;
        m_all.linesBroken = all.linesBroken;
        m_pieces = all.pieces;
        m_nextPiece = 0;
        dropText();
        feedPieces();
    });
    watcher->setFuture(QtConcurrent::run([payload = m_source, format = m_format] {
        AllText all;
        all.pieces = PayloadFormat::toDisplayPieces(payload, format, &all.linesBroken);
        return all;
    }));
}

void PayloadTextView::feedPieces()
{
    // A few pieces per turn of the event loop, so that the window keeps answering.
    QElapsedTimer clock;
    clock.start();
    QTextCursor cursor(m_edit->document());
    cursor.movePosition(QTextCursor::End);
    while (m_nextPiece < m_pieces.size() && clock.elapsed() < FeedBudgetMs)
        cursor.insertText(m_pieces.at(m_nextPiece++));
    if (m_nextPiece < m_pieces.size()) {
        m_feedTimer.start();
        return;
    }
    m_feedTimer.stop();
    m_pieces.clear();
    showNotice(PayloadFormat::notice(m_all), false);
    setState(State::Complete);
}
