// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

// Profile passwords in the system keychain (QtKeychain), asynchronous. When no keychain service
// is available it says so (availability() and keychainUnavailable()), and the UI asks for the
// password at connect time instead. A password is never written anywhere else.
class SecretStore : public QObject
{
    Q_OBJECT

public:
    enum class Availability { Unknown, Available, Unavailable };
    Q_ENUM(Availability)

    enum class ErrorKind {
        NotFound, // nothing stored for this profile
        Unavailable, // no usable keychain service (missing, unreachable, or access refused)
        Other, // e.g. an entry that could not be deleted
    };
    Q_ENUM(ErrorKind)

    // service: the keychain's service name under which entries are filed.
    explicit SecretStore(QObject *parent = nullptr);
    explicit SecretStore(const QString &service, QObject *parent = nullptr);
    ~SecretStore() override;

    QString service() const;
    Availability availability() const; // Unknown until a first operation completed

    void writePassword(const QString &profileName, const QByteArray &password);
    void readPassword(const QString &profileName);
    void deletePassword(const QString &profileName);

Q_SIGNALS:
    void passwordWritten(const QString &profileName);
    void passwordRead(const QString &profileName, const QByteArray &password);
    void passwordDeleted(const QString &profileName);
    void errorOccurred(const QString &profileName, SecretStore::ErrorKind kind, const QString &text);
    void availabilityChanged(SecretStore::Availability availability);

private:
    void setAvailability(Availability availability);

    QString m_service;
    Availability m_availability = Availability::Unknown;
};
