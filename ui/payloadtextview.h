// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "boundeddisplay.h"

#include <QByteArray>
#include <QStringList>
#include <QTimer>
#include <QWidget>

#include <optional>

class QLabel;
class QPlainTextEdit;
class QPushButton;

// A payload as text (text, JSON, hex dump, Base64) that never freezes the window: a payload
// above PayloadFormat::AsyncThreshold is formatted off the UI thread ("Decoding…"), only its
// first PayloadFormat::PreviewBytes are shown with a line saying how much ("Showing 64.0 KiB of
// 10.0 MiB"), and "Show all" formats the rest off the UI thread and feeds it to the text view in
// pieces between events. A result that comes after the payload changed is dropped.
class PayloadTextView : public QWidget
{
    Q_OBJECT
public:
    enum class State {
        Empty,
        Decoding, // formatting off the UI thread
        Bounded, // a part is shown; "Show all" loads the rest
        Loading, // "Show all": the rest is being formatted or fed to the view
        Complete, // all of it is shown
    };
    Q_ENUM(State)

    explicit PayloadTextView(QWidget *parent = nullptr);
    ~PayloadTextView() override;

    // Shows the payload in the format, or sniffed (JSON, text, hex) when none is given.
    void setPayload(const QByteArray &payload, std::optional<PayloadFormat::Format> format);
    // Shows this text as it is (a connection event).
    void setText(const QString &text);
    void clear();
    // Loads what a bounded view does not show yet.
    void showAll();

    State state() const { return m_state; }
    // The text shown (for tests and copying).
    QString text() const;
    // The line above the text ("Showing 64.0 KiB of 10.0 MiB", "Decoding 10.0 MiB…"); empty when
    // the payload is shown whole without further ado.
    QString noticeText() const;
    QPlainTextEdit *editor() const { return m_edit; }
    void setPlaceholderText(const QString &text);

Q_SIGNALS:
    void stateChanged(PayloadTextView::State state);

private:
    void setState(State state);
    void showNotice(const QString &text, bool offerShowAll);
    void showBounded(const PayloadFormat::BoundedDisplay &display);
    void feedPieces();
    // Empties the text view (a big document is freed off the UI thread).
    void dropText();

    QLabel *m_notice = nullptr;
    QPushButton *m_showAll = nullptr;
    QPlainTextEdit *m_edit = nullptr;
    State m_state = State::Empty;
    quint64 m_generation = 0; // counts payloads shown: results of an older one are dropped
    QByteArray m_source; // the payload shown (shared with the log, not copied)
    std::optional<PayloadFormat::Format> m_requested; // its format as asked
    PayloadFormat::Format m_format = PayloadFormat::Format::Text; // as resolved
    PayloadFormat::BoundedDisplay m_all; // what "Show all" shows (its counts, once loaded)
    QStringList m_pieces; // "Show all": the text still to feed
    qsizetype m_nextPiece = 0;
    QTimer m_feedTimer;
};
