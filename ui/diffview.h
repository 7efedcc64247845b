// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "payloaddiff.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QStackedWidget;
class QTableWidget;

// What PayloadDiff found between two payloads: the changed paths of decoded trees as a table
// (path, change, old value, new value), the lines of text as a unified diff, or the differing
// bytes as hex rows of both payloads. Added, removed and changed parts have the diff colours
// of the theme.
class DiffView : public QWidget
{
    Q_OBJECT
public:
    enum Column { PathColumn, ChangeColumn, OldValueColumn, NewValueColumn, ColumnCount };
    Q_ENUM(Column)

    // Common lines shown around each change of a line diff; longer runs of common lines fold
    // into one "unchanged lines" line.
    static constexpr int ContextLines = 3;
    // Ranges of a byte diff shown as hex rows; the rest are counted only.
    static constexpr int MaximumShownByteRanges = 200;
    // Hex rows shown per block of nearby ranges (a long block shows its start).
    static constexpr int MaximumRowsPerBlock = 8;

    explicit DiffView(QWidget *parent = nullptr);
    ~DiffView() override;

    // Shows the result of comparing the two payloads (the byte view reads the bytes).
    void setDiff(const PayloadDiff::Result &result, const QByteArray &oldPayload,
                 const QByteArray &newPayload);
    const PayloadDiff::Result &diff() const { return m_result; }

    // For tests and copying: the line above the changes, the changes table (tree mode) and the
    // text of the line or byte view.
    QString summaryText() const;
    QTableWidget *changesTable() const { return m_changes; }
    QString diffText() const;
    // A marked span of the text view in document characters: a whole line of a line diff, or
    // the differing bytes of a hex row, coloured by kind.
    enum class MarkExtent { Characters, WholeLine };
    struct Mark
    {
        int start = 0;
        int length = 0;
        PayloadDiff::ChangeKind kind = PayloadDiff::ChangeKind::Changed;
        MarkExtent extent = MarkExtent::Characters;
    };
    QList<Mark> marks() const { return m_marks; }

    // How a change is named in the table ("added", "number → string").
    static QString changeText(const PayloadDiff::Change &change);
    // The kind of a value as the table names it ("number", "object").
    static QString kindText(const Payload::Node &node);
    // A path as the table shows it; the root is "(whole payload)".
    static QString pathText(const QString &path);

protected:
    void changeEvent(QEvent *event) override;

private:
    void showTree();
    void showLines();
    void showBytes(const QByteArray &oldPayload, const QByteArray &newPayload);
    // Paints the marks with the palette's diff colours (again when the palette changes).
    void applyMarks();
    void paintRows();

    QLabel *m_summary = nullptr;
    QStackedWidget *m_stack = nullptr;
    QTableWidget *m_changes = nullptr;
    QPlainTextEdit *m_text = nullptr;
    PayloadDiff::Result m_result;
    QList<Mark> m_marks;
};
