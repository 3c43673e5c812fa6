#include "accesslogwriter.h"

#include "engine/compiledconfig.h"
#include "util/crossthread.h"

#include <QFile>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Gatehouse::Core {

namespace {

// Configs kept for records that arrive after a reload (a batch is at most a few hundred ms old).
constexpr size_t KeptConfigs = 4;

// A line is built in a stack buffer: field sizes are bounded by RequestRecord (every byte
// escaped four times over still fits), so no check per byte and no QByteArray per byte.
constexpr size_t MaxLine = 4096;

// A quoted field: '"', '\\' and control bytes are escaped, so a line always parses.
char *putQuoted(char *out, const char *text)
{
    static const char hex[] = "0123456789abcdef";
    *out++ = '"';
    for (const char *p = text; *p; ++p) {
        const auto c = static_cast<unsigned char>(*p);
        if (c == '"' || c == '\\') {
            *out++ = '\\';
            *out++ = char(c);
        } else if (c < 0x20 || c == 0x7f) {
            *out++ = '\\';
            *out++ = 'x';
            *out++ = hex[c >> 4];
            *out++ = hex[c & 15];
        } else {
            *out++ = char(c);
        }
    }
    *out++ = '"';
    return out;
}

char *putPlain(char *out, const char *text)
{
    if (!*text) {
        *out++ = '-';
        return out;
    }
    for (const char *p = text; *p; ++p)
        *out++ = (static_cast<unsigned char>(*p) <= 0x20 || *p == 0x7f) ? '_' : *p;
    return out;
}

char *putNumber(char *out, quint64 value)
{
    return std::to_chars(out, out + 24, value).ptr;
}

// JavaScript's Date.prototype.toString() without the zone name: "Wed Nov 25 2026 21:26:24
// GMT+0100", in local time.
void appendDate(QByteArray &out, qint64 ms)
{
    static const char days[] = "SunMonTueWedThuFriSat";
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
    const time_t t = time_t(ms / 1000);
    struct tm tm
    {
    };
    localtime_r(&t, &tm);
    const long offsetMin = tm.tm_gmtoff / 60;
    char buf[64];
    const int n
        = std::snprintf(buf, sizeof buf, "%.3s %.3s %02d %04d %02d:%02d:%02d GMT%c%02ld%02ld",
                        days + 3 * tm.tm_wday, months + 3 * tm.tm_mon, tm.tm_mday,
                        tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec,
                        offsetMin < 0 ? '-' : '+', labs(offsetMin) / 60, labs(offsetMin) % 60);
    out.append(buf, n);
}

} // namespace

AccessLogWriter::AccessLogWriter(QObject *parent)
    : QObject(parent)
    , m_timer(this)
{
    connect(&m_timer, &QTimer::timeout, this, [this] {
        checkMoved();
        flush();
    });
}

AccessLogWriter::~AccessLogWriter()
{
    stop();
}

QByteArray AccessLogWriter::formatLine(const RequestRecord &r)
{
    QByteArray line;
    appendLine(line, r);
    line.chop(1);
    return line;
}

void AccessLogWriter::appendLine(QByteArray &line, const RequestRecord &r)
{
    static_assert(
        sizeof r.host
            + 4 * (sizeof r.path + sizeof r.userAgent + sizeof r.forwardedFor + sizeof r.referer)
            + 256
        < MaxLine);
    char buf[MaxLine];
    char *out = buf;
    const quint32 ip = r.clientIp;
    out = putNumber(out, ip >> 24);
    *out++ = '.';
    out = putNumber(out, (ip >> 16) & 255);
    *out++ = '.';
    out = putNumber(out, (ip >> 8) & 255);
    *out++ = '.';
    out = putNumber(out, ip & 255);
    // No consumers in Gatehouse: the consumer name is always empty.
    std::memcpy(out, " \"\" [", 5);
    out += 5;
    // The date changes once a second: format it then only (localtime_r is not cheap).
    thread_local qint64 lastSecond = -1;
    thread_local QByteArray lastDate;
    if (r.timeMs / 1000 != lastSecond) {
        lastSecond = r.timeMs / 1000;
        lastDate.clear();
        appendDate(lastDate, r.timeMs);
    }
    std::memcpy(out, lastDate.constData(), size_t(lastDate.size())); // under 64 bytes
    out += lastDate.size();
    *out++ = ']';
    *out++ = ' ';
    out = putNumber(out, quint64(qMax(0, r.totalUs) / 1000));
    *out++ = ' ';
    out = putPlain(out, r.host);
    *out++ = ' ';
    out = putQuoted(out, r.path);
    for (const quint64 value : {quint64(r.requestHeadBytes), r.bytesIn, quint64(r.status),
                                quint64(r.responseHeadBytes), r.bytesOut}) {
        *out++ = ' ';
        out = putNumber(out, value);
    }
    *out++ = ' ';
    out = putQuoted(out, r.userAgent);
    *out++ = ' ';
    out = putQuoted(out, r.forwardedFor);
    *out++ = ' ';
    out = putQuoted(out, r.referer);
    *out++ = '\n';
    line.append(buf, out - buf);
}

void AccessLogWriter::setConfig(std::shared_ptr<const CompiledConfig> config)
{
    if (config) {
        m_configs[config->generation] = config;
        while (m_configs.size() > KeptConfigs)
            m_configs.erase(m_configs.begin());
    }
    QStringList wanted;
    for (const auto &[generation, c] : m_configs)
        wanted += c->accessLogFiles;
    for (auto it = m_files.begin(); it != m_files.end();) {
        if (!wanted.contains((*it)->path)) {
            writeOut(**it);
            close(**it);
            it = m_files.erase(it);
        } else {
            ++it;
        }
    }
    if (config) {
        for (const QString &path : config->accessLogFiles)
            open(file(path));
    }
    if (!m_files.empty() && !m_timer.isActive())
        m_timer.start(FlushIntervalMs);
}

AccessLogWriter::File &AccessLogWriter::file(const QString &path)
{
    for (auto &f : m_files) {
        if (f->path == path)
            return *f;
    }
    m_files.push_back(std::make_unique<File>());
    m_files.back()->path = path;
    return *m_files.back();
}

bool AccessLogWriter::open(File &f)
{
    if (f.fd >= 0)
        return true;
    f.fd = ::open(QFile::encodeName(f.path).constData(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC,
                  0644);
    if (f.fd < 0) {
        fail(f, tr("cannot open"), errno);
        return false;
    }
    if (f.failing) {
        f.failing = false;
        emit problem(tr("access log %1: writing again (%n line(s) lost)", nullptr,
                        int(qMin<quint64>(f.lost, INT_MAX)))
                         .arg(f.path));
        f.lost = 0;
    }
    return true;
}

void AccessLogWriter::close(File &f)
{
    if (f.fd >= 0)
        ::close(f.fd);
    f.fd = -1;
}

void AccessLogWriter::fail(File &f, const QString &what, int error)
{
    if (f.failing)
        return;
    f.failing = true;
    emit problem(
        tr("access log %1: %2: %3 (reported once; lines are counted as lost until it works again)")
            .arg(f.path, what, QString::fromLocal8Bit(std::strerror(error))));
}

void AccessLogWriter::write(std::shared_ptr<const std::vector<RequestRecord>> records)
{
    GATEHOUSE_TSAN_ACQUIRE_HAND_OFF(); // queued from the collector's thread
    for (const RequestRecord &r : *records) {
        const auto it = m_configs.find(r.configGeneration);
        const CompiledConfig *config = it != m_configs.end() ? it->second.get()
                                       : m_configs.empty()   ? nullptr
                                                             : m_configs.rbegin()->second.get();
        if (!config)
            continue;
        int index = config->unroutedAccessLog;
        if (r.routeId >= 0) {
            index = size_t(r.routeId) < config->routeAccessLog.size()
                        ? config->routeAccessLog[size_t(r.routeId)]
                        : -1;
        }
        if (index < 0)
            continue;
        File &f = file(config->accessLogFiles[index]);
        appendLine(f.pending, r);
        ++f.pendingLines;
        if (f.pending.size() >= FlushBytes)
            writeOut(f);
    }
}

void AccessLogWriter::writeOut(File &f)
{
    if (f.pending.isEmpty())
        return;
    const quint64 lines = f.pendingLines;
    f.pendingLines = 0;
    if (!open(f)) {
        f.lost += lines;
        f.pending.resize(0); // keeps the capacity
        return;
    }
    const char *p = f.pending.constData();
    qsizetype left = f.pending.size();
    while (left > 0) {
        const ssize_t n = ::write(f.fd, p, size_t(left));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            fail(f, tr("cannot write"), n < 0 ? errno : ENOSPC);
            f.lost += lines;
            close(f); // tried again at the next flush
            break;
        }
        p += n;
        left -= n;
    }
    if (left == 0)
        m_linesWritten += lines;
    f.pending.resize(0);
}

void AccessLogWriter::flush()
{
    for (auto &f : m_files)
        writeOut(*f);
}

void AccessLogWriter::checkMoved()
{
    for (auto &f : m_files) {
        if (f->fd < 0)
            continue;
        struct stat held
        {
        }, named{};
        if (::fstat(f->fd, &held) != 0
            || ::stat(QFile::encodeName(f->path).constData(), &named) != 0
            || held.st_dev != named.st_dev || held.st_ino != named.st_ino) {
            writeOut(*f); // the rest still goes to the moved file, then the path is reopened
            close(*f);
            open(*f);
        }
    }
}

void AccessLogWriter::reopen()
{
    for (auto &f : m_files) {
        writeOut(*f);
        close(*f);
        open(*f);
    }
}

void AccessLogWriter::stop()
{
    m_timer.stop();
    for (auto &f : m_files) {
        writeOut(*f);
        close(*f);
    }
}

} // namespace Gatehouse::Core
