#pragma once

#include "configbundle.h"

#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>

namespace Gatehouse::Core {

// Gatehouse's own record of what it published to remote repos. A Pipy repo keeps only its
// current version, so history and rollback for remote targets come from here: one JSON line
// per publish (time, target, version it became, message, content hash and the files sent),
// in <directory>/<hash of the target>.jsonl, appended and fsync'd. A line cut short by a
// crash is skipped when reading.
//
// Default directory: $GATEHOUSE_PUBLISH_LOG_DIR, else <AppDataLocation>/publish-log (beside
// the user's settings). Thread: a plain object; several processes may append at once (each
// line is one write(2) on an O_APPEND file).
class PublishLog
{
public:
    struct Entry
    {
        QDateTime time; // UTC
        QString target;
        QString version;
        QString previousVersion;
        QString message;
        QByteArray hash;
        ConfigBundle bundle;
    };

    explicit PublishLog(const QString &directory = QString());

    static QString defaultDirectory();
    QString directory() const { return m_dir; }
    QString fileFor(const QString &target) const;

    bool append(const Entry &entry, QString *error);
    // Entries for `target`, oldest first.
    QList<Entry> entries(const QString &target) const;
    std::optional<Entry> find(const QString &target, const QString &version) const;

private:
    QString m_dir;
};

} // namespace Gatehouse::Core
