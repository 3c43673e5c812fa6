#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>
#include <string_view>

struct stat;

namespace Gatehouse::Core {

// The request fields static file serving looks at; views into the parsed request head.
// Empty views mean "header absent".
struct StaticRequest
{
    std::string_view method; // "GET", "HEAD", ...
    std::string_view target; // origin-form request-target, query included
    std::string_view ifNoneMatch;
    std::string_view ifModifiedSince;
    std::string_view range;
    std::string_view ifRange;
    std::string_view acceptEncoding;
};

// What to answer. The data path writes the status line, `headers()` verbatim, Content-Length
// (= `length`) and its own Connection header, then the body: `length` bytes of `fd` from
// `offset` (sendfile) when `fd >= 0` and `sendBody`, else `body` (a short static text).
//
// Owns `fd` (O_RDONLY|O_CLOEXEC, already fstat'ed): the destructor closes it unless the caller
// took it with takeFd(). Move-only. Fixed-size storage, no heap.
class StaticResponse
{
public:
    static constexpr int HeaderCapacity = 640;

    StaticResponse() = default;
    StaticResponse(const StaticResponse &) = delete;
    StaticResponse &operator=(const StaticResponse &) = delete;
    StaticResponse(StaticResponse &&other) noexcept;
    StaticResponse &operator=(StaticResponse &&other) noexcept;
    ~StaticResponse();

    int status = 404;
    int fd = -1;
    qint64 offset = 0;
    qint64 length = 0;     // Content-Length (also for HEAD, which sends no body)
    bool sendBody = false; // false for HEAD, 304 and empty answers
    // Static text for answers without a file ("Not Found"), or a small file's content from
    // the worker thread's cache (valid until that thread's next serve()); fd is -1 then.
    std::string_view body;

    std::string_view headers() const { return {m_headers, size_t(m_headersLength)}; }
    // The header value, for tests and logs (case-sensitive name as written here).
    std::optional<std::string_view> header(std::string_view name) const;

    int takeFd()
    {
        const int f = fd;
        fd = -1;
        return f;
    }

    // Appends "name: value\r\n"; false when it does not fit (the header is then dropped).
    bool addHeader(std::string_view name, std::string_view value);

private:
    friend class StaticFiles;
    char m_headers[HeaderCapacity];
    int m_headersLength = 0;
};

// Serves files under one ServerRoot (one Match), as FGW's web server does (reference §2.12),
// with what FGW lacks: percent-decoding, ETag/Last-Modified, 304, single ranges (206/416),
// precompressed .br/.gz siblings, a full MIME table, and no stale cache (fstat per request).
//
// Path safety: the request path is percent-decoded and normalised here; a path that would
// climb above the root, an encoded '/', a backslash or NUL is refused with 400. Files are
// opened with openat2(RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS) relative to the root, so a
// symlink that leads outside the root is not followed (404); kernels without openat2 get the
// same guarantee from realpath() and a prefix check. Symlinks within the root are followed.
//
// Threads: built when a config compiles; serve() is const and thread-safe, called by every
// worker. Cost: openat2 + fstat per candidate tried (index entries, precompressed siblings),
// no heap allocation; the root directory stays open per worker thread (see rootFd()). Small
// files in the plain case cost one fstatat() from a per-thread cache that is never stale.
class StaticFiles
{
public:
    struct Options
    {
        QString root; // absolute directory (see resolveServerRoot)
        QList<QByteArray> index = {QByteArrayLiteral("index.html")};
        QList<QByteArray> tryFiles; // "$uri", "$uri/", "/fallback.html", "=404"
        QByteArray defaultMimeType; // DefaultMimeType; empty: application/octet-stream
        bool precompressed = true;  // look for .br/.gz siblings
    };

    explicit StaticFiles(Options options);
    ~StaticFiles();
    StaticFiles(const StaticFiles &) = delete;
    StaticFiles &operator=(const StaticFiles &) = delete;

    // FGW resolves a relative ServerRoot as `static/<ServerRoot>` in its codebase, i.e.
    // beside the config file.
    static QString resolveServerRoot(const QString &serverRoot, const QString &configDir);

    // Content type for a file name (extension after the last '.', any case); nullopt if the
    // table has none.
    static std::optional<std::string_view> mimeTypeFor(std::string_view fileName);

    // Decodes and normalises a request-target's path into `out` (no leading '/', segments
    // joined by '/', "" for the root). Returns false for a path that must be refused (400).
    // `trailingSlash` tells whether the path ended with '/'.
    static bool normalisePath(
        std::string_view target, char *out, size_t capacity, size_t &length, bool &trailingSlash);

    StaticResponse serve(const StaticRequest &request) const;

    const Options &options() const { return m_options; }

    // Tests: force the realpath() fallback used on kernels without openat2.
    void setUseOpenat2(bool use) { m_useOpenat2 = use; }
    // How long a worker thread keeps using its open root directory before reopening it
    // (default 1000 ms; 0: every request).
    void setRootRevalidateMs(qint64 ms) { m_rootRevalidateMs = ms; }
    // Small files are answered from a per-thread cache once their ctime is this old (default
    // 1 s, see FileCache in the .cpp); -1 turns the cache off. Tests use 0.
    void setFileCacheMinAgeSec(int seconds) { m_fileCacheMinAgeSec = seconds; }
    // Cache hits on the calling thread so far (tests).
    static quint64 cacheHitsOnThisThread();

private:
    int rootFd() const;
    int openBeneath(int root, const char *relative, bool directory) const;
    bool openFile(int root,
                  const char *relative,
                  size_t length,
                  bool directoryHint,
                  StaticResponse &out,
                  char *chosen,
                  size_t &chosenLength,
                  struct ::stat &st) const;
    void fillCache(std::string_view path, const struct ::stat &st, StaticResponse &out) const;
    void answer(int root,
                const StaticRequest &request,
                const char *relative,
                size_t length,
                const struct ::stat &fileStat,
                StaticResponse &out) const;

    Options m_options;
    QByteArray m_rootPath; // root without trailing '/', for the realpath fallback
    bool m_useOpenat2 = true;
    qint64 m_rootRevalidateMs = 1000;
    int m_fileCacheMinAgeSec = 1;
    const quint64 m_id; // key of the per-thread root directory cache
    QByteArray m_defaultMime;
};

} // namespace Gatehouse::Core
