// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "payloadformat.h"

#include <QByteArrayView>
#include <QString>
#include <QStringList>

#include <optional>

// Big payloads as the views show them: a bounded part first (formatted off the UI thread), the
// rest on request, in pieces a text view takes without freezing. Never cut silently: the views
// say how much they show (notice()).
namespace PayloadFormat {

// Payloads above this many bytes are formatted off the UI thread.
inline constexpr qsizetype AsyncThreshold = 256 * 1024;
// How much of a big payload the views show until "Show all".
inline constexpr qsizetype PreviewBytes = 64 * 1024;
// Lines longer than this are broken for display in the bounded views (a text view lays out a
// line at once: a 10 MB line would freeze it).
inline constexpr int DisplayLineLength = 4096;
// The size of the pieces the full text comes in (about; cut after a line break when there is one).
inline constexpr int PieceLength = 16 * 1024;

struct BoundedDisplay
{
    QString text; // what to show
    Format format = Format::Text; // the format used (the sniffed one when none was asked)
    // How much of the whole the text shows: payload bytes, or for JSON characters of the
    // pretty-printed text, which is not the payload's size.
    qint64 shown = 0;
    qint64 total = 0;
    bool linesBroken = false; // lines longer than DisplayLineLength were broken
    bool isComplete() const { return shown >= total; }
};

// The format a payload is shown in when none is asked (sniff() without pretty-printing twice).
Format resolveFormat(QByteArrayView payload, std::optional<Format> format);
// The payload in the format (sniffed when none), at most about limit bytes of it (of the
// pretty-printed text for JSON); long lines broken.
BoundedDisplay toBoundedDisplay(QByteArrayView payload, std::optional<Format> format,
                                qsizetype limit = PreviewBytes);
// The whole payload in the format, long lines broken, in pieces of about PieceLength
// characters whose concatenation is the text.
QStringList toDisplayPieces(QByteArrayView payload, Format format, bool *linesBroken = nullptr);
// Breaks lines longer than length into several (true when it did).
bool breakLongLines(QString *text, int length = DisplayLineLength);
// Splits text into pieces of about length characters, after a line break when one is near.
QStringList splitIntoPieces(const QString &text, int length = PieceLength);
// "64.0 KiB", "10.0 MiB" (binary units, the locale's digits).
QString sizeText(qint64 bytes);
// What a view says above a bounded text: "Showing 64.0 KiB of 10.0 MiB", with why lines are broken.
QString notice(const BoundedDisplay &display);

} // namespace PayloadFormat
