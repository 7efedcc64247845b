// SPDX-License-Identifier: Apache-2.0
#include "scriptreport.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QHostInfo>
#include <QSaveFile>
#include <QXmlStreamWriter>

#include <algorithm>

namespace Script {

QString Location::toString() const
{
    if (!isKnown())
        return fileName;
    return QStringLiteral("%1:%2").arg(fileName).arg(line);
}

QString ScriptError::toString() const
{
    const QString where = location.toString();
    return where.isEmpty() ? message : QStringLiteral("%1: %2").arg(where, message);
}

int ScriptReport::failedTestCount() const
{
    return int(std::count_if(tests.cbegin(), tests.cend(),
                             [](const TestResult &test) { return !test.isPassed(); }));
}

int ScriptReport::failureCount() const
{
    return failedTestCount() + int(errors.size());
}

int exitCode(const ScriptReport &report)
{
    return std::min(report.failureCount(), MaximumFailureExit);
}

namespace {

QString seconds(qint64 milliseconds)
{
    return QString::number(double(milliseconds) / 1000.0, 'f', 3);
}

// A message with its location, as the body of a <failure> or <error>.
QString detail(const QString &message, const Location &location)
{
    return location.isKnown() ? QStringLiteral("%1: %2").arg(location.toString(), message)
                              : message;
}

} // namespace

QByteArray toJUnitXml(const ScriptReport &report)
{
    int failures = 0;
    int errors = int(report.errors.size());
    for (const TestResult &test : report.tests) {
        if (test.status == TestResult::Status::Failed)
            ++failures;
        else if (test.status == TestResult::Status::Interrupted)
            ++errors;
    }
    const int testCount = int(report.tests.size()) + int(report.errors.size());
    const QString suiteName = QFileInfo(report.fileName).fileName();
    const QString className = QFileInfo(report.fileName).completeBaseName();

    QByteArray xml;
    QXmlStreamWriter writer(&xml);
    writer.setAutoFormatting(true);
    writer.writeStartDocument();
    const auto writeCounts = [&] {
        writer.writeAttribute(QStringLiteral("tests"), QString::number(testCount));
        writer.writeAttribute(QStringLiteral("failures"), QString::number(failures));
        writer.writeAttribute(QStringLiteral("errors"), QString::number(errors));
        writer.writeAttribute(QStringLiteral("time"), seconds(report.durationMs));
    };
    writer.writeStartElement(QStringLiteral("testsuites"));
    writer.writeAttribute(QStringLiteral("name"), suiteName);
    writeCounts();
    writer.writeStartElement(QStringLiteral("testsuite"));
    writer.writeAttribute(QStringLiteral("name"), suiteName);
    writeCounts();
    writer.writeAttribute(QStringLiteral("skipped"), QStringLiteral("0"));
    writer.writeAttribute(QStringLiteral("timestamp"),
                          report.startTime.toUTC().toString(Qt::ISODate));
    writer.writeAttribute(QStringLiteral("hostname"), QHostInfo::localHostName());
    for (const TestResult &test : report.tests) {
        writer.writeStartElement(QStringLiteral("testcase"));
        writer.writeAttribute(QStringLiteral("name"), test.name);
        writer.writeAttribute(QStringLiteral("classname"), className);
        writer.writeAttribute(QStringLiteral("time"), seconds(test.durationMs));
        if (!test.isPassed()) {
            const bool interrupted = test.status == TestResult::Status::Interrupted;
            writer.writeStartElement(interrupted ? QStringLiteral("error")
                                                 : QStringLiteral("failure"));
            writer.writeAttribute(QStringLiteral("message"), test.message);
            writer.writeAttribute(QStringLiteral("type"), interrupted
                                                                  ? QStringLiteral("Interrupted")
                                                                  : QStringLiteral("Failure"));
            writer.writeCharacters(detail(test.message, test.location));
            writer.writeEndElement();
        }
        writer.writeEndElement();
    }
    for (const ScriptError &error : report.errors) {
        writer.writeStartElement(QStringLiteral("testcase"));
        writer.writeAttribute(QStringLiteral("name"), suiteName);
        writer.writeAttribute(QStringLiteral("classname"), className);
        writer.writeAttribute(QStringLiteral("time"), QStringLiteral("0.000"));
        writer.writeStartElement(QStringLiteral("error"));
        writer.writeAttribute(QStringLiteral("message"), error.message);
        writer.writeAttribute(QStringLiteral("type"), QStringLiteral("ScriptError"));
        writer.writeCharacters(detail(error.message, error.location));
        writer.writeEndElement();
        writer.writeEndElement();
    }
    if (!report.output.isEmpty())
        writer.writeTextElement(QStringLiteral("system-out"),
                                report.output.join(QLatin1Char('\n')) + QLatin1Char('\n'));
    writer.writeEndElement(); // testsuite
    writer.writeEndElement(); // testsuites
    writer.writeEndDocument();
    return xml;
}

bool writeJUnitXml(const ScriptReport &report, const QString &path, QString *problem)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(toJUnitXml(report)) < 0 || !file.commit()) {
        *problem = QCoreApplication::translate("Script", "cannot write %1: %2")
                           .arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace Script
