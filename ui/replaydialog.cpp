// SPDX-License-Identifier: Apache-2.0
#include "replaydialog.h"

#include "connectionworkspace.h"
#include "ui_replaydialog.h"

#include <QCloseEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QPushButton>
#include <QSettings>

ReplayDialog::ReplayDialog(QWidget *parent)
    : QDialog(parent), m_ui(std::make_unique<Ui::ReplayDialog>())
{
    m_ui->setupUi(this);
    setObjectName(QStringLiteral("replayDialog"));
    m_ui->qosCombo->addItem(tr("As recorded"));
    m_ui->qosCombo->addItem(tr("0 (at most once)"), 0);
    m_ui->qosCombo->addItem(tr("1 (at least once)"), 1);
    m_ui->qosCombo->addItem(tr("2 (exactly once)"), 2);
    m_startButton = m_ui->buttonBox->addButton(tr("&Start"), QDialogButtonBox::ActionRole);
    m_startButton->setObjectName(QStringLiteral("replayStartButton"));
    m_stopButton = m_ui->buttonBox->addButton(tr("S&top"), QDialogButtonBox::ActionRole);
    m_stopButton->setObjectName(QStringLiteral("replayStopButton"));
    connect(m_startButton, &QPushButton::clicked, this, &ReplayDialog::start);
    connect(m_stopButton, &QPushButton::clicked, this, &ReplayDialog::stop);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &QDialog::close);
    connect(m_ui->browseButton, &QPushButton::clicked, this, &ReplayDialog::browse);
    connect(m_ui->recordedPaceButton, &QRadioButton::toggled, m_ui->speedSpin, &QWidget::setEnabled);
    connect(m_ui->fileEdit, &QLineEdit::textChanged, this, &ReplayDialog::updateButtons);
    updateButtons();
}

ReplayDialog::~ReplayDialog() = default;

void ReplayDialog::setWorkspaces(const QList<ConnectionWorkspace *> &workspaces,
                                 ConnectionWorkspace *current)
{
    const QSignalBlocker blocker(m_ui->connectionCombo);
    m_ui->connectionCombo->clear();
    m_workspaces.clear();
    for (ConnectionWorkspace *workspace : workspaces) {
        if (!workspace->captureFile().isEmpty())
            continue; // a recording opened from a file publishes nowhere
        m_workspaces << workspace;
        m_ui->connectionCombo->addItem(workspace->name());
        if (workspace == current)
            m_ui->connectionCombo->setCurrentIndex(m_ui->connectionCombo->count() - 1);
    }
    updateButtons();
}

QString ReplayDialog::fileName() const
{
    return m_ui->fileEdit->text().trimmed();
}

void ReplayDialog::setFileName(const QString &path)
{
    m_ui->fileEdit->setText(path);
}

ConnectionWorkspace *ReplayDialog::workspace() const
{
    const int index = m_ui->connectionCombo->currentIndex();
    return index >= 0 && index < m_workspaces.size() ? m_workspaces.at(index).data() : nullptr;
}

void ReplayDialog::setWorkspace(ConnectionWorkspace *workspace)
{
    const int index = int(m_workspaces.indexOf(workspace));
    if (index >= 0)
        m_ui->connectionCombo->setCurrentIndex(index);
}

Capture::Replayer::Options ReplayDialog::options() const
{
    Capture::Replayer::Options options;
    options.pacing = m_ui->maxSpeedButton->isChecked() ? Capture::Replayer::Pacing::AsFastAsPossible
                                                       : Capture::Replayer::Pacing::Recorded;
    options.speed = m_ui->speedSpin->value();
    options.topicPrefix = m_ui->prefixEdit->text();
    const QVariant qos = m_ui->qosCombo->currentData();
    if (qos.isValid())
        options.qos = Mqtt::QoS(qos.toInt());
    options.looping = m_ui->loopCheck->isChecked() ? Capture::Replayer::Looping::Forever
                                                   : Capture::Replayer::Looping::Once;
    return options;
}

void ReplayDialog::setOptions(const Capture::Replayer::Options &options)
{
    m_ui->maxSpeedButton->setChecked(options.pacing == Capture::Replayer::Pacing::AsFastAsPossible);
    m_ui->recordedPaceButton->setChecked(options.pacing == Capture::Replayer::Pacing::Recorded);
    m_ui->speedSpin->setValue(options.speed);
    m_ui->prefixEdit->setText(options.topicPrefix);
    m_ui->qosCombo->setCurrentIndex(options.qos ? int(*options.qos) + 1 : 0);
    m_ui->loopCheck->setChecked(options.looping == Capture::Replayer::Looping::Forever);
}

bool ReplayDialog::start()
{
    if (isRunning())
        return false;
    ConnectionWorkspace *target = workspace();
    if (!target) {
        m_ui->statusLabel->setText(tr("Open a connection to replay through."));
        return false;
    }
    m_replayer = std::make_unique<Capture::Replayer>(target->client());
    connect(m_replayer.get(), &Capture::Replayer::progressChanged, this, &ReplayDialog::onProgress);
    connect(m_replayer.get(), &Capture::Replayer::finished, this, &ReplayDialog::onFinished);
    // Shown in that connection's log as sent, with the broker's answer.
    connect(m_replayer.get(), &Capture::Replayer::messagePublished, target,
            &ConnectionWorkspace::recordPublished);
    // The connection closed under the replay: the replayer goes with its client.
    disconnect(m_targetDestroyed);
    m_targetDestroyed = connect(target, &QObject::destroyed, this, [this] {
        m_replayer.reset();
        m_running.clear();
        updateButtons();
    });
    QString problem;
    if (!m_replayer->start(fileName(), options(), &problem)) {
        m_replayer.reset();
        m_ui->statusLabel->setText(tr("Cannot replay: %1").arg(problem));
        return false;
    }
    m_running = target;
    QSettings().setValue(QStringLiteral("recording/folder"), QFileInfo(fileName()).absolutePath());
    m_ui->progressBar->setValue(0);
    m_ui->statusLabel->setText(tr("Replaying through %1…").arg(target->name()));
    updateButtons();
    return true;
}

void ReplayDialog::stop()
{
    if (m_replayer)
        m_replayer->stop();
}

bool ReplayDialog::isRunning() const
{
    return m_replayer && m_replayer->isRunning();
}

QString ReplayDialog::statusText() const
{
    return m_ui->statusLabel->text();
}

int ReplayDialog::progressValue() const
{
    return m_ui->progressBar->value();
}

void ReplayDialog::onProgress(qint64 published, double progress)
{
    m_ui->progressBar->setValue(int(progress * 1000));
    const int loop = m_replayer ? m_replayer->loop() : 1;
    const QString count = tr("%Ln message(s) published", nullptr, int(published));
    m_ui->statusLabel->setText(loop > 1 ? tr("%1 (pass %2)").arg(count).arg(loop) : count);
}

void ReplayDialog::onFinished(Capture::Replayer::Outcome outcome, const QString &problem)
{
    const qint64 published = m_replayer ? m_replayer->publishedCount() : 0;
    const QString count = tr("%Ln message(s) published", nullptr, int(published));
    switch (outcome) {
    case Capture::Replayer::Outcome::Completed:
        m_ui->progressBar->setValue(m_ui->progressBar->maximum());
        m_ui->statusLabel->setText(problem.isEmpty() ? tr("Done: %1.").arg(count)
                                                     : tr("Done: %1; %2").arg(count, problem));
        break;
    case Capture::Replayer::Outcome::Stopped:
        m_ui->statusLabel->setText(tr("Stopped: %1.").arg(count));
        break;
    case Capture::Replayer::Outcome::Failed:
        m_ui->statusLabel->setText(tr("Failed after %1: %2").arg(count, problem));
        break;
    }
    m_running.clear();
    updateButtons();
    Q_EMIT replayFinished(outcome);
}

void ReplayDialog::browse()
{
    const QString folder = QSettings().value(QStringLiteral("recording/folder")).toString();
    const QString path = QFileDialog::getOpenFileName(this, tr("Replay recording"),
                                                      fileName().isEmpty() ? folder : fileName(),
                                                      tr("Capture files (*.jsonl);;All files (*)"));
    if (!path.isEmpty())
        setFileName(path);
}

void ReplayDialog::updateButtons()
{
    const bool running = isRunning();
    m_startButton->setEnabled(!running && !fileName().isEmpty() && workspace());
    m_stopButton->setEnabled(running);
    for (QWidget *field :
         {static_cast<QWidget *>(m_ui->fileEdit), static_cast<QWidget *>(m_ui->browseButton),
          static_cast<QWidget *>(m_ui->connectionCombo),
          static_cast<QWidget *>(m_ui->recordedPaceButton),
          static_cast<QWidget *>(m_ui->maxSpeedButton), static_cast<QWidget *>(m_ui->prefixEdit),
          static_cast<QWidget *>(m_ui->qosCombo), static_cast<QWidget *>(m_ui->loopCheck)})
        field->setEnabled(!running);
    m_ui->speedSpin->setEnabled(!running && m_ui->recordedPaceButton->isChecked());
}

void ReplayDialog::closeEvent(QCloseEvent *event)
{
    // Closing the dialog ends the replay: nothing runs that the user cannot see or stop.
    stop();
    QDialog::closeEvent(event);
}
