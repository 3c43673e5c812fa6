#include "engine/httpdate.h"
#include "engine/staticfiles.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>

using namespace Gatehouse::Core;

namespace {

std::string_view sv(const QByteArray &b)
{
    return std::string_view(b.constData(), size_t(b.size()));
}

QByteArray str(std::optional<std::string_view> v)
{
    return v ? QByteArray(v->data(), qsizetype(v->size())) : QByteArray("<none>");
}

// The body the data path would send: `length` bytes of fd from offset, or the static text.
QByteArray bodyOf(const StaticResponse &r)
{
    if (!r.sendBody)
        return {};
    if (r.fd < 0)
        return QByteArray(r.body.data(), qsizetype(r.body.size()));
    QByteArray buf(r.length, Qt::Uninitialized);
    const ssize_t n = ::pread(r.fd, buf.data(), size_t(buf.size()), r.offset);
    buf.truncate(n < 0 ? 0 : qsizetype(n));
    return buf;
}

void write(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(data);
}

} // namespace

class tst_StaticFiles : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void normalise_data();
    void normalise();
    void normaliseNeverEscapes();
    void serves_data();
    void serves();
    void servesWithoutOpenat2_data() { serves_data(); }
    void servesWithoutOpenat2();
    void mimeTypes();
    void defaultMimeType();
    void conditional();
    void neverStale();
    void cacheNeverStale();
    void cacheOnlyOldFiles();
    void rootRenamedOver();
    void ranges();
    void precompressed();
    void headAndMethods();
    void tryFiles();
    void resolveServerRoot();
    void concurrentServe();
    void benchmarkServe();
    void benchmarkServePlain();

private:
    StaticResponse
    get(const StaticFiles &files, const QByteArray &target, const QByteArray &method = "GET");

    QTemporaryDir m_dir;
    QString m_root;
};

void tst_StaticFiles::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_root = m_dir.filePath(QStringLiteral("root"));
    write(m_root + u"/index.html", "<h1>home</h1>");
    write(m_root + u"/a.txt", "hello world");
    write(m_root + u"/docs/index.htm", "docs index");
    write(m_root + u"/space name.txt", "spaced");
    write(m_root + u"/app.js", "console.log('plain');");
    write(m_root + u"/app.js.gz", "GZ");
    write(m_root + u"/app.js.br", "BR");
    write(m_root + u"/IMAGE.PNG", "png");
    write(m_root + u"/noext", "raw");
    write(m_root + u"/sub/deep/file.css", "body{}");
    write(m_dir.filePath(QStringLiteral("outside/secret.txt")), "secret");
    write(m_dir.filePath(QStringLiteral("rootsibling/secret.txt")), "sibling secret");
    QVERIFY(
        QFile::link(m_dir.filePath(QStringLiteral("outside/secret.txt")), m_root + u"/link-out"));
    QVERIFY(QFile::link(m_dir.filePath(QStringLiteral("outside")), m_root + u"/dir-out"));
    QVERIFY(QFile::link(QStringLiteral("../rootsibling/secret.txt"), m_root + u"/rel-out"));
    QVERIFY(QFile::link(QStringLiteral("a.txt"), m_root + u"/link-in"));
    QVERIFY(QFile::link(QStringLiteral("../../a.txt"), m_root + u"/sub/deep/up-in"));
}

StaticResponse
tst_StaticFiles::get(const StaticFiles &files, const QByteArray &target, const QByteArray &method)
{
    StaticRequest req;
    req.method = sv(method);
    req.target = sv(target);
    return files.serve(req);
}

void tst_StaticFiles::normalise_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QByteArray>("expected"); // "<refused>"
    QTest::addColumn<bool>("slash");
    QTest::newRow("root") << QByteArray("/") << QByteArray("") << false;
    QTest::newRow("file") << QByteArray("/a/b.txt") << QByteArray("a/b.txt") << false;
    QTest::newRow("query") << QByteArray("/a?x=../../etc") << QByteArray("a") << false;
    QTest::newRow("fragment") << QByteArray("/a#x") << QByteArray("a") << false;
    QTest::newRow("dots") << QByteArray("/a/./b/../c") << QByteArray("a/c") << false;
    QTest::newRow("double slash") << QByteArray("//a///b") << QByteArray("a/b") << false;
    QTest::newRow("trailing") << QByteArray("/docs/") << QByteArray("docs") << true;
    QTest::newRow("decoded") << QByteArray("/a%20b%41") << QByteArray("a bA") << false;
    QTest::newRow("encoded dots inside") << QByteArray("/a/%2e%2E/b") << QByteArray("b") << false;
    QTest::newRow("climb") << QByteArray("/../etc/passwd") << QByteArray("<refused>") << false;
    QTest::newRow("climb later") << QByteArray("/a/../../etc") << QByteArray("<refused>") << false;
    QTest::newRow("encoded climb") << QByteArray("/%2e%2e/etc") << QByteArray("<refused>") << false;
    QTest::newRow("encoded slash")
        << QByteArray("/a%2f..%2f..%2fetc") << QByteArray("<refused>") << false;
    QTest::newRow("encoded slash upper")
        << QByteArray("/a%2Fb") << QByteArray("<refused>") << false;
    QTest::newRow("backslash") << QByteArray("/a\\..\\b") << QByteArray("<refused>") << false;
    QTest::newRow("encoded backslash")
        << QByteArray("/..%5c..%5cetc") << QByteArray("<refused>") << false;
    QTest::newRow("nul") << QByteArray("/a.txt%00.html") << QByteArray("<refused>") << false;
    QTest::newRow("bad percent") << QByteArray("/%zz") << QByteArray("<refused>") << false;
    QTest::newRow("short percent") << QByteArray("/a%2") << QByteArray("<refused>") << false;
    QTest::newRow("percent at end") << QByteArray("/a%") << QByteArray("<refused>") << false;
    QTest::newRow("not origin form") << QByteArray("a.txt") << QByteArray("<refused>") << false;
    QTest::newRow("absolute form") << QByteArray("http://x/a") << QByteArray("<refused>") << false;
    QTest::newRow("empty") << QByteArray("") << QByteArray("<refused>") << false;
}

void tst_StaticFiles::normalise()
{
    QFETCH(QByteArray, target);
    QFETCH(QByteArray, expected);
    QFETCH(bool, slash);
    char out[256];
    size_t len = 0;
    bool trailing = false;
    const bool ok = StaticFiles::normalisePath(sv(target), out, sizeof out, len, trailing);
    if (expected == "<refused>") {
        QVERIFY(!ok);
        return;
    }
    QVERIFY(ok);
    QCOMPARE(QByteArray(out, qsizetype(len)), expected);
    QCOMPARE(trailing, slash);
}

void tst_StaticFiles::normaliseNeverEscapes()
{
    // Property check over 200,000 targets built from the pieces attacks use: whatever is
    // accepted is a clean relative path (no '.', '..' or empty segment, no NUL or backslash,
    // no leading '/'), and the segments never climb above the root.
    static const char *const pieces[]
        = {"/", ".",   "..", "%2e", "%2E",   "%2f", "%2F", "%5c", "%00", "%", "%%",
           "a", "b.c", "\\", "//",  "%252e", "?",   "#",   "%3f", ";",   "%", "%g1"};
    quint32 seed = 12345;
    auto next = [&seed] {
        seed = seed * 1664525u + 1013904223u;
        return seed >> 8;
    };
    int accepted = 0;
    for (int n = 0; n < 200000; ++n) {
        QByteArray target = "/";
        const int count = int(next() % 10);
        for (int i = 0; i < count; ++i)
            target += pieces[next() % (sizeof pieces / sizeof *pieces)];
        char out[512];
        size_t len = 0;
        bool slash = false;
        if (!StaticFiles::normalisePath(sv(target), out, sizeof out, len, slash))
            continue;
        ++accepted;
        const QByteArray path(out, qsizetype(len));
        QVERIFY2(!path.startsWith('/'), target.constData());
        QVERIFY2(!path.contains('\0') && !path.contains('\\'), target.constData());
        if (path.isEmpty())
            continue;
        for (const QByteArray &segment : path.split('/'))
            QVERIFY2(!segment.isEmpty() && segment != "." && segment != "..", target.constData());
    }
    QVERIFY(accepted > 10000); // the generator does produce valid paths
}

void tst_StaticFiles::serves_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");
    QTest::newRow("index") << QByteArray("/") << 200 << QByteArray("<h1>home</h1>");
    QTest::newRow("file") << QByteArray("/a.txt") << 200 << QByteArray("hello world");
    QTest::newRow("query") << QByteArray("/a.txt?v=2") << 200 << QByteArray("hello world");
    QTest::newRow("second index entry") << QByteArray("/docs") << 200 << QByteArray("docs index");
    QTest::newRow("dir slash") << QByteArray("/docs/") << 200 << QByteArray("docs index");
    QTest::newRow("file with slash") << QByteArray("/a.txt/") << 404 << QByteArray("Not Found");
    QTest::newRow("missing") << QByteArray("/nope.html") << 404 << QByteArray("Not Found");
    QTest::newRow("dir without index") << QByteArray("/sub") << 404 << QByteArray("Not Found");
    QTest::newRow("percent decoded")
        << QByteArray("/space%20name.txt") << 200 << QByteArray("spaced");
    QTest::newRow("dots inside root")
        << QByteArray("/docs/../a.txt") << 200 << QByteArray("hello world");
    QTest::newRow("climb") << QByteArray("/../outside/secret.txt") << 400
                           << QByteArray("Bad Request");
    QTest::newRow("encoded climb")
        << QByteArray("/%2e%2e/outside/secret.txt") << 400 << QByteArray("Bad Request");
    QTest::newRow("encoded slash")
        << QByteArray("/docs/..%2f..%2foutside%2fsecret.txt") << 400 << QByteArray("Bad Request");
    QTest::newRow("backslash") << QByteArray("/..\\outside\\secret.txt") << 400
                               << QByteArray("Bad Request");
    QTest::newRow("nul") << QByteArray("/a.txt%00") << 400 << QByteArray("Bad Request");
    QTest::newRow("symlink out") << QByteArray("/link-out") << 404 << QByteArray("Not Found");
    QTest::newRow("relative symlink out")
        << QByteArray("/rel-out") << 404 << QByteArray("Not Found");
    QTest::newRow("dir symlink out")
        << QByteArray("/dir-out/secret.txt") << 404 << QByteArray("Not Found");
    QTest::newRow("symlink in") << QByteArray("/link-in") << 200 << QByteArray("hello world");
    QTest::newRow("symlink up but in")
        << QByteArray("/sub/deep/up-in") << 200 << QByteArray("hello world");
}

void tst_StaticFiles::serves()
{
    QFETCH(QByteArray, target);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    StaticFiles files({m_root, {"index.html", "index.htm"}, {}, {}, true});
    const StaticResponse r = get(files, target);
    QCOMPARE(r.status, status);
    QCOMPARE(bodyOf(r), body);
    QCOMPARE(r.length, qint64(body.size()));
    if (status != 200)
        QCOMPARE(r.fd, -1);
}

void tst_StaticFiles::servesWithoutOpenat2()
{
    QFETCH(QByteArray, target);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    StaticFiles files({m_root, {"index.html", "index.htm"}, {}, {}, true});
    files.setUseOpenat2(false);
    const StaticResponse r = get(files, target);
    QCOMPARE(r.status, status);
    QCOMPARE(bodyOf(r), body);
}

void tst_StaticFiles::mimeTypes()
{
    QCOMPARE(str(StaticFiles::mimeTypeFor("index.html")), QByteArray("text/html"));
    QCOMPARE(str(StaticFiles::mimeTypeFor("dir.d/IMAGE.PNG")), QByteArray("image/png"));
    QCOMPARE(str(StaticFiles::mimeTypeFor("a.tar.gz")), QByteArray("<none>"));
    QCOMPARE(str(StaticFiles::mimeTypeFor("app.mjs")), QByteArray("application/javascript"));
    QCOMPARE(str(StaticFiles::mimeTypeFor("x.wasm")), QByteArray("application/wasm"));
    QCOMPARE(str(StaticFiles::mimeTypeFor("photo.jpeg")), QByteArray("image/jpeg"));
    QCOMPARE(str(StaticFiles::mimeTypeFor("a.json")), QByteArray("application/json"));
    QCOMPARE(str(StaticFiles::mimeTypeFor("style.css")), QByteArray("text/css"));
    QCOMPARE(str(StaticFiles::mimeTypeFor("noext")), QByteArray("<none>"));
    QCOMPARE(str(StaticFiles::mimeTypeFor("dot.")), QByteArray("<none>"));
    QCOMPARE(str(StaticFiles::mimeTypeFor("a.verylongextensionname")), QByteArray("<none>"));
    QCOMPARE(str(StaticFiles::mimeTypeFor("a.unknownext")), QByteArray("<none>"));

    StaticFiles files({m_root, {"index.html"}, {}, {}, true});
    QCOMPARE(str(get(files, "/IMAGE.PNG").header("Content-Type")), QByteArray("image/png"));
    QCOMPARE(str(get(files, "/").header("Content-Type")), QByteArray("text/html"));
    QCOMPARE(str(get(files, "/noext").header("Content-Type")),
             QByteArray("application/octet-stream"));
}

void tst_StaticFiles::defaultMimeType()
{
    StaticFiles files({m_root, {"index.html"}, {}, "text/plain", true});
    QCOMPARE(str(get(files, "/noext").header("Content-Type")), QByteArray("text/plain"));
    QCOMPARE(str(get(files, "/a.txt").header("Content-Type")), QByteArray("text/plain"));
    QCOMPARE(str(get(files, "/IMAGE.PNG").header("Content-Type")), QByteArray("image/png"));
}

void tst_StaticFiles::conditional()
{
    StaticFiles files({m_root, {"index.html"}, {}, {}, true});
    const StaticResponse first = get(files, "/a.txt");
    const QByteArray etag = str(first.header("ETag"));
    const QByteArray lastModified = str(first.header("Last-Modified"));
    QVERIFY(etag.startsWith('"') && etag.endsWith('"'));
    QVERIFY(parseHttpDate(sv(lastModified)));

    auto cond = [&](const QByteArray &inm, const QByteArray &ims) {
        StaticRequest req;
        req.method = "GET";
        req.target = "/a.txt";
        req.ifNoneMatch = sv(inm);
        req.ifModifiedSince = sv(ims);
        return files.serve(req);
    };
    StaticResponse r = cond(etag, {});
    QCOMPARE(r.status, 304);
    QCOMPARE(r.fd, -1);
    QVERIFY(!r.sendBody);
    QCOMPARE(str(r.header("ETag")), etag);
    QCOMPARE(cond("\"other\", W/" + etag, {}).status, 304);
    QCOMPARE(cond("*", {}).status, 304);
    QCOMPARE(cond("\"other\"", {}).status, 200);
    QCOMPARE(cond({}, lastModified).status, 304);
    QCOMPARE(cond({}, "Thu, 01 Jan 1970 00:00:00 GMT").status, 200);
    QCOMPARE(cond({}, "not a date").status, 200);
    // If-None-Match takes precedence over If-Modified-Since
    QCOMPARE(cond("\"other\"", lastModified).status, 200);
}

void tst_StaticFiles::neverStale()
{
    StaticFiles files({m_root, {"index.html"}, {}, {}, true});
    const QString path = m_root + u"/changing.txt";
    write(path, "version one");
    const StaticResponse one = get(files, "/changing.txt");
    QCOMPARE(bodyOf(one), QByteArray("version one"));
    write(path, "version two!");
    const StaticResponse two = get(files, "/changing.txt");
    QCOMPARE(bodyOf(two), QByteArray("version two!"));
    QVERIFY(str(one.header("ETag")) != str(two.header("ETag")));
    QFile::remove(path);
    QCOMPARE(get(files, "/changing.txt").status, 404);
}

void tst_StaticFiles::cacheNeverStale()
{
    // The per-thread small-file cache, here without its minimum age, still sees every change.
    StaticFiles files({m_root, {"index.html"}, {}, {}, true});
    files.setFileCacheMinAgeSec(0);
    const QString path = m_root + u"/cached.txt";
    write(path, "first");
    const StaticResponse first = get(files, "/cached.txt");
    QCOMPARE(bodyOf(first), QByteArray("first"));
    const quint64 hits = StaticFiles::cacheHitsOnThisThread();
    const StaticResponse again = get(files, "/cached.txt");
    QCOMPARE(StaticFiles::cacheHitsOnThisThread(), hits + 1);
    QCOMPARE(again.fd, -1);
    QCOMPARE(again.status, 200);
    QCOMPARE(again.length, qint64(5));
    QCOMPARE(bodyOf(again), QByteArray("first"));
    QCOMPARE(str(again.header("ETag")), str(first.header("ETag")));
    QCOMPARE(str(again.header("Content-Type")), QByteArray("text/plain"));

    // HEAD from the cache: the same head, no body
    const StaticResponse head = get(files, "/cached.txt", "HEAD");
    QCOMPARE(head.status, 200);
    QCOMPARE(head.length, qint64(5));
    QVERIFY(!head.sendBody);

    // conditionals and ranges are answered by the full path
    StaticRequest conditional;
    conditional.method = "GET";
    conditional.target = "/cached.txt";
    const QByteArray etag = str(first.header("ETag"));
    conditional.ifNoneMatch = sv(etag);
    QCOMPARE(files.serve(conditional).status, 304);
    StaticRequest range;
    range.method = "GET";
    range.target = "/cached.txt";
    range.range = "bytes=1-2";
    const StaticResponse part = files.serve(range);
    QCOMPARE(part.status, 206);
    QCOMPARE(bodyOf(part), QByteArray("ir"));

    // same size, new content, a clock tick later: the ctime differs
    QThread::msleep(20);
    write(path, "fir5t");
    QCOMPARE(bodyOf(get(files, "/cached.txt")), QByteArray("fir5t"));
    // replaced by a rename (a new inode)
    QThread::msleep(20);
    write(path + u".new", "third");
    QVERIFY(
        ::rename(QFile::encodeName(path + u".new").constData(), QFile::encodeName(path).constData())
        == 0);
    QCOMPARE(bodyOf(get(files, "/cached.txt")), QByteArray("third"));
    // made unreadable (ctime changes): the full path decides again
    QThread::msleep(20);
    QVERIFY(QFile::setPermissions(path, QFileDevice::WriteOwner));
    const int status = get(files, "/cached.txt").status;
    QVERIFY(status == 403 || (::geteuid() == 0 && status == 200)); // root reads anyway
    QVERIFY(QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    // removed
    QFile::remove(path);
    QCOMPARE(get(files, "/cached.txt").status, 404);

    // a symlink inside the root, cached, then turned to point outside: refused again
    const QString link = m_root + u"/cached-link";
    write(m_root + u"/cached-target.txt", "inside");
    QVERIFY(QFile::link(QStringLiteral("cached-target.txt"), link));
    QCOMPARE(bodyOf(get(files, "/cached-link")), QByteArray("inside"));
    QCOMPARE(bodyOf(get(files, "/cached-link")), QByteArray("inside"));
    QVERIFY(QFile::remove(link));
    QVERIFY(QFile::link(m_dir.filePath(QStringLiteral("outside/secret.txt")), link));
    QCOMPARE(get(files, "/cached-link").status, 404);
    QFile::remove(link);
    QFile::remove(m_root + u"/cached-target.txt");
}

void tst_StaticFiles::cacheOnlyOldFiles()
{
    // With the default minimum age, a file changed within the last second is never cached, so
    // that two changes in one coarse clock tick cannot leave a stale copy behind.
    StaticFiles files({m_root, {"index.html"}, {}, {}, true});
    const QString path = m_root + u"/fresh.txt";
    write(path, "fresh");
    const quint64 hits = StaticFiles::cacheHitsOnThisThread();
    QCOMPARE(bodyOf(get(files, "/fresh.txt")), QByteArray("fresh"));
    const StaticResponse again = get(files, "/fresh.txt");
    QCOMPARE(bodyOf(again), QByteArray("fresh"));
    QVERIFY(again.fd >= 0);
    QCOMPARE(StaticFiles::cacheHitsOnThisThread(), hits);
    QFile::remove(path);

    // off entirely
    StaticFiles off({m_root, {"index.html"}, {}, {}, true});
    off.setFileCacheMinAgeSec(-1);
    write(path, "fresh");
    QCOMPARE(bodyOf(get(off, "/fresh.txt")), QByteArray("fresh"));
    QVERIFY(get(off, "/fresh.txt").fd >= 0);
    QCOMPARE(StaticFiles::cacheHitsOnThisThread(), hits);
    QFile::remove(path);
}

void tst_StaticFiles::rootRenamedOver()
{
    // Deploying by renaming a new tree over the root: served from the new tree once the
    // worker's cached root directory is revalidated (here at once; default within 1 s).
    const QString site = m_dir.filePath(QStringLiteral("site"));
    const QString next = m_dir.filePath(QStringLiteral("site.next"));
    write(site + u"/index.html", "old");
    write(next + u"/index.html", "new");
    StaticFiles files({site, {"index.html"}, {}, {}, true});
    files.setRootRevalidateMs(0);
    QCOMPARE(bodyOf(get(files, "/")), QByteArray("old"));
    QVERIFY(QDir(site).removeRecursively());
    QVERIFY(QDir().rename(next, site));
    QCOMPARE(bodyOf(get(files, "/")), QByteArray("new"));

    // with the default, the same thread keeps the directory it opened for a while
    StaticFiles cached({site, {"index.html"}, {}, {}, true});
    QCOMPARE(bodyOf(get(cached, "/")), QByteArray("new"));
    write(next + u"/index.html", "newer");
    QVERIFY(QDir(site).removeRecursively());
    QVERIFY(QDir().rename(next, site));
    QCOMPARE(get(cached, "/").status, 404); // the old, now deleted, directory
    QTRY_COMPARE_WITH_TIMEOUT(bodyOf(get(cached, "/")), QByteArray("newer"), 3000);
}

void tst_StaticFiles::ranges()
{
    StaticFiles files({m_root, {"index.html"}, {}, {}, true});
    const QByteArray etag = str(get(files, "/a.txt").header("ETag"));
    auto ranged = [&](const QByteArray &range, const QByteArray &ifRange = {},
                      const QByteArray &method = "GET") {
        StaticRequest req;
        req.method = sv(method);
        req.target = "/a.txt";
        req.range = sv(range);
        req.ifRange = sv(ifRange);
        return files.serve(req);
    };
    StaticResponse r = ranged("bytes=0-4");
    QCOMPARE(r.status, 206);
    QCOMPARE(bodyOf(r), QByteArray("hello"));
    QCOMPARE(str(r.header("Content-Range")), QByteArray("bytes 0-4/11"));
    r = ranged("bytes=6-");
    QCOMPARE(r.status, 206);
    QCOMPARE(bodyOf(r), QByteArray("world"));
    QCOMPARE(str(r.header("Content-Range")), QByteArray("bytes 6-10/11"));
    r = ranged("bytes=-3");
    QCOMPARE(bodyOf(r), QByteArray("rld"));
    r = ranged("bytes=-100");
    QCOMPARE(r.status, 206);
    QCOMPARE(bodyOf(r), QByteArray("hello world"));
    r = ranged("bytes=6-1000");
    QCOMPARE(str(r.header("Content-Range")), QByteArray("bytes 6-10/11"));
    r = ranged("bytes=11-");
    QCOMPARE(r.status, 416);
    QCOMPARE(r.fd, -1);
    QCOMPARE(str(r.header("Content-Range")), QByteArray("bytes */11"));
    QCOMPARE(ranged("bytes=-0").status, 416);
    QCOMPARE(ranged("bytes=0-1,4-5").status, 200); // multi-range: the whole file
    QCOMPARE(ranged("bytes=5-2").status, 200);     // invalid: ignored
    QCOMPARE(ranged("items=0-1").status, 200);
    QCOMPARE(ranged("bytes=x-1").status, 200);
    QCOMPARE(ranged("bytes=0-4", etag).status, 206);
    QCOMPARE(ranged("bytes=0-4", "\"stale\"").status, 200);
    QCOMPARE(ranged("bytes=0-4", str(get(files, "/a.txt").header("Last-Modified"))).status, 206);
    r = ranged("bytes=0-4", {}, "HEAD");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.length, qint64(11));
    QVERIFY(!r.sendBody);
}

void tst_StaticFiles::precompressed()
{
    StaticFiles files({m_root, {"index.html"}, {}, {}, true});
    auto enc = [&](const QByteArray &ae) {
        StaticRequest req;
        req.method = "GET";
        req.target = "/app.js";
        req.acceptEncoding = sv(ae);
        return files.serve(req);
    };
    StaticResponse r = enc("gzip, deflate, br");
    QCOMPARE(bodyOf(r), QByteArray("BR"));
    QCOMPARE(str(r.header("Content-Encoding")), QByteArray("br"));
    QCOMPARE(str(r.header("Vary")), QByteArray("Accept-Encoding"));
    QCOMPARE(str(r.header("Content-Type")), QByteArray("application/javascript"));
    const QByteArray brTag = str(r.header("ETag"));
    r = enc("gzip");
    QCOMPARE(bodyOf(r), QByteArray("GZ"));
    QCOMPARE(str(r.header("Content-Encoding")), QByteArray("gzip"));
    QVERIFY(str(r.header("ETag")) != brTag);
    QCOMPARE(bodyOf(enc("br;q=0, gzip;q=0.5")), QByteArray("GZ"));
    QCOMPARE(bodyOf(enc("*")), QByteArray("BR"));
    QCOMPARE(bodyOf(enc("*, br;q=0")), QByteArray("GZ"));
    r = enc("identity");
    QCOMPARE(bodyOf(r), QByteArray("console.log('plain');"));
    QCOMPARE(str(r.header("Content-Encoding")), QByteArray("<none>"));
    QCOMPARE(str(r.header("Vary")), QByteArray("<none>"));
    // a file without siblings stays plain
    StaticRequest req;
    req.method = "GET";
    req.target = "/a.txt";
    req.acceptEncoding = "gzip, br";
    QCOMPARE(bodyOf(files.serve(req)), QByteArray("hello world"));
    // switched off
    StaticFiles plain({m_root, {"index.html"}, {}, {}, false});
    req.target = "/app.js";
    QCOMPARE(bodyOf(plain.serve(req)), QByteArray("console.log('plain');"));
}

void tst_StaticFiles::headAndMethods()
{
    StaticFiles files({m_root, {"index.html"}, {}, {}, true});
    StaticResponse r = get(files, "/a.txt", "HEAD");
    QCOMPARE(r.status, 200);
    QCOMPARE(r.length, qint64(11));
    QVERIFY(!r.sendBody);
    QCOMPARE(r.fd, -1);
    QCOMPARE(str(r.header("Content-Type")), QByteArray("text/plain"));
    r = get(files, "/missing", "HEAD");
    QCOMPARE(r.status, 404);
    QVERIFY(!r.sendBody);
    r = get(files, "/a.txt", "POST");
    QCOMPARE(r.status, 405);
    QCOMPARE(str(r.header("Allow")), QByteArray("GET, HEAD"));
    // the caller owns the fd once taken (a small file may come from the cache, without fd)
    files.setFileCacheMinAgeSec(-1);
    r = get(files, "/a.txt");
    const int fd = r.takeFd();
    QVERIFY(fd >= 0);
    QCOMPARE(r.fd, -1);
    ::close(fd);
}

void tst_StaticFiles::tryFiles()
{
    StaticFiles spa({m_root, {"index.html"}, {"$uri", "$uri/", "/index.html"}, {}, true});
    QCOMPARE(bodyOf(get(spa, "/a.txt")), QByteArray("hello world"));
    QCOMPARE(bodyOf(get(spa, "/app/route/42")), QByteArray("<h1>home</h1>"));
    QCOMPARE(get(spa, "/../etc/passwd").status, 400);

    StaticFiles strict({m_root, {"index.html"}, {"$uri", "=418"}, {}, true});
    QCOMPARE(get(strict, "/a.txt").status, 200);
    StaticResponse r = get(strict, "/missing");
    QCOMPARE(r.status, 418);
    QCOMPARE(r.length, qint64(0));

    StaticFiles docs({m_root, {"index.htm"}, {"/docs/$uri", "=404"}, {}, true});
    QCOMPARE(bodyOf(get(docs, "/")), QByteArray("docs index"));
    QCOMPARE(get(docs, "/a.txt").status, 404);

    // a root that does not exist (yet) answers 404, and serves once it exists
    const QString later = m_dir.filePath(QStringLiteral("later"));
    StaticFiles missing({later, {"index.html"}, {}, {}, true});
    QCOMPARE(get(missing, "/").status, 404);
    write(later + u"/index.html", "late");
    QCOMPARE(bodyOf(get(missing, "/")), QByteArray("late"));

    // an entry cannot climb out either
    StaticFiles evil({m_root, {"index.html"}, {"/../outside/secret.txt"}, {}, true});
    QCOMPARE(get(evil, "/x").status, 404);
}

void tst_StaticFiles::resolveServerRoot()
{
    QCOMPARE(StaticFiles::resolveServerRoot(QStringLiteral("/var/www/"),
                                            QStringLiteral("/etc/gatehouse")),
             QStringLiteral("/var/www"));
    QCOMPARE(
        StaticFiles::resolveServerRoot(QStringLiteral("site"), QStringLiteral("/etc/gatehouse")),
        QStringLiteral("/etc/gatehouse/static/site"));
    QCOMPARE(StaticFiles::resolveServerRoot(QStringLiteral("./a/../b"),
                                            QStringLiteral("/etc/gatehouse")),
             QStringLiteral("/etc/gatehouse/static/b"));
}

void tst_StaticFiles::concurrentServe()
{
    // One StaticFiles shared by every worker thread: serve() is const and reentrant.
    StaticFiles files({m_root, {"index.html", "index.htm"}, {}, {}, true});
    std::atomic<int> wrong{0};
    // std::thread, not QThread: join() is a pthread call ThreadSanitizer sees, where
    // QThread::wait() synchronises inside uninstrumented Qt.
    std::vector<std::thread> threads;
    for (int k = 0; k < 4; ++k) {
        threads.emplace_back([&files, &wrong, k] {
            const QByteArray targets[] = {"/a.txt", "/docs/", "/link-out", "/../x"};
            const int expected[] = {200, 200, 404, 400};
            for (int i = 0; i < 500; ++i) {
                const int t = (i + k) % 4;
                StaticRequest req;
                req.method = "GET";
                req.target = sv(targets[t]);
                if (files.serve(req).status != expected[t])
                    ++wrong;
            }
        });
    }
    for (std::thread &t : threads)
        t.join();
    QCOMPARE(wrong.load(), 0);
}

void tst_StaticFiles::benchmarkServe()
{
    // Cost of one decision (normalise, openat2, fstat, headers); the data path adds sendfile.
    StaticFiles files({m_root, {"index.html"}, {}, {}, true});
    StaticRequest req;
    req.method = "GET";
    req.target = "/sub/deep/file.css";
    req.acceptEncoding = "gzip, deflate, br";
    QBENCHMARK
    {
        const StaticResponse r = files.serve(req);
        QCOMPARE(r.status, 200);
    }
}

void tst_StaticFiles::benchmarkServePlain()
{
    // Without Accept-Encoding: root, openat2, fstat, close.
    StaticFiles files({m_root, {"index.html"}, {}, {}, true});
    StaticRequest req;
    req.method = "GET";
    req.target = "/a.txt";
    QBENCHMARK
    {
        const StaticResponse r = files.serve(req);
        QCOMPARE(r.status, 200);
    }
}

QTEST_GUILESS_MAIN(tst_StaticFiles)
#include "tst_staticfiles.moc"
