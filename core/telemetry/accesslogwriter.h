#pragma once

#include "requestrecord.h"

#include <QByteArray>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <map>
#include <memory>
#include <vector>

namespace Gatehouse::Core {

class CompiledConfig;

// FGW's `AccessLog` files: one text line per request, in FGW's field order (see README,
// "Differences from FGW"):
//
//   client "consumer" [Wed Nov 25 2026 21:26:24 GMT+0000] duration_ms host "path?query"
//   request_head_bytes request_body_bytes status response_head_bytes response_body_bytes
//   "user-agent" "x-forwarded-for" "referer"
//
// Fed from the telemetry batches (never from the workers' data path), so a slow or full disk
// costs the workers nothing. Lines are buffered per file and written at least once a second,
// when 64 KiB are pending, and on stop. Each second the path is checked: when the file was
// moved or deleted (logrotate), it is reopened at its path; reopen() (SIGHUP) does it at once.
// A file that cannot be opened or written is reported once through problem(), its lines are
// counted as lost, and recovery is reported too.
//
// Lives in: its own thread (EngineController moves it there); call it through queued
// invocations or signals only.
class AccessLogWriter : public QObject
{
    Q_OBJECT
public:
    static constexpr int FlushIntervalMs = 1000;
    static constexpr qsizetype FlushBytes = 64 * 1024;

    explicit AccessLogWriter(QObject *parent = nullptr);
    ~AccessLogWriter() override;

    // The config whose routes the next records refer to (older generations are kept for
    // records still in flight). Opens the files it names; closes files no kept config names.
    void setConfig(std::shared_ptr<const CompiledConfig> config);
    void write(std::shared_ptr<const std::vector<Gatehouse::Core::RequestRecord>> records);
    // Writes what is buffered.
    void flush();
    // Closes and reopens every file at its path (SIGHUP after log rotation).
    void reopen();
    // Flushes and closes everything.
    void stop();

    // One line, without the line break (also for tests); the date is in local time.
    static QByteArray formatLine(const RequestRecord &record);
    // The same, with the line break, appended to `out`.
    static void appendLine(QByteArray &out, const RequestRecord &record);

    quint64 linesWritten() const { return m_linesWritten; }

signals:
    void problem(const QString &message);

private:
    struct File
    {
        QString path;
        int fd = -1;
        QByteArray pending;
        quint64 pendingLines = 0;
        quint64 lost = 0;
        bool failing = false; // problem() said so already
    };
    File &file(const QString &path);
    bool open(File &f);
    void close(File &f);
    void writeOut(File &f);
    void checkMoved();
    void fail(File &f, const QString &what, int error);

    std::map<quint64, std::shared_ptr<const CompiledConfig>> m_configs; // by generation
    std::vector<std::unique_ptr<File>> m_files;
    QTimer m_timer;
    quint64 m_linesWritten = 0;
};

} // namespace Gatehouse::Core
