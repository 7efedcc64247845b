// SPDX-License-Identifier: Apache-2.0
#include "secretstore.h"

#include <qt6keychain/keychain.h>

namespace {

const QString DefaultService = QStringLiteral("Switchboard MQTT");

SecretStore::ErrorKind kindOf(QKeychain::Error error)
{
    switch (error) {
    case QKeychain::EntryNotFound:
        return SecretStore::ErrorKind::NotFound;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
    // QtKeychain reports an unreachable secret service (no D-Bus session, no libsecret or
    // KWallet daemon) as OtherError: for the user it is the same as having no keychain.
    case QKeychain::OtherError:
        return SecretStore::ErrorKind::Unavailable;
    default:
        return SecretStore::ErrorKind::Other;
    }
}

// Every job: no plaintext fallback, ever (QtKeychain would otherwise write the password into a
// QSettings file when no keychain service answers).
template<typename Job>
Job *makeJob(const QString &service, const QString &key, QObject *parent)
{
    auto *job = new Job(service, parent);
    job->setInsecureFallback(false);
    job->setAutoDelete(true);
    job->setKey(key);
    return job;
}

} // namespace

SecretStore::SecretStore(QObject *parent) : SecretStore(DefaultService, parent) { }

SecretStore::SecretStore(const QString &service, QObject *parent)
    : QObject(parent), m_service(service)
{ }

SecretStore::~SecretStore() = default;

QString SecretStore::service() const
{
    return m_service;
}

SecretStore::Availability SecretStore::availability() const
{
    return m_availability;
}

void SecretStore::setAvailability(Availability availability)
{
    if (m_availability == availability)
        return;
    m_availability = availability;
    Q_EMIT availabilityChanged(availability);
}

void SecretStore::writePassword(const QString &profileName, const QByteArray &password)
{
    auto *job = makeJob<QKeychain::WritePasswordJob>(m_service, profileName, this);
    job->setBinaryData(password);
    connect(job, &QKeychain::Job::finished, this, [this, profileName](QKeychain::Job *done) {
        if (done->error() == QKeychain::NoError) {
            setAvailability(Availability::Available);
            Q_EMIT passwordWritten(profileName);
            return;
        }
        const ErrorKind kind = kindOf(done->error());
        if (kind == ErrorKind::Unavailable)
            setAvailability(Availability::Unavailable);
        Q_EMIT errorOccurred(
                profileName, kind,
                tr("Could not store the password in the keychain: %1").arg(done->errorString()));
    });
    job->start();
}

void SecretStore::readPassword(const QString &profileName)
{
    auto *job = makeJob<QKeychain::ReadPasswordJob>(m_service, profileName, this);
    connect(job, &QKeychain::Job::finished, this, [this, profileName](QKeychain::Job *done) {
        if (done->error() == QKeychain::NoError) {
            setAvailability(Availability::Available);
            Q_EMIT passwordRead(profileName,
                                static_cast<QKeychain::ReadPasswordJob *>(done)->binaryData());
            return;
        }
        const ErrorKind kind = kindOf(done->error());
        if (kind == ErrorKind::Unavailable)
            setAvailability(Availability::Unavailable);
        else if (kind == ErrorKind::NotFound)
            setAvailability(Availability::Available);
        Q_EMIT errorOccurred(profileName, kind,
                             kind == ErrorKind::NotFound
                                     ? tr("No password is stored for this profile.")
                                     : tr("Could not read the password from the keychain: %1")
                                               .arg(done->errorString()));
    });
    job->start();
}

void SecretStore::deletePassword(const QString &profileName)
{
    auto *job = makeJob<QKeychain::DeletePasswordJob>(m_service, profileName, this);
    connect(job, &QKeychain::Job::finished, this, [this, profileName](QKeychain::Job *done) {
        // Deleting what is not there leaves the wanted state: no password stored.
        if (done->error() == QKeychain::NoError || done->error() == QKeychain::EntryNotFound) {
            Q_EMIT passwordDeleted(profileName);
            return;
        }
        const ErrorKind kind = kindOf(done->error());
        if (kind == ErrorKind::Unavailable)
            setAvailability(Availability::Unavailable);
        Q_EMIT errorOccurred(
                profileName, kind,
                tr("Could not delete the password from the keychain: %1").arg(done->errorString()));
    });
    job->start();
}
