#include "publishpane.h"
#include "ui_publishpane.h"

#include "client.h"
#include "topic.h"

#include <QCompleter>
#include <QFontDatabase>
#include <QPushButton>
#include <QSettings>
#include <QStringListModel>
#include <QTime>

namespace {

const char HistoryKey[] = "publish/history";

QString formatName(PayloadFormat::Format format)
{
    switch (format) {
    case PayloadFormat::Format::Text:
        return QStringLiteral("text");
    case PayloadFormat::Format::Json:
        return QStringLiteral("json");
    case PayloadFormat::Format::Hex:
        return QStringLiteral("hex");
    case PayloadFormat::Format::Base64:
        return QStringLiteral("base64");
    }
    return QStringLiteral("text");
}

PayloadFormat::Format formatFromName(const QString &name)
{
    if (name == QLatin1String("json"))
        return PayloadFormat::Format::Json;
    if (name == QLatin1String("hex"))
        return PayloadFormat::Format::Hex;
    if (name == QLatin1String("base64"))
        return PayloadFormat::Format::Base64;
    return PayloadFormat::Format::Text;
}

} // namespace

PublishPane::PublishPane(QWidget *parent) : QWidget(parent), m_ui(new Ui::PublishPane)
{
    m_ui->setupUi(this);
    m_ui->formatCombo->addItem(tr("Text"), QVariant::fromValue(PayloadFormat::Format::Text));
    m_ui->formatCombo->addItem(tr("JSON"), QVariant::fromValue(PayloadFormat::Format::Json));
    m_ui->formatCombo->addItem(tr("Hex"), QVariant::fromValue(PayloadFormat::Format::Hex));
    m_ui->formatCombo->addItem(tr("Base64"), QVariant::fromValue(PayloadFormat::Format::Base64));
    m_ui->qosCombo->addItem(tr("0 - at most once"), 0);
    m_ui->qosCombo->addItem(tr("1 - at least once"), 1);
    m_ui->qosCombo->addItem(tr("2 - exactly once"), 2);
    m_ui->payloadEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_ui->publishButton->setToolTip(tr("Publish (Ctrl+Return)"));

    m_topicModel = new QStringListModel(this);
    m_completer = new QCompleter(m_topicModel, this);
    m_completer->setCaseSensitivity(Qt::CaseSensitive);
    m_completer->setFilterMode(Qt::MatchContains);
    m_ui->topicEdit->setCompleter(m_completer);

    // Topics arrive at message rate; the completer's list is refreshed a few times a second.
    m_topicFlushTimer.setInterval(500);
    m_topicFlushTimer.setSingleShot(true);
    connect(&m_topicFlushTimer, &QTimer::timeout, this, &PublishPane::flushKnownTopics);

    connect(&m_repeatTimer, &QTimer::timeout, this, [this] {
        if (publish() == 0)
            stopRepeating();
    });
    connect(m_ui->publishButton, &QPushButton::clicked, this, &PublishPane::trigger);
    connect(m_ui->repeatCheck, &QCheckBox::toggled, this, [this](bool on) {
        if (!on)
            stopRepeating();
        updatePublishButton();
    });
    connect(m_ui->repeatSpin, &QSpinBox::valueChanged, this,
            [this](int value) { m_repeatTimer.setInterval(value); });
    connect(m_ui->formatCombo, &QComboBox::currentIndexChanged, this, &PublishPane::validatePayload);
    connect(m_ui->payloadEdit, &QPlainTextEdit::textChanged, this, &PublishPane::validatePayload);
    connect(m_ui->topicEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (text.isEmpty()) {
            showStatus(QString());
            return;
        }
        const Mqtt::Error error = Mqtt::validateTopicName(text);
        if (error)
            showError(error.text);
        else
            validatePayload();
    });
    connect(m_ui->historyCombo, &QComboBox::activated, this, &PublishPane::onHistoryActivated);

    loadHistory();
    updatePublishButton();
}

PublishPane::~PublishPane() = default;

void PublishPane::setClient(Mqtt::Client *client)
{
    if (m_client)
        m_client->disconnect(this);
    m_client = client;
    if (m_client)
        connect(m_client, &Mqtt::Client::messagePublished, this, &PublishPane::onAcknowledged);
}

void PublishPane::addKnownTopic(const QString &topic)
{
    if (m_knownTopics.contains(topic))
        return;
    m_knownTopics.insert(topic);
    m_pendingTopics.append(topic);
    if (!m_topicFlushTimer.isActive())
        m_topicFlushTimer.start();
}

void PublishPane::flushKnownTopics()
{
    if (m_pendingTopics.isEmpty())
        return;
    const int row = m_topicModel->rowCount();
    m_topicModel->insertRows(row, int(m_pendingTopics.size()));
    for (int i = 0; i < m_pendingTopics.size(); ++i)
        m_topicModel->setData(m_topicModel->index(row + i), m_pendingTopics.at(i));
    m_pendingTopics.clear();
    m_topicModel->sort(0);
}

QString PublishPane::topic() const
{
    return m_ui->topicEdit->text();
}

void PublishPane::setTopic(const QString &topic)
{
    m_ui->topicEdit->setText(topic);
}

PayloadFormat::Format PublishPane::payloadFormat() const
{
    return m_ui->formatCombo->currentData().value<PayloadFormat::Format>();
}

void PublishPane::setPayloadFormat(PayloadFormat::Format format)
{
    m_ui->formatCombo->setCurrentIndex(m_ui->formatCombo->findData(QVariant::fromValue(format)));
}

QString PublishPane::payloadText() const
{
    return m_ui->payloadEdit->toPlainText();
}

void PublishPane::setPayloadText(const QString &text)
{
    m_ui->payloadEdit->setPlainText(text);
}

Mqtt::QoS PublishPane::qos() const
{
    return Mqtt::QoS(m_ui->qosCombo->currentData().toInt());
}

void PublishPane::setQos(Mqtt::QoS qos)
{
    m_ui->qosCombo->setCurrentIndex(m_ui->qosCombo->findData(int(qos)));
}

bool PublishPane::isRetain() const
{
    return m_ui->retainCheck->isChecked();
}

void PublishPane::setRetain(bool retain)
{
    m_ui->retainCheck->setChecked(retain);
}

QString PublishPane::statusText() const
{
    return m_ui->statusLabel->text();
}

void PublishPane::showError(const QString &text)
{
    m_ui->statusLabel->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_ui->statusLabel->setText(text);
}

void PublishPane::showStatus(const QString &text)
{
    m_ui->statusLabel->setStyleSheet(QString());
    m_ui->statusLabel->setText(text);
}

bool PublishPane::encodePayload(QByteArray *payload, QString *problem) const
{
    const PayloadFormat::EncodeResult result =
            PayloadFormat::encode(payloadText(), payloadFormat());
    if (!result.isValid()) {
        *problem = result.error;
        return false;
    }
    *payload = result.bytes;
    return true;
}

void PublishPane::validatePayload()
{
    if (const Mqtt::Error error = Mqtt::validateTopicName(topic()); error && !topic().isEmpty()) {
        showError(error.text);
        return;
    }
    QByteArray payload;
    QString problem;
    if (!encodePayload(&payload, &problem))
        showError(problem);
    else
        showStatus(QString());
}

void PublishPane::updatePublishButton()
{
    if (isRepeating())
        m_ui->publishButton->setText(tr("&Stop repeating"));
    else if (m_ui->repeatCheck->isChecked())
        m_ui->publishButton->setText(tr("Start &repeating"));
    else
        m_ui->publishButton->setText(tr("&Publish"));
    m_ui->repeatSpin->setEnabled(!isRepeating());
}

void PublishPane::trigger()
{
    if (isRepeating()) {
        stopRepeating();
        return;
    }
    if (publish() == 0)
        return;
    if (m_ui->repeatCheck->isChecked()) {
        m_repeatTimer.start(m_ui->repeatSpin->value());
        updatePublishButton();
    }
}

void PublishPane::stopRepeating()
{
    m_repeatTimer.stop();
    updatePublishButton();
}

quint64 PublishPane::publish()
{
    // A topic name never carries wildcards [MQTT-3.3.2-2]; refuse before anything is sent.
    if (const Mqtt::Error error = Mqtt::validateTopicName(topic())) {
        showError(error.text);
        return 0;
    }
    Mqtt::Message message;
    message.topic = topic();
    message.qos = qos();
    message.retain = isRetain();
    QString problem;
    if (!encodePayload(&message.payload, &problem)) {
        showError(problem);
        return 0;
    }
    if (!m_client) {
        showError(tr("Not connected to a broker"));
        return 0;
    }
    Mqtt::Error error;
    const quint64 token = m_client->publish(message, &error);
    if (token == 0) {
        showError(error.text.isEmpty() ? tr("The message was not sent") : error.text);
        return 0;
    }
    const QString time = QTime::currentTime().toString(QStringLiteral("HH:mm:ss"));
    if (message.qos == Mqtt::QoS::AtMostOnce) {
        showStatus(tr("Sent to %1 at %2").arg(message.topic, time));
    } else {
        m_pendingAcks.insert(token, message.topic);
        showStatus(tr("Sent to %1 at %2, waiting for the broker to acknowledge it (QoS %3)")
                           .arg(message.topic, time)
                           .arg(int(message.qos)));
    }
    rememberInHistory({message.topic, payloadText(), payloadFormat(), message.qos, message.retain});
    Q_EMIT messagePublished(message);
    return token;
}

void PublishPane::onAcknowledged(quint64 token)
{
    const auto it = m_pendingAcks.constFind(token);
    if (it == m_pendingAcks.constEnd())
        return;
    const QString topic = it.value();
    m_pendingAcks.erase(it);
    showStatus(tr("The broker acknowledged the message to %1 at %2")
                       .arg(topic, QTime::currentTime().toString(QStringLiteral("HH:mm:ss"))));
}

void PublishPane::onHistoryActivated(int index)
{
    if (index < 0 || index >= m_history.size())
        return;
    const HistoryEntry entry = m_history.at(index);
    setTopic(entry.topic);
    setPayloadFormat(entry.format);
    setPayloadText(entry.payload);
    setQos(entry.qos);
    setRetain(entry.retain);
}

void PublishPane::loadHistory()
{
    QSettings settings;
    const QVariantList list = settings.value(QLatin1String(HistoryKey)).toList();
    m_history.clear();
    for (const QVariant &item : list) {
        const QVariantMap map = item.toMap();
        HistoryEntry entry;
        entry.topic = map.value(QStringLiteral("topic")).toString();
        entry.payload = map.value(QStringLiteral("payload")).toString();
        entry.format = formatFromName(map.value(QStringLiteral("format")).toString());
        entry.qos = Mqtt::QoS(qBound(0, map.value(QStringLiteral("qos")).toInt(), 2));
        entry.retain = map.value(QStringLiteral("retain")).toBool();
        if (!entry.topic.isEmpty() && m_history.size() < maximumHistory())
            m_history.append(entry);
    }
    refreshHistoryCombo();
}

void PublishPane::saveHistory()
{
    QVariantList list;
    for (const HistoryEntry &entry : std::as_const(m_history)) {
        list.append(QVariantMap{{QStringLiteral("topic"), entry.topic},
                                {QStringLiteral("payload"), entry.payload},
                                {QStringLiteral("format"), formatName(entry.format)},
                                {QStringLiteral("qos"), int(entry.qos)},
                                {QStringLiteral("retain"), entry.retain}});
    }
    QSettings settings;
    settings.setValue(QLatin1String(HistoryKey), list);
}

void PublishPane::rememberInHistory(const HistoryEntry &entry)
{
    if (!m_history.isEmpty() && m_history.first() == entry)
        return; // repeated publishes do not flood the history
    m_history.removeAll(entry);
    m_history.prepend(entry);
    while (m_history.size() > maximumHistory())
        m_history.removeLast();
    saveHistory();
    refreshHistoryCombo();
}

void PublishPane::refreshHistoryCombo()
{
    m_ui->historyCombo->clear();
    for (const HistoryEntry &entry : std::as_const(m_history)) {
        QString preview = entry.payload.simplified();
        if (preview.size() > 40)
            preview = preview.left(40) + QChar(0x2026);
        m_ui->historyCombo->addItem(tr("%1 (QoS %2%3): %4")
                                            .arg(entry.topic)
                                            .arg(int(entry.qos))
                                            .arg(entry.retain ? tr(", retained") : QString())
                                            .arg(preview));
    }
    m_ui->historyCombo->setEnabled(!m_history.isEmpty());
    m_ui->historyCombo->setCurrentIndex(-1);
    m_ui->historyCombo->setPlaceholderText(m_history.isEmpty() ? tr("No messages published yet")
                                                               : tr("Recent messages"));
}
