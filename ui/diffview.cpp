// SPDX-License-Identifier: Apache-2.0
#include "diffview.h"

#include "tableviewsetup.h"
#include "theme.h"

#include <QEvent>
#include <QFontDatabase>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QStackedWidget>
#include <QTableWidget>
#include <QTextBlock>
#include <QVBoxLayout>

using PayloadDiff::ChangeKind;

namespace {

constexpr int BytesPerRow = 16;
// Bytes of context shown before and after a differing range.
constexpr qsizetype ByteContext = 8;
// A value's text in a table cell, and in full in its tooltip.
constexpr int CellCharacters = 200;
constexpr int TooltipCharacters = 4000;

Theme::Role roleOf(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::Added:
        return Theme::Role::DiffAdded;
    case ChangeKind::Removed:
        return Theme::Role::DiffRemoved;
    case ChangeKind::Changed:
    case ChangeKind::TypeChanged:
        break;
    }
    return Theme::Role::DiffChanged;
}

QString hexOffset(qsizetype offset)
{
    return QStringLiteral("%1").arg(quint64(offset), 8, 16, QLatin1Char('0'));
}

} // namespace

DiffView::DiffView(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("diffSummaryLabel"));
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_changes = new QTableWidget(0, ColumnCount);
    m_changes->setObjectName(QStringLiteral("diffChangesTable"));
    m_changes->setHorizontalHeaderLabels(
            {tr("Path"), tr("Change"), tr("Old value"), tr("New value")});
    m_changes->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_changes->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_changes->setWordWrap(false);
    TableViewSetup::setUniformRows(m_changes);
    TableViewSetup::fitColumn(m_changes, PathColumn, 24);
    TableViewSetup::fitColumn(m_changes, ChangeColumn, 16);
    TableViewSetup::fitColumn(m_changes, OldValueColumn, 28);

    m_text = new QPlainTextEdit;
    m_text->setObjectName(QStringLiteral("diffTextEdit"));
    m_text->setReadOnly(true);
    m_text->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    m_stack = new QStackedWidget;
    m_stack->addWidget(m_changes);
    m_stack->addWidget(m_text);
    layout->addWidget(m_summary);
    layout->addWidget(m_stack, 1);
}

DiffView::~DiffView() = default;

QString DiffView::pathText(const QString &path)
{
    return path.isEmpty() ? tr("(whole payload)") : path;
}

QString DiffView::kindText(const Payload::Node &node)
{
    const QString name = PayloadDiff::valueKindName(node);
    if (name == QLatin1String("null"))
        return tr("null");
    if (name == QLatin1String("boolean"))
        return tr("boolean");
    if (name == QLatin1String("number"))
        return tr("number");
    if (name == QLatin1String("string"))
        return tr("string");
    if (name == QLatin1String("bytes"))
        return tr("bytes");
    if (name == QLatin1String("object"))
        return tr("object");
    return tr("array");
}

QString DiffView::changeText(const PayloadDiff::Change &change)
{
    switch (change.kind) {
    case ChangeKind::Added:
        return tr("added");
    case ChangeKind::Removed:
        return tr("removed");
    case ChangeKind::Changed:
        return tr("changed");
    case ChangeKind::TypeChanged:
        return tr("%1 → %2", "a value's kind changed, e.g. number → string")
                .arg(kindText(change.oldValue), kindText(change.newValue));
    }
    return QString();
}

void DiffView::setDiff(const PayloadDiff::Result &result, const QByteArray &oldPayload,
                       const QByteArray &newPayload)
{
    m_result = result;
    m_marks.clear();
    switch (result.mode) {
    case PayloadDiff::Mode::Tree:
        showTree();
        break;
    case PayloadDiff::Mode::Lines:
        showLines();
        break;
    case PayloadDiff::Mode::Bytes:
        showBytes(oldPayload, newPayload);
        break;
    }
}

QString DiffView::summaryText() const
{
    return m_summary->text();
}

QString DiffView::diffText() const
{
    return m_text->toPlainText();
}

void DiffView::showTree()
{
    const PayloadDiff::TreeDiff &tree = m_result.tree;
    int added = 0;
    int removed = 0;
    int changed = 0;
    m_changes->setRowCount(int(tree.changes.size()));
    for (int row = 0; row < tree.changes.size(); ++row) {
        const PayloadDiff::Change &change = tree.changes.at(row);
        added += change.kind == ChangeKind::Added;
        removed += change.kind == ChangeKind::Removed;
        changed += change.kind == ChangeKind::Changed || change.kind == ChangeKind::TypeChanged;
        const auto cell = [this, row](int column, const QString &text, const QString &tip) {
            auto *item = new QTableWidgetItem(text);
            item->setToolTip(tip);
            m_changes->setItem(row, column, item);
        };
        cell(PathColumn, pathText(change.path), pathText(change.path));
        cell(ChangeColumn, changeText(change), QString());
        const auto value = [&](int column, const Payload::Node &node, bool present) {
            cell(column, present ? PayloadDiff::valueText(node, CellCharacters) : QString(),
                 present ? PayloadDiff::valueText(node, TooltipCharacters) : QString());
        };
        value(OldValueColumn, change.oldValue, change.kind != ChangeKind::Added);
        value(NewValueColumn, change.newValue, change.kind != ChangeKind::Removed);
    }
    paintRows();
    m_changes->horizontalHeader()->setStretchLastSection(true);

    const QLocale locale;
    QString summary = tr("Compared as decoded trees: objects by key, arrays by index.");
    if (tree.isEqual()) {
        summary += QLatin1Char(' ') + tr("The payloads are equal.");
    } else {
        summary += QLatin1Char(' ') + tr("%Ln change(s)", nullptr, int(tree.totalChanges)) +
                   QStringLiteral(": ") +
                   tr("%1 added, %2 removed, %3 changed")
                           .arg(locale.toString(added), locale.toString(removed),
                                locale.toString(changed));
        if (tree.truncated)
            summary += QLatin1Char(' ') +
                       tr("(the first %1 are listed)").arg(locale.toString(tree.changes.size()));
    }
    m_summary->setText(summary);
    m_stack->setCurrentWidget(m_changes);
}

void DiffView::paintRows()
{
    const QPalette palette = m_changes->palette();
    for (int row = 0; row < m_changes->rowCount() && row < m_result.tree.changes.size(); ++row) {
        const QColor background = Theme::color(roleOf(m_result.tree.changes.at(row).kind), palette);
        for (int column = 0; column < ColumnCount; ++column) {
            if (QTableWidgetItem *item = m_changes->item(row, column))
                item->setBackground(background);
        }
    }
}

void DiffView::showLines()
{
    const PayloadDiff::LineDiff &diff = m_result.lines;
    const QList<PayloadDiff::Line> &lines = diff.lines;
    // Which common lines are near a change (and shown).
    std::vector<bool> shown(size_t(lines.size()), false);
    int lastChange = -1;
    for (int i = 0; i < lines.size(); ++i) {
        if (lines.at(i).kind == PayloadDiff::LineKind::Common)
            continue;
        for (int j = qMax(lastChange + 1, i - ContextLines); j <= i; ++j)
            shown[size_t(j)] = true;
        for (int j = i + 1; j < lines.size() && j <= i + ContextLines; ++j)
            shown[size_t(j)] = true;
        lastChange = i;
    }
    int largest = 0;
    for (const PayloadDiff::Line &line : lines)
        largest = qMax(largest, qMax(line.oldNumber, line.newNumber));
    const int width = int(QString::number(largest).size());
    const auto number = [width](int value) {
        return value > 0 ? QStringLiteral("%1").arg(value, width)
                         : QString(width, QLatin1Char(' '));
    };

    QString text;
    int hidden = 0;
    const auto flushHidden = [&] {
        if (hidden == 0)
            return;
        text += tr("⋯ %Ln unchanged line(s)", nullptr, hidden) + QLatin1Char('\n');
        hidden = 0;
    };
    for (int i = 0; i < lines.size(); ++i) {
        const PayloadDiff::Line &line = lines.at(i);
        if (line.kind == PayloadDiff::LineKind::Common && !shown[size_t(i)]) {
            ++hidden;
            continue;
        }
        flushHidden();
        QChar mark = QLatin1Char(' ');
        if (line.kind != PayloadDiff::LineKind::Common) {
            const bool removed = line.kind == PayloadDiff::LineKind::Removed;
            mark = removed ? QLatin1Char('-') : QLatin1Char('+');
            m_marks.append(Mark{int(text.size()), 0,
                                removed ? ChangeKind::Removed : ChangeKind::Added,
                                MarkExtent::WholeLine});
        }
        text += number(line.oldNumber) + QLatin1Char(' ') + number(line.newNumber) +
                QLatin1Char(' ') + mark + QLatin1Char(' ') + line.text + QLatin1Char('\n');
    }
    flushHidden();
    if (diff.tooLarge)
        text += tr("⋯ the rest is not compared line by line") + QLatin1Char('\n');
    text.chop(1);
    m_text->setPlainText(text);
    applyMarks();

    QString summary = tr("Compared line by line.");
    if (diff.tooLarge) {
        const PayloadDiff::Line &first = lines.last();
        summary += QLatin1Char(' ') +
                   tr("Too large to diff line by line: showing the first difference, at line "
                      "%1.")
                           .arg(QLocale().toString(qMax(first.oldNumber, first.newNumber)));
    } else if (diff.isEqual()) {
        summary += QLatin1Char(' ') + tr("The payloads are equal.");
    } else {
        summary += QLatin1Char(' ') + tr("%Ln line(s) removed", nullptr, diff.removedCount) +
                   QStringLiteral(", ") + tr("%Ln line(s) added", nullptr, diff.addedCount) +
                   QLatin1Char('.');
    }
    m_summary->setText(summary);
    m_stack->setCurrentWidget(m_text);
}

void DiffView::showBytes(const QByteArray &oldPayload, const QByteArray &newPayload)
{
    const PayloadDiff::ByteDiff &diff = m_result.bytes;
    const qsizetype longest = qMax(oldPayload.size(), newPayload.size());
    // Rows around each range, nearby ranges sharing their rows: [first, last) in rows.
    struct Block
    {
        qsizetype firstRow = 0;
        qsizetype endRow = 0;
    };
    QList<Block> blocks;
    for (int i = 0; i < diff.ranges.size() && i < MaximumShownByteRanges; ++i) {
        const PayloadDiff::ByteRange &range = diff.ranges.at(i);
        const qsizetype first = qMax<qsizetype>(0, range.offset - ByteContext) / BytesPerRow;
        const qsizetype end =
                (qMin(longest, range.offset + range.length + ByteContext) + BytesPerRow - 1) /
                BytesPerRow;
        if (!blocks.isEmpty() && first <= blocks.last().endRow)
            blocks.last().endRow = qMax(blocks.last().endRow, end);
        else
            blocks.append(Block{first, end});
    }

    QString text;
    // One hex row of a payload: "- 00000010  7b 22 ...  |{"...|", its differing bytes marked.
    const auto hexRow = [&](QChar sign, const QByteArray &bytes, const QByteArray &other,
                            qsizetype row, ChangeKind beyondOther) {
        const qsizetype offset = row * BytesPerRow;
        text += sign + QLatin1Char(' ') + hexOffset(offset) + QStringLiteral("  ");
        QString ascii;
        for (qsizetype i = offset; i < offset + BytesPerRow; ++i) {
            if (i >= bytes.size()) {
                text += QStringLiteral("   ");
                continue;
            }
            const auto byte = quint8(bytes.at(i));
            const bool differs = i >= other.size() || quint8(other.at(i)) != byte;
            if (differs) {
                const ChangeKind kind = i >= other.size() ? beyondOther : ChangeKind::Changed;
                // Runs of marked bytes are one mark (the space between them included).
                if (!m_marks.isEmpty() &&
                    m_marks.last().start + m_marks.last().length + 1 == text.size() &&
                    m_marks.last().kind == kind)
                    m_marks.last().length += 3;
                else
                    m_marks.append(Mark{int(text.size()), 2, kind, MarkExtent::Characters});
            }
            text += QStringLiteral("%1 ").arg(byte, 2, 16, QLatin1Char('0'));
            ascii += (byte >= 0x20 && byte < 0x7f) ? QChar(char16_t(byte)) : QLatin1Char('.');
        }
        text += QStringLiteral(" |") + ascii + QStringLiteral("|\n");
    };
    for (const Block &block : blocks) {
        text += tr("At byte %1 (0x%2):")
                        .arg(QLocale().toString(block.firstRow * BytesPerRow),
                             hexOffset(block.firstRow * BytesPerRow)) +
                QLatin1Char('\n');
        const qsizetype end = qMin(block.endRow, block.firstRow + MaximumRowsPerBlock);
        for (qsizetype row = block.firstRow; row < end; ++row) {
            if (row * BytesPerRow < oldPayload.size())
                hexRow(QLatin1Char('-'), oldPayload, newPayload, row, ChangeKind::Removed);
            if (row * BytesPerRow < newPayload.size())
                hexRow(QLatin1Char('+'), newPayload, oldPayload, row, ChangeKind::Added);
        }
        if (block.endRow > end)
            text += tr("⋯ %Ln more row(s)", nullptr, int(block.endRow - end)) + QLatin1Char('\n');
    }
    if (diff.ranges.size() > MaximumShownByteRanges || diff.truncated)
        text += tr("⋯ more differences are not shown") + QLatin1Char('\n');
    text.chop(1);
    m_text->setPlainText(text);
    applyMarks();

    const QLocale locale;
    QString summary = tr("Compared byte by byte, at the same offsets (old %1, new %2).")
                              .arg(tr("%Ln byte(s)", nullptr, int(diff.oldSize)),
                                   tr("%Ln byte(s)", nullptr, int(diff.newSize)));
    if (diff.isEqual())
        summary += QLatin1Char(' ') + tr("The payloads are equal.");
    else
        summary +=
                QLatin1Char(' ') + tr("%Ln byte(s) differ", nullptr, int(diff.differingBytes)) +
                QStringLiteral(", ") +
                (diff.truncated ? tr("in more than %Ln range(s)", nullptr, int(diff.ranges.size()))
                                : tr("in %Ln range(s)", nullptr, int(diff.ranges.size()))) +
                QLatin1Char('.');
    m_summary->setText(summary);
    m_stack->setCurrentWidget(m_text);
}

void DiffView::applyMarks()
{
    QList<QTextEdit::ExtraSelection> selections;
    selections.reserve(m_marks.size());
    const QPalette palette = m_text->palette();
    for (const Mark &mark : std::as_const(m_marks)) {
        QTextEdit::ExtraSelection selection;
        selection.cursor = QTextCursor(m_text->document());
        selection.cursor.setPosition(mark.start);
        if (mark.extent == MarkExtent::WholeLine) {
            selection.format.setProperty(QTextFormat::FullWidthSelection, true);
        } else {
            selection.cursor.setPosition(mark.start + mark.length, QTextCursor::KeepAnchor);
        }
        selection.format.setBackground(Theme::color(roleOf(mark.kind), palette));
        selections.append(selection);
    }
    m_text->setExtraSelections(selections);
}

void DiffView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyMarks();
        paintRows();
    }
}
