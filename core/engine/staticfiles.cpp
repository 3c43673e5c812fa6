#include "staticfiles.h"

#include "httpdate.h"
#include "mimetable_p.h"

#include <QDir>
#include <QFile>

#include <algorithm>
#include <array>
#include <cerrno>
#include <climits>
#include <cstdio>
#include <cstring>
#include <string>

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

namespace Gatehouse::Core {

namespace {

constexpr std::string_view s_notFound = "Not Found";
constexpr std::string_view s_badRequest = "Bad Request";
constexpr std::string_view s_forbidden = "Forbidden";
constexpr std::string_view s_notAllowed = "Method Not Allowed";

std::atomic<quint64> s_nextInstanceId{1};

qint64 coarseNowMs()
{
    timespec ts;
    ::clock_gettime(CLOCK_MONOTONIC_COARSE, &ts); // vDSO: no system call
    return qint64(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

struct RootCache
{
    struct Entry
    {
        quint64 id = 0;
        int fd = -1;
        qint64 openedMs = 0;
    };
    std::array<Entry, 8> entries;
    size_t next = 0;

    ~RootCache()
    {
        for (const Entry &e : entries) {
            if (e.fd >= 0)
                ::close(e.fd);
        }
    }
};
thread_local RootCache t_rootCache;

// Small files' answers (head fields and content) per worker thread, so that a hit costs one
// fstatat() instead of openat2 + fstat + pread + close. Never stale: every hit compares the
// file's current identity and times (device, inode, size, mtime, ctime, mode) with the cached
// ones, and a file is cached only when its ctime is at least MinAgeSec old, so that a change
// made in the same clock tick as the read (ctime has the kernel's coarse granularity) still
// shows up as a different ctime. Only the plain case is cached: GET or HEAD without
// conditionals, ranges or (with precompressed siblings on) Accept-Encoding, default try_files,
// and the request path naming the file itself (not an index). Heap only when an entry is
// filled; a direct-mapped table bounds the memory (Slots x MaxFile per thread).
struct FileCache
{
    static constexpr size_t Slots = 64;
    static constexpr qint64 MaxFile = 16 * 1024;
    struct Entry
    {
        quint64 owner = 0; // StaticFiles::m_id
        std::string path;  // normalised relative path
        dev_t dev = 0;
        ino_t ino = 0;
        off_t size = -1;
        timespec mtime{};
        timespec ctime{};
        mode_t mode = 0;
        std::string headers; // as StaticResponse::headers() for a 200
        std::string content;
    };
    std::array<Entry, Slots> entries;
    quint64 hits = 0;

    static size_t slotFor(quint64 owner, std::string_view path)
    {
        size_t h = size_t(owner) * 0x9e3779b97f4a7c15ull;
        for (const char c : path)
            h = (h ^ size_t(static_cast<unsigned char>(c))) * 0x100000001b3ull;
        return h % Slots;
    }
    static bool same(const struct stat &a, const Entry &e)
    {
        return a.st_dev == e.dev && a.st_ino == e.ino && a.st_size == e.size && a.st_mode == e.mode
               && a.st_mtim.tv_sec == e.mtime.tv_sec && a.st_mtim.tv_nsec == e.mtime.tv_nsec
               && a.st_ctim.tv_sec == e.ctime.tv_sec && a.st_ctim.tv_nsec == e.ctime.tv_nsec;
    }
};
thread_local FileCache t_fileCache;

// Set once a kernel answered ENOSYS (or a seccomp filter EPERM) to openat2.
std::atomic<bool> s_openat2Missing{false};

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
}

bool equalsNoCase(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i) {
        if (lower(a[i]) != lower(b[i]))
            return false;
    }
    return true;
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}

// Calls f(item) for each comma-separated, trimmed, non-empty list item.
template<typename F>
void forEachListItem(std::string_view list, F &&f)
{
    while (!list.empty()) {
        const size_t comma = list.find(',');
        const std::string_view item = trim(list.substr(0, comma));
        list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
        if (!item.empty())
            f(item);
    }
}

// Whether Accept-Encoding accepts `coding` (q > 0), explicitly or via '*'.
bool acceptsEncoding(std::string_view acceptEncoding, std::string_view coding)
{
    int verdict = -1; // -1 unknown, 0 refused, 1 accepted
    int wildcard = -1;
    forEachListItem(acceptEncoding, [&](std::string_view item) {
        const size_t semi = item.find(';');
        const std::string_view name = trim(item.substr(0, semi));
        bool zero = false;
        if (semi != std::string_view::npos) {
            std::string_view params = trim(item.substr(semi + 1));
            if (params.size() >= 2 && lower(params[0]) == 'q' && params[1] == '=') {
                const std::string_view q = trim(params.substr(2));
                zero = !q.empty() && q.find_first_not_of("0.") == std::string_view::npos;
            }
        }
        if (equalsNoCase(name, coding))
            verdict = zero ? 0 : 1;
        else if (name == "*")
            wildcard = zero ? 0 : 1;
    });
    return verdict >= 0 ? verdict == 1 : wildcard == 1;
}

// Writes an unsigned number in hex.
size_t putHex(char *p, unsigned long long v)
{
    char tmp[16];
    size_t n = 0;
    do {
        tmp[n++] = "0123456789abcdef"[v & 15];
        v >>= 4;
    } while (v != 0);
    for (size_t i = 0; i < n; ++i)
        p[i] = tmp[n - 1 - i];
    return n;
}

size_t putDecimal(char *p, unsigned long long v)
{
    char tmp[24];
    size_t n = 0;
    do {
        tmp[n++] = char('0' + v % 10);
        v /= 10;
    } while (v != 0);
    for (size_t i = 0; i < n; ++i)
        p[i] = tmp[n - 1 - i];
    return n;
}

// Strong ETag from what changes when the file does: inode, size, mtime (ns); `suffix` marks a
// precompressed representation.
std::string_view makeEtag(const struct stat &st, std::string_view suffix, char (&buf)[80])
{
    char *p = buf;
    *p++ = '"';
    p += putHex(p, static_cast<unsigned long long>(st.st_ino));
    *p++ = '-';
    p += putHex(p, static_cast<unsigned long long>(st.st_size));
    *p++ = '-';
    p += putHex(p, static_cast<unsigned long long>(st.st_mtim.tv_sec) * 1000000000ULL
                       + static_cast<unsigned long long>(st.st_mtim.tv_nsec));
    if (!suffix.empty()) // an empty view's data() may be null, which memcpy must never get
        std::memcpy(p, suffix.data(), suffix.size());
    p += suffix.size();
    *p++ = '"';
    return {buf, size_t(p - buf)};
}

bool etagListMatches(std::string_view list, std::string_view etag, bool weak)
{
    bool match = false;
    forEachListItem(list, [&](std::string_view item) {
        if (item == "*") {
            match = true;
            return;
        }
        if (item.size() > 2 && item[0] == 'W' && item[1] == '/') {
            if (!weak)
                return;
            item.remove_prefix(2);
        }
        if (item == etag)
            match = true;
    });
    return match;
}

// Parses "bytes=first-last" / "bytes=first-" / "bytes=-suffix" against `size`. Returns 1 with
// [first, last] set, 0 for unsatisfiable, -1 when the header is to be ignored (syntax, several
// ranges, other units).
int parseRange(std::string_view range, qint64 size, qint64 &first, qint64 &last)
{
    range = trim(range);
    if (range.size() < 6 || !equalsNoCase(range.substr(0, 6), "bytes="))
        return -1;
    range = trim(range.substr(6));
    if (range.find(',') != std::string_view::npos)
        return -1; // several ranges: answered with the whole file
    const size_t dash = range.find('-');
    if (dash == std::string_view::npos)
        return -1;
    auto number = [](std::string_view s, qint64 &v) {
        s = trim(s);
        if (s.empty() || s.size() > 18)
            return false;
        v = 0;
        for (const char c : s) {
            if (c < '0' || c > '9')
                return false;
            v = v * 10 + (c - '0');
        }
        return true;
    };
    const std::string_view a = trim(range.substr(0, dash));
    const std::string_view b = trim(range.substr(dash + 1));
    if (a.empty()) {
        qint64 suffix = 0;
        if (!number(b, suffix))
            return -1;
        if (suffix == 0 || size == 0)
            return 0;
        first = qMax<qint64>(0, size - suffix);
        last = size - 1;
        return 1;
    }
    if (!number(a, first))
        return -1;
    if (b.empty()) {
        last = size - 1;
    } else {
        if (!number(b, last) || last < first)
            return -1;
        last = qMin(last, size - 1);
    }
    return first < size ? 1 : 0;
}

void answerText(StaticResponse &out, int status, std::string_view text)
{
    out.status = status;
    out.body = text;
    out.length = qint64(text.size());
    out.sendBody = true;
}

} // namespace

// --- StaticResponse ---

StaticResponse::StaticResponse(StaticResponse &&other) noexcept
    : status(other.status)
    , fd(other.takeFd())
    , offset(other.offset)
    , length(other.length)
    , sendBody(other.sendBody)
    , body(other.body)
    , m_headersLength(other.m_headersLength)
{
    std::memcpy(m_headers, other.m_headers, size_t(m_headersLength));
}

StaticResponse &StaticResponse::operator=(StaticResponse &&other) noexcept
{
    if (this != &other) {
        if (fd >= 0)
            ::close(fd);
        status = other.status;
        fd = other.takeFd();
        offset = other.offset;
        length = other.length;
        sendBody = other.sendBody;
        body = other.body;
        m_headersLength = other.m_headersLength;
        std::memcpy(m_headers, other.m_headers, size_t(m_headersLength));
    }
    return *this;
}

StaticResponse::~StaticResponse()
{
    if (fd >= 0)
        ::close(fd);
}

bool StaticResponse::addHeader(std::string_view name, std::string_view value)
{
    const size_t need = name.size() + 2 + value.size() + 2;
    if (size_t(m_headersLength) + need > size_t(HeaderCapacity))
        return false;
    char *p = m_headers + m_headersLength;
    std::memcpy(p, name.data(), name.size());
    p += name.size();
    *p++ = ':';
    *p++ = ' ';
    if (!value.empty()) // an empty value may be a null view
        std::memcpy(p, value.data(), value.size());
    p += value.size();
    *p++ = '\r';
    *p++ = '\n';
    m_headersLength += int(need);
    return true;
}

std::optional<std::string_view> StaticResponse::header(std::string_view name) const
{
    std::string_view all = headers();
    while (!all.empty()) {
        const size_t eol = all.find("\r\n");
        const std::string_view line = all.substr(0, eol);
        all = eol == std::string_view::npos ? std::string_view() : all.substr(eol + 2);
        if (line.size() > name.size() + 1 && line.substr(0, name.size()) == name
            && line[name.size()] == ':')
            return trim(line.substr(name.size() + 1));
    }
    return std::nullopt;
}

// --- StaticFiles ---

StaticFiles::StaticFiles(Options options)
    : m_options(std::move(options))
    , m_id(s_nextInstanceId.fetch_add(1, std::memory_order_relaxed))
{
    m_rootPath = QFile::encodeName(QDir::cleanPath(m_options.root));
    while (m_rootPath.size() > 1 && m_rootPath.endsWith('/'))
        m_rootPath.chop(1);
    m_defaultMime = m_options.defaultMimeType.isEmpty()
                        ? QByteArrayLiteral("application/octet-stream")
                        : m_options.defaultMimeType;
}

StaticFiles::~StaticFiles() = default;

QString StaticFiles::resolveServerRoot(const QString &serverRoot, const QString &configDir)
{
    if (QDir::isAbsolutePath(serverRoot))
        return QDir::cleanPath(serverRoot);
    return QDir::cleanPath(configDir + QStringLiteral("/static/") + serverRoot);
}

std::optional<std::string_view> StaticFiles::mimeTypeFor(std::string_view fileName)
{
    const size_t slash = fileName.rfind('/');
    if (slash != std::string_view::npos)
        fileName.remove_prefix(slash + 1);
    const size_t dot = fileName.rfind('.');
    if (dot == std::string_view::npos || dot + 1 == fileName.size())
        return std::nullopt;
    const std::string_view ext = fileName.substr(dot + 1);
    char buf[16];
    if (ext.size() > sizeof buf)
        return std::nullopt;
    for (size_t i = 0; i < ext.size(); ++i)
        buf[i] = lower(ext[i]);
    const std::string_view key(buf, ext.size());
    const auto &table = MimeTable::s_entries;
    const auto it = std::lower_bound(
        table.begin(), table.end(), key,
        [](const MimeTable::Entry &e, std::string_view k) { return e.extension < k; });
    if (it == table.end() || it->extension != key)
        return std::nullopt;
    return it->type;
}

bool StaticFiles::normalisePath(
    std::string_view target, char *out, size_t capacity, size_t &length, bool &trailingSlash)
{
    length = 0;
    trailingSlash = false;
    target = target.substr(0, target.find_first_of("?#"));
    if (target.empty() || target.front() != '/')
        return false;
    trailingSlash = target.size() > 1 && target.back() == '/';
    size_t len = 0;
    size_t pos = 1;
    while (pos <= target.size()) {
        size_t end = target.find('/', pos);
        if (end == std::string_view::npos)
            end = target.size();
        const std::string_view raw = target.substr(pos, end - pos);
        pos = end + 1;

        const size_t start = len;
        size_t seg = len;
        if (len > 0) {
            if (seg >= capacity)
                return false;
            out[seg++] = '/';
        }
        const size_t segBegin = seg;
        for (size_t i = 0; i < raw.size(); ++i) {
            char c = raw[i];
            if (c == '%') {
                if (i + 2 >= raw.size())
                    return false;
                const int h = hexValue(raw[i + 1]);
                const int l = hexValue(raw[i + 2]);
                if (h < 0 || l < 0)
                    return false;
                c = char(h * 16 + l);
                i += 2;
                if (c == '/')
                    return false; // an encoded slash inside a segment
            }
            if (c == '\0' || c == '\\')
                return false;
            if (seg >= capacity)
                return false;
            out[seg++] = c;
        }
        const std::string_view decoded(out + segBegin, seg - segBegin);
        if (decoded.empty() || decoded == ".") {
            len = start;
        } else if (decoded == "..") {
            if (start == 0)
                return false; // would leave the root
            len = start;
            while (len > 0 && out[len - 1] != '/')
                --len;
            if (len > 0)
                --len; // drop the separator too
        } else {
            len = seg;
        }
    }
    length = len;
    return true;
}

// Each worker thread keeps the root directories it serves open (O_PATH) in a small cache and
// reopens one after rootRevalidateMs(), so a site deployed by renaming a new directory over
// the root is picked up within that time, while a request costs no open/close of the root.
// A root that cannot be opened is not cached (404 until it exists, then served at once).
// Entries are keyed by instance id, not address, so a new StaticFiles never reuses a dead
// one's entry; the fds of dead instances are closed as entries are evicted or the thread ends.
int StaticFiles::rootFd() const
{
    const qint64 now = coarseNowMs();
    RootCache &cache = t_rootCache;
    RootCache::Entry *slot = nullptr;
    for (RootCache::Entry &e : cache.entries) {
        if (e.id == m_id) {
            if (e.fd >= 0 && now - e.openedMs < m_rootRevalidateMs)
                return e.fd;
            slot = &e;
            break;
        }
    }
    if (!slot)
        slot = &cache.entries[cache.next++ % cache.entries.size()];
    if (slot->fd >= 0)
        ::close(slot->fd);
    slot->id = m_id;
    slot->fd = ::open(m_rootPath.constData(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    slot->openedMs = now;
    return slot->fd;
}

int StaticFiles::openBeneath(int root, const char *relative, bool directory) const
{
    const int flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | (directory ? O_DIRECTORY : 0);
    if (m_useOpenat2 && !s_openat2Missing.load(std::memory_order_relaxed)) {
        if (root < 0)
            return -1;
        open_how how{};
        how.flags = quint64(flags);
        how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
        const long fd = ::syscall(SYS_openat2, root, *relative ? relative : ".", &how, sizeof how);
        const int err = errno;
        if (fd >= 0 || (err != ENOSYS && err != EPERM)) {
            errno = err;
            return int(fd);
        }
        s_openat2Missing.store(true, std::memory_order_relaxed);
    }
    // realpath() and a prefix check, then open the resolved path without following links.
    char realRoot[PATH_MAX];
    char joined[PATH_MAX];
    char resolved[PATH_MAX];
    if (!::realpath(m_rootPath.constData(), realRoot))
        return -1;
    const int n = std::snprintf(joined, sizeof joined, "%s/%s", realRoot, relative);
    if (n < 0 || size_t(n) >= sizeof joined) {
        errno = ENAMETOOLONG;
        return -1;
    }
    if (!::realpath(joined, resolved))
        return -1;
    const size_t rootLen = std::strlen(realRoot);
    const bool inside = std::strncmp(resolved, realRoot, rootLen) == 0
                        && (resolved[rootLen] == '\0' || resolved[rootLen] == '/'
                            || (rootLen == 1 && realRoot[0] == '/'));
    if (!inside) {
        errno = EXDEV;
        return -1;
    }
    return ::open(resolved, flags | O_NOFOLLOW);
}

StaticResponse StaticFiles::serve(const StaticRequest &request) const
{
    StaticResponse out;
    const bool head = request.method == "HEAD";
    if (!head && request.method != "GET") {
        // FGW serves the file whatever the method; a static file cannot take a POST or PUT.
        out.addHeader("Allow", "GET, HEAD");
        answerText(out, 405, s_notAllowed);
        return out;
    }

    char path[PATH_MAX];
    size_t pathLength = 0;
    bool trailingSlash = false;
    if (!normalisePath(request.target, path, sizeof path - 1, pathLength, trailingSlash)) {
        answerText(out, 400, s_badRequest);
        return out;
    }
    path[pathLength] = '\0';

    // Borrowed from this thread's cache; see rootFd().
    const struct
    {
        int fd;
    } root{rootFd()};

    const bool cacheable = m_fileCacheMinAgeSec >= 0 && root.fd >= 0 && pathLength > 0
                           && !trailingSlash && m_options.tryFiles.isEmpty()
                           && request.ifNoneMatch.empty() && request.ifModifiedSince.empty()
                           && request.range.empty()
                           && (!m_options.precompressed || request.acceptEncoding.empty());
    const std::string_view pathView(path, pathLength);
    if (cacheable) {
        FileCache &cache = t_fileCache;
        const FileCache::Entry &e = cache.entries[FileCache::slotFor(m_id, pathView)];
        struct stat st;
        if (e.owner == m_id && e.path == pathView && ::fstatat(root.fd, path, &st, 0) == 0
            && FileCache::same(st, e)) {
            ++cache.hits;
            std::memcpy(out.m_headers, e.headers.data(), e.headers.size());
            out.m_headersLength = int(e.headers.size());
            out.status = 200;
            out.length = qint64(e.content.size());
            out.sendBody = !head;
            out.body = e.content;
            return out;
        }
    }

    const std::string_view rawPath = request.target.substr(0, request.target.find_first_of("?#"));
    static const QList<QByteArray> s_defaultTry = {QByteArrayLiteral("$uri")};
    const QList<QByteArray> &tries
        = m_options.tryFiles.isEmpty() ? s_defaultTry : m_options.tryFiles;
    bool forbidden = false;
    for (const QByteArray &entry : tries) {
        if (entry.startsWith('=')) {
            bool ok = false;
            const int code = entry.mid(1).toInt(&ok);
            if (ok && code >= 200 && code <= 599) {
                out.status = code;
                out.length = 0;
                out.sendBody = false;
                return out;
            }
            continue;
        }
        // Substitute $uri with the request's raw path, then decode and normalise the result.
        char expanded[PATH_MAX];
        size_t e = 0;
        bool overflow = false;
        for (qsizetype i = 0; i < entry.size() && !overflow;) {
            if (entry.mid(i, 4) == "$uri") {
                if (e + rawPath.size() >= sizeof expanded) {
                    overflow = true;
                    break;
                }
                std::memcpy(expanded + e, rawPath.data(), rawPath.size());
                e += rawPath.size();
                i += 4;
            } else {
                if (e + 1 >= sizeof expanded) {
                    overflow = true;
                    break;
                }
                expanded[e++] = entry[i++];
            }
        }
        char candidate[PATH_MAX];
        size_t candidateLength = 0;
        bool candidateSlash = false;
        if (overflow
            || !normalisePath(std::string_view(expanded, e), candidate, sizeof candidate - 1,
                              candidateLength, candidateSlash))
            continue;
        candidate[candidateLength] = '\0';

        char chosen[PATH_MAX];
        size_t chosenLength = 0;
        struct stat st;
        if (openFile(root.fd, candidate, candidateLength, candidateSlash, out, chosen, chosenLength,
                     st)) {
            answer(root.fd, request, chosen, chosenLength, st, out);
            if (cacheable && out.status == 200 && out.fd >= 0 && out.offset == 0
                && std::string_view(chosen, chosenLength) == pathView)
                fillCache(pathView, st, out);
            if (head) {
                out.sendBody = false;
                if (out.fd >= 0)
                    ::close(out.takeFd());
            }
            return out;
        }
        forbidden = forbidden || errno == EACCES;
    }
    if (forbidden)
        answerText(out, 403, s_forbidden);
    else
        answerText(out, 404, s_notFound);
    if (head)
        out.sendBody = false;
    return out;
}

// Keeps a copy of a small file's 200 answer for this thread (see FileCache). `st` is the fstat
// of out.fd, taken before its content is read here.
void StaticFiles::fillCache(std::string_view path, const struct stat &st, StaticResponse &out) const
{
    if (st.st_size > FileCache::MaxFile || out.length != st.st_size)
        return;
    timespec now;
    ::clock_gettime(CLOCK_REALTIME_COARSE, &now);
    if (st.st_ctim.tv_sec > now.tv_sec - m_fileCacheMinAgeSec)
        return; // changed too recently to tell a later change in the same tick apart
    FileCache::Entry &e = t_fileCache.entries[FileCache::slotFor(m_id, path)];
    e.owner = 0;
    e.content.resize(size_t(st.st_size));
    if (::pread(out.fd, e.content.data(), e.content.size(), 0) != st.st_size)
        return;
    e.owner = m_id;
    e.path.assign(path);
    e.dev = st.st_dev;
    e.ino = st.st_ino;
    e.size = st.st_size;
    e.mode = st.st_mode;
    e.mtime = st.st_mtim;
    e.ctime = st.st_ctim;
    e.headers.assign(out.headers());
}

quint64 StaticFiles::cacheHitsOnThisThread()
{
    return t_fileCache.hits;
}

// Opens `relative` if it is a regular file, else `relative/<index>` for each Index entry.
// On success `out.fd` is the open file and `chosen` its relative path.
bool StaticFiles::openFile(int root,
                           const char *relative,
                           size_t length,
                           bool directoryHint,
                           StaticResponse &out,
                           char *chosen,
                           size_t &chosenLength,
                           struct stat &st) const
{
    int denied = 0;
    auto tryOne = [&](const char *rel, size_t relLength) {
        const int fd = openBeneath(root, rel, false);
        if (fd < 0) {
            if (errno == EACCES)
                denied = EACCES;
            return false;
        }
        if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
            ::close(fd);
            return false;
        }
        if (out.fd >= 0)
            ::close(out.fd);
        out.fd = fd;
        std::memcpy(chosen, rel, relLength + 1);
        chosenLength = relLength;
        return true;
    };
    // "/docs/" names a directory: do not serve a file "docs".
    if (!directoryHint && length > 0 && tryOne(relative, length))
        return true;
    for (const QByteArray &index : m_options.index) {
        if (index.isEmpty() || index.contains('/'))
            continue;
        char withIndex[PATH_MAX];
        const size_t sep = length > 0 ? 1 : 0;
        const size_t total = length + sep + size_t(index.size());
        if (total >= sizeof withIndex)
            continue;
        std::memcpy(withIndex, relative, length);
        if (sep)
            withIndex[length] = '/';
        std::memcpy(withIndex + length + sep, index.constData(), size_t(index.size()));
        withIndex[total] = '\0';
        if (tryOne(withIndex, total))
            return true;
    }
    errno = denied ? denied : ENOENT;
    return false;
}

void StaticFiles::answer(int root,
                         const StaticRequest &request,
                         const char *relative,
                         size_t length,
                         const struct stat &fileStat,
                         StaticResponse &out) const
{
    const std::string_view name(relative, length);
    const auto mime = mimeTypeFor(name);
    const std::string_view contentType
        = mime ? *mime : std::string_view(m_defaultMime.constData(), size_t(m_defaultMime.size()));

    // A precompressed sibling, when the client takes it (br preferred).
    std::string_view encoding;
    std::string_view etagSuffix;
    struct stat siblingStat;
    if (m_options.precompressed && !request.acceptEncoding.empty() && length + 4 < PATH_MAX) {
        static constexpr std::array<std::pair<std::string_view, std::string_view>, 2> s_codings
            = {{{"br", ".br"}, {"gzip", ".gz"}}};
        for (const auto &[coding, ext] : s_codings) {
            if (!acceptsEncoding(request.acceptEncoding, coding))
                continue;
            char sibling[PATH_MAX];
            std::memcpy(sibling, relative, length);
            std::memcpy(sibling + length, ext.data(), ext.size());
            sibling[length + ext.size()] = '\0';
            const int fd = openBeneath(root, sibling, false);
            if (fd < 0)
                continue;
            if (::fstat(fd, &siblingStat) != 0 || !S_ISREG(siblingStat.st_mode)) {
                ::close(fd);
                continue;
            }
            ::close(out.takeFd());
            out.fd = fd;
            encoding = coding;
            etagSuffix = coding == "br" ? std::string_view("-br") : std::string_view("-gz");
            break;
        }
    }

    const struct stat &st = encoding.empty() ? fileStat : siblingStat;
    char etagBuf[80];
    const std::string_view etag = makeEtag(st, etagSuffix, etagBuf);
    char dateBuf[ImfFixdateLength];
    const std::string_view lastModified = formatImfFixdate(st.st_mtim.tv_sec, dateBuf);
    const qint64 size = st.st_size;

    // Conditional GET: If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2).
    bool notModified = false;
    if (!request.ifNoneMatch.empty()) {
        notModified = etagListMatches(request.ifNoneMatch, etag, true);
    } else if (!request.ifModifiedSince.empty()) {
        const auto since = parseHttpDate(request.ifModifiedSince);
        notModified = since && qint64(st.st_mtim.tv_sec) <= *since;
    }
    if (notModified) {
        ::close(out.takeFd());
        out.status = 304;
        out.length = 0;
        out.sendBody = false;
        out.addHeader("ETag", etag);
        out.addHeader("Last-Modified", lastModified);
        if (!encoding.empty())
            out.addHeader("Vary", "Accept-Encoding");
        return;
    }

    out.addHeader("Content-Type", contentType);
    if (!encoding.empty()) {
        out.addHeader("Content-Encoding", encoding);
        out.addHeader("Vary", "Accept-Encoding");
    }
    out.addHeader("ETag", etag);
    out.addHeader("Last-Modified", lastModified);
    out.addHeader("Accept-Ranges", "bytes");
    out.status = 200;
    out.offset = 0;
    out.length = size;
    out.sendBody = true;

    if (request.range.empty() || request.method != "GET")
        return;
    if (!request.ifRange.empty()) {
        const std::string_view ir = trim(request.ifRange);
        const bool matches = ir.front() == '"' ? ir == etag : ir == lastModified;
        if (!matches)
            return; // the representation changed: send all of it
    }
    qint64 first = 0;
    qint64 last = 0;
    const int r = parseRange(request.range, size, first, last);
    if (r < 0)
        return;
    char cr[80];
    char *p = cr;
    std::memcpy(p, "bytes ", 6);
    p += 6;
    if (r == 0) {
        ::close(out.takeFd());
        *p++ = '*';
        *p++ = '/';
        p += putDecimal(p, static_cast<unsigned long long>(size));
        out.status = 416;
        out.length = 0;
        out.sendBody = false;
        out.addHeader("Content-Range", std::string_view(cr, size_t(p - cr)));
        return;
    }
    p += putDecimal(p, static_cast<unsigned long long>(first));
    *p++ = '-';
    p += putDecimal(p, static_cast<unsigned long long>(last));
    *p++ = '/';
    p += putDecimal(p, static_cast<unsigned long long>(size));
    out.status = 206;
    out.offset = first;
    out.length = last - first + 1;
    out.addHeader("Content-Range", std::string_view(cr, size_t(p - cr)));
}

} // namespace Gatehouse::Core
