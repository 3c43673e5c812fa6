// Static-file path normaliser (StaticFiles::normalisePath) and the file lookup behind it.
//
// Input: a request-target. Properties:
//  - normalisePath agrees with an independent reference normaliser (percent-decoding, then
//    RFC 3986 dot-segment removal, refusing what would climb above the root, an encoded '/',
//    a backslash or NUL, and malformed escapes);
//  - an accepted path has no leading '/', no empty, "." or ".." segment, no NUL or backslash:
//    it cannot name anything above the root;
//  - normalising is idempotent (the output, re-encoded, normalises to itself);
//  - with the engine's buffer size, the answer is either a refusal or the reference result;
//  - StaticFiles::serve() on a real root (with symlinks leading out of it) never opens a file
//    outside the root, with openat2 and with the realpath() fallback.

#include "fuzzcheck.h"

#include "engine/staticfiles.h"

#include <QDir>
#include <QFile>

#include <climits>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

using namespace Gatehouse::Core;

namespace {

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// The reference: written for clarity, not speed.
std::optional<std::string> reference(std::string_view target)
{
    const size_t cut = target.find_first_of("?#");
    if (cut != std::string_view::npos)
        target = target.substr(0, cut);
    if (target.empty() || target.front() != '/')
        return std::nullopt;
    std::vector<std::string> stack;
    size_t pos = 1;
    while (true) {
        size_t end = target.find('/', pos);
        if (end == std::string_view::npos)
            end = target.size();
        std::string seg;
        const std::string_view raw = target.substr(pos, end - pos);
        for (size_t i = 0; i < raw.size(); ++i) {
            char c = raw[i];
            if (c == '%') {
                if (i + 2 >= raw.size())
                    return std::nullopt;
                const int h = hexDigit(raw[i + 1]);
                const int l = hexDigit(raw[i + 2]);
                if (h < 0 || l < 0)
                    return std::nullopt;
                c = char(h * 16 + l);
                i += 2;
                if (c == '/')
                    return std::nullopt;
            }
            if (c == '\0' || c == '\\')
                return std::nullopt;
            seg.push_back(c);
        }
        if (seg == "..") {
            if (stack.empty())
                return std::nullopt;
            stack.pop_back();
        } else if (!seg.empty() && seg != ".") {
            stack.push_back(seg);
        }
        if (end >= target.size())
            break;
        pos = end + 1;
    }
    std::string out;
    for (const std::string &s : stack) {
        if (!out.empty())
            out.push_back('/');
        out += s;
    }
    return out;
}

std::string reencode(std::string_view path)
{
    static const char hex[] = "0123456789ABCDEF";
    std::string t = "/";
    for (char c : path) {
        if (c == '%' || c == '?' || c == '#') {
            t.push_back('%');
            t.push_back(hex[(unsigned char)c >> 4]);
            t.push_back(hex[(unsigned char)c & 15]);
        } else {
            t.push_back(c);
        }
    }
    return t;
}

struct Root
{
    QString base;
    std::unique_ptr<StaticFiles> files;
    ino_t secretInode = 0;
    dev_t secretDev = 0;
};

void writeFile(const QString &path, const QByteArray &content)
{
    QFile f(path);
    FUZZ_CHECK(f.open(QIODevice::WriteOnly));
    f.write(content);
}

// base/secret.txt and base/secretdir/ lie outside the served root base/root; links inside the
// root lead out of it (absolute and relative) and within it.
Root &root()
{
    static Root r = [] {
        Root v;
        char tmpl[] = "/tmp/gatehouse-fuzz-static-XXXXXX";
        FUZZ_CHECK(::mkdtemp(tmpl) != nullptr);
        v.base = QString::fromLocal8Bit(tmpl);
        QDir d(v.base);
        FUZZ_CHECK(d.mkpath(QStringLiteral("root/sub/deeper")));
        FUZZ_CHECK(d.mkpath(QStringLiteral("secretdir")));
        writeFile(v.base + QStringLiteral("/secret.txt"), "secret");
        writeFile(v.base + QStringLiteral("/secretdir/index.html"), "secret");
        writeFile(v.base + QStringLiteral("/root/index.html"), "<h1>root</h1>");
        writeFile(v.base + QStringLiteral("/root/a.txt"), "a");
        writeFile(v.base + QStringLiteral("/root/sub/b.css"), "b{}");
        writeFile(v.base + QStringLiteral("/root/sub/deeper/c.js"), "c");
        const std::string b = v.base.toStdString();
        FUZZ_CHECK(::symlink((b + "/secret.txt").c_str(), (b + "/root/abs-out").c_str()) == 0);
        FUZZ_CHECK(::symlink("../secret.txt", (b + "/root/rel-out").c_str()) == 0);
        FUZZ_CHECK(::symlink("../../secretdir", (b + "/root/sub/dir-out").c_str()) == 0);
        FUZZ_CHECK(::symlink("sub", (b + "/root/in").c_str()) == 0);
        struct stat st;
        FUZZ_CHECK(::stat((b + "/secret.txt").c_str(), &st) == 0);
        v.secretInode = st.st_ino;
        v.secretDev = st.st_dev;
        StaticFiles::Options o;
        o.root = v.base + QStringLiteral("/root");
        o.tryFiles
            = {QByteArrayLiteral("$uri"), QByteArrayLiteral("$uri/"), QByteArrayLiteral("=404")};
        v.files = std::make_unique<StaticFiles>(o);
        // Not through root(): the static is destroyed before this handler runs.
        static char dir[sizeof tmpl];
        std::memcpy(dir, tmpl, sizeof tmpl);
        std::atexit([] {
            std::error_code ec;
            std::filesystem::remove_all(dir, ec);
        });
        return v;
    }();
    return r;
}

bool outsideRoot(int fd)
{
    struct stat st;
    FUZZ_CHECK(::fstat(fd, &st) == 0);
    char link[64];
    std::snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    char target[PATH_MAX];
    const ssize_t n = ::readlink(link, target, sizeof target - 1);
    FUZZ_CHECK(n > 0);
    target[n] = '\0';
    const QByteArray rootPath = (root().base + QStringLiteral("/root/")).toLocal8Bit();
    return std::strncmp(target, rootPath.constData(), size_t(rootPath.size())) != 0;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view target(reinterpret_cast<const char *>(data), size);

    static char big[1 << 16];
    size_t length = 0;
    bool trailing = false;
    const bool ok = StaticFiles::normalisePath(target, big, sizeof big, length, trailing);
    const std::optional<std::string> expected = reference(target);
    FUZZ_CHECK(ok == expected.has_value());
    if (ok) {
        const std::string_view out(big, length);
        FUZZ_CHECK(out == *expected);
        FUZZ_CHECK(out.empty() || out.front() != '/');
        FUZZ_CHECK(out.find("//") == std::string_view::npos);
        FUZZ_CHECK(out.empty() || out.back() != '/');
        FUZZ_CHECK(out.find('\0') == std::string_view::npos);
        FUZZ_CHECK(out.find('\\') == std::string_view::npos);
        for (size_t pos = 0; pos <= out.size();) {
            size_t end = out.find('/', pos);
            if (end == std::string_view::npos)
                end = out.size();
            const std::string_view seg = out.substr(pos, end - pos);
            FUZZ_CHECK(seg != "." && seg != "..");
            FUZZ_CHECK(!seg.empty() || out.empty());
            pos = end + 1;
        }
        // Idempotent.
        const std::string again = reencode(out);
        static char big2[1 << 17];
        size_t length2 = 0;
        bool trailing2 = false;
        FUZZ_CHECK(StaticFiles::normalisePath(again, big2, sizeof big2, length2, trailing2));
        FUZZ_CHECK(std::string_view(big2, length2) == out);
    }

    // The engine's buffer: a refusal (too long) or the same answer.
    char path[PATH_MAX];
    const bool okEngine
        = StaticFiles::normalisePath(target, path, sizeof path - 1, length, trailing);
    if (okEngine) {
        FUZZ_CHECK(ok);
        FUZZ_CHECK(std::string_view(path, length) == *expected);
    } else {
        FUZZ_CHECK(!ok || target.size() >= sizeof path - 1); // an intermediate result was too long
    }

    // A real lookup: never a file outside the root.
    if (size < 4096) {
        StaticRequest req;
        req.method = "GET";
        req.target = target;
        for (const bool openat2 : {true, false}) {
            root().files->setUseOpenat2(openat2);
            StaticResponse r = root().files->serve(req);
            if (r.fd >= 0) {
                struct stat st;
                FUZZ_CHECK(::fstat(r.fd, &st) == 0);
                FUZZ_CHECK(!(st.st_ino == root().secretInode && st.st_dev == root().secretDev));
                FUZZ_CHECK(!outsideRoot(r.fd));
            }
            if (r.status == 200)
                FUZZ_CHECK(ok);
        }
    }
    return 0;
}
