#pragma once

#include <QString>
#include <QStringList>

namespace Gatehouse::Core {

// The outcome of publishing to a local or a Pipy repo. Every failure says what was and was not
// written, so that a user (or a script) knows what the target holds now. A plain value.
struct PublishResult
{
    enum class Status {
        Ok,
        Unchanged,     // the target already holds exactly this content; nothing was written
        InvalidConfig, // refused before anything was written
        Unreachable,   // connection refused, timeout, DNS, TLS
        Refused,       // the target answered an error status (see httpStatus / error)
        Conflict,      // the target's version is not the one the caller expected
        Locked,        // another writer holds the local repo
        IoError,       // local file system failure
        Garbage,       // the target answered something that is not the protocol
    };

    Status status = Status::Ok;
    QString error;       // one sentence, translated; empty when ok
    int httpStatus = 0;  // remote failures: the status code, 0 when no answer
    QByteArray httpBody; // remote failures: the body the target sent

    QString previousVersion;      // the target's version before the publish ("" when none)
    QString version;              // the version the target holds after the publish
    QStringList written;          // paths uploaded/stored
    QStringList deleted;          // paths removed
    QStringList notWritten;       // paths that should have been written but were not
    bool committed = false;       // remote: the versioned PATCH succeeded; local: `current` moved
    QStringList instancesUpdated; // remote: instance names/ips that run `version`
    QStringList instancesPending; // remote: instances still on another version

    bool ok() const { return status == Status::Ok || status == Status::Unchanged; }
};

} // namespace Gatehouse::Core
