// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "connectionprofile.h"

#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

class QSettings;

// Connection profiles kept with QSettings (INI) in the user's config folder. Passwords are never
// written here: see SecretStore.
class ProfileStore : public QObject
{
    Q_OBJECT

public:
    // Uses "profiles.ini" in QStandardPaths::AppConfigLocation (honours test mode).
    explicit ProfileStore(QObject *parent = nullptr);
    // Uses the given INI file (tests, portable setups).
    explicit ProfileStore(const QString &fileName, QObject *parent = nullptr);
    ~ProfileStore() override;

    QString fileName() const;

    QStringList profileNames() const; // sorted, case-insensitively
    bool contains(const QString &name) const;
    std::optional<ConnectionProfile> profile(const QString &name) const;

    // Adds a new profile; false when the name is empty or taken.
    bool addProfile(const ConnectionProfile &profile);
    // Adds or replaces the profile of that name; false when the name is empty.
    bool saveProfile(const ConnectionProfile &profile);
    // Copies a profile under a free name ("name (copy)", "name (copy 2)", ...); returns the new
    // name or an empty string when the source is unknown.
    QString duplicateProfile(const QString &name);
    // False when the old name is unknown or the new name is empty or taken.
    bool renameProfile(const QString &oldName, const QString &newName);
    bool removeProfile(const QString &name);

    QString lastUsedProfile() const; // empty when none (or it was removed)
    void setLastUsedProfile(const QString &name);

    // Writes pending changes to disk now (also done on destruction) and makes the file
    // readable and writable by its owner only (0600).
    void sync();
    // Sets an existing file's mode to 0600 (for every file the app writes in its config folder).
    static void restrictToOwner(const QString &fileName);

Q_SIGNALS:
    void profilesChanged();
    void lastUsedProfileChanged(const QString &name);

private:
    QString groupFor(const QString &name) const;
    void writeProfile(const ConnectionProfile &profile);

    std::unique_ptr<QSettings> m_settings;
};
