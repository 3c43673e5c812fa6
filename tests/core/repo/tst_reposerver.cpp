// RepoServer against the Pipy repo protocol of reference §3.3, checked on the wire, byte for
// byte, since real Pipy workers and publishers will talk to it.
#include "rawhttp.h"
#include "repo/reposerver.h"
#include "repo/websocketframe.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>

using namespace Gatehouse::Core;
using namespace Qt::StringLiterals;
using RawHttp::exchange;
using RawHttp::request;

namespace {

std::unique_ptr<RepoServer> startServer(const QString &dir, const QByteArray &token = {})
{
    auto server = std::make_unique<RepoServer>(dir);
    server->setToken(token);
    QString error;
    if (!server->listen(QHostAddress::LocalHost, 0, &error))
        qFatal("listen: %s", qPrintable(error));
    return server;
}

QJsonObject info(quint16 port, const QByteArray &cb)
{
    return QJsonDocument::fromJson(
               RawHttp::body(exchange(port, request("GET", "/api/v1/repo" + cb))))
        .object();
}

} // namespace

class TstRepoServer : public QObject
{
    Q_OBJECT
private slots:
    void fgwBootstrapperOnTheWire();
    void createErrors();
    void filesPendingUntilCommit();
    void incrementalCommit();
    void derivedCodebasesFollowTheirBase();
    void deleteCascades();
    void workerStatusReports();
    void adminLinkPushesReload();
    void bearerToken();
    void survivesRestart();
    void badRequests();
};

void TstRepoServer::fgwBootstrapperOnTheWire()
{
    auto server = startServer({});
    const quint16 port = server->serverPort();
    // 1. The repo answers; no codebase yet.
    QCOMPARE(exchange(port, request("GET", "/api/v1/repo/")),
             "HTTP/1.1 200 OK\r\nserver: pipy-repo\r\ncontent-length: 0\r\n\r\n"_ba);
    QCOMPARE(exchange(port, request("GET", "/api/v1/repo/base/fgw")),
             "HTTP/1.1 404 Not Found\r\nserver: pipy-repo\r\ncontent-type: text/plain\r\n"
             "content-length: 18\r\n\r\nCodebase not found"_ba);
    // 2. Create with the version as a JSON string, as FGW's Go client does.
    QCOMPARE(exchange(port, request("POST", "/api/v1/repo/base/fgw", R"({"version":"1"})")),
             "HTTP/1.1 201 Created\r\nserver: pipy-repo\r\ncontent-length: 0\r\n\r\n"_ba);
    QCOMPARE(info(port, "/base/fgw").value("version"_L1), QJsonValue(u"1"_s));
    // Not visible to workers before the first versioned commit.
    QCOMPARE(RawHttp::status(exchange(port, request("GET", "/repo/base/fgw/"))), 404);
    // 3. Upload files.
    QCOMPARE(exchange(port, request("POST", "/api/v1/repo-files/base/fgw/config.json", R"({"a":1})",
                                    "content-type: application/json\r\n")),
             "HTTP/1.1 201 Created\r\nserver: pipy-repo\r\ncontent-length: 0\r\n\r\n"_ba);
    QCOMPARE(
        RawHttp::status(exchange(port, request("POST", "/api/v1/repo-files/base/fgw/http/route.js",
                                               "export default 1\n"))),
        201);
    // 4. Commit with old + 1, as a string.
    QCOMPARE(exchange(port, request("PATCH", "/api/v1/repo/base/fgw", R"({"version":"2"})")),
             "HTTP/1.1 201 Created\r\nserver: pipy-repo\r\ncontent-length: 0\r\n\r\n"_ba);
    const QByteArray manifest = "/main.js\n/config.json\n/http/route.js";
    QCOMPARE(exchange(port, request("GET", "/repo/base/fgw/")),
             "HTTP/1.1 200 OK\r\nserver: pipy-repo\r\ncontent-type: text/plain\r\netag: 2\r\n"
             "content-length: "
                 + QByteArray::number(manifest.size()) + "\r\n\r\n" + manifest);
    QCOMPARE(exchange(port, request("HEAD", "/repo/base/fgw/"), true),
             "HTTP/1.1 200 OK\r\nserver: pipy-repo\r\ncontent-type: text/plain\r\netag: 2\r\n"
             "content-length: "
                 + QByteArray::number(manifest.size()) + "\r\n\r\n");
    QCOMPARE(
        exchange(port, request("GET", "/repo/base/fgw/config.json")),
        "HTTP/1.1 200 OK\r\nserver: pipy-repo\r\netag: 2\r\ncontent-length: 7\r\n\r\n{\"a\":1}"_ba);
    QCOMPARE(RawHttp::body(exchange(port, request("GET", "/repo/base/fgw/_etags"))),
             "/config.json#2\n/http/route.js#2\n/main.js#2\n"_ba);
    // 5. The derived codebase workers pull.
    QCOMPARE(RawHttp::status(exchange(port, request("POST", "/api/v1/repo/local/fgw",
                                                    R"({"version":"1","base":"/base/fgw"})"))),
             201);
    QCOMPARE(RawHttp::status(
                 exchange(port, request("PATCH", "/api/v1/repo/local/fgw", R"({"version":"2"})"))),
             201);
    QCOMPARE(RawHttp::body(exchange(port, request("GET", "/repo/local/fgw/"))), manifest);
    QCOMPARE(RawHttp::body(exchange(port, request("GET", "/repo"))),
             "/base/fgw/\n/local/fgw/\n"_ba);
    QCOMPARE(RawHttp::body(exchange(port, request("GET", "/api/v1/repo"))),
             "/base/fgw\n/local/fgw\n"_ba);
    const QJsonObject local = info(port, "/local/fgw");
    QCOMPARE(local.value("version"_L1), QJsonValue(u"2"_s));
    QCOMPARE(local.value("base"_L1), QJsonValue(u"/base/fgw"_s));
    QCOMPARE(local.value("baseFiles"_L1).toArray().size(), 3);
    QCOMPARE(info(port, "/base/fgw").value("derived"_L1).toArray(), QJsonArray{u"/local/fgw"_s});
    // 6. The deliberate bump: only config.json changes; workers see a new etag.
    QCOMPARE(RawHttp::status(exchange(
                 port, request("POST", "/api/v1/repo-files/base/fgw/config.json", R"({"a":2})"))),
             201);
    QCOMPARE(RawHttp::status(
                 exchange(port, request("PATCH", "/api/v1/repo/base/fgw", R"({"version":"3"})"))),
             201);
    const QByteArray head = exchange(port, request("HEAD", "/repo/local/fgw/"), true);
    QVERIFY2(head.contains("\r\netag: 3\r\n"), head.constData());
    QCOMPARE(RawHttp::body(exchange(port, request("GET", "/repo/local/fgw/config.json"))),
             "{\"a\":2}"_ba);
}

void TstRepoServer::createErrors()
{
    auto server = startServer({});
    const quint16 port = server->serverPort();
    auto post = [port](const QByteArray &path, const QByteArray &body) {
        return exchange(port, request("POST", path, body));
    };
    QCOMPARE(RawHttp::body(post("/api/v1/repo/a/", "{}")), "Invalid codebase name"_ba);
    QCOMPARE(RawHttp::status(post("/api/v1/repo/a/", "{}")), 400);
    QCOMPARE(RawHttp::status(post("/api/v1/repo/a", "")), 201);
    QCOMPARE(RawHttp::body(post("/api/v1/repo/a", "{}")), "Codebase already exists"_ba);
    QCOMPARE(RawHttp::body(post("/api/v1/repo/b", R"({"base":"/nope"})")),
             "Base codebase not found"_ba);
    QCOMPARE(RawHttp::body(post("/api/v1/repo/c", R"({"version":-1})")),
             "Invalid version number"_ba);
    QCOMPARE(RawHttp::body(post("/api/v1/repo/c", R"({"version":2147483648})")),
             "Invalid version number"_ba);
    QCOMPARE(RawHttp::body(post("/api/v1/repo/c", R"({"version":true})")), "Invalid version"_ba);
    QCOMPARE(RawHttp::status(post("/api/v1/repo/c", R"({"version":2147483647})")), 201);
    QCOMPARE(info(port, "/c").value("version"_L1), QJsonValue(u"2147483647"_s));
    QCOMPARE(info(port, "/a").value("version"_L1), QJsonValue(u"0"_s));
    // Non-derived codebases get Pipy's template main file.
    QCOMPARE(info(port, "/a").value("files"_L1).toArray(), QJsonArray{u"/main.js"_s});
    QCOMPARE(
        RawHttp::body(exchange(port, request("PATCH", "/api/v1/repo/a", R"({"main":"x.js"})"))),
        "Invalid main filename"_ba);
    QCOMPARE(RawHttp::status(exchange(port, request("PATCH", "/api/v1/repo/zz", "{}"))), 404);
    QCOMPARE(RawHttp::status(exchange(port, request("PUT", "/api/v1/repo/a", "{}"))), 405);
    QCOMPARE(RawHttp::body(exchange(port, request("POST", "/api/v1/repo-files/zz/x.js", "1"))),
             "Codebase not found"_ba);
    QCOMPARE(RawHttp::body(exchange(port, request("POST", "/api/v1/repo-files/a/dir/", "1"))),
             "Invalid filename"_ba);
}

void TstRepoServer::filesPendingUntilCommit()
{
    auto server = startServer({});
    const quint16 port = server->serverPort();
    exchange(port, request("POST", "/api/v1/repo/cb", "{}"));
    exchange(port, request("POST", "/api/v1/repo-files/cb/config.json", "one"));
    QCOMPARE(info(port, "/cb").value("editFiles"_L1).toArray(), QJsonArray{u"/config.json"_s});
    QCOMPARE(RawHttp::body(exchange(port, request("GET", "/api/v1/repo-files/cb/config.json"))),
             "one"_ba);
    QCOMPARE(RawHttp::body(exchange(port, request("GET", "/api/v1/repo/cb/config.json"))),
             "one"_ba);
    QCOMPARE(RawHttp::status(exchange(port, request("GET", "/repo/cb/config.json"))), 404);
    // PATCH with an empty body discards the pending edit.
    QCOMPARE(
        RawHttp::status(exchange(port, request("PATCH", "/api/v1/repo-files/cb/config.json", ""))),
        201);
    QCOMPARE(info(port, "/cb").value("editFiles"_L1).toArray(), QJsonArray{});
    exchange(port, request("POST", "/api/v1/repo-files/cb/config.json", "two"));
    exchange(port, request("PATCH", "/api/v1/repo/cb", R"({"version":"1"})"));
    QCOMPARE(RawHttp::body(exchange(port, request("GET", "/repo/cb/config.json"))), "two"_ba);
    // DELETE is a pending erase: the file stays published until the next commit.
    QCOMPARE(exchange(port, request("DELETE", "/api/v1/repo-files/cb/config.json")),
             "HTTP/1.1 204 No Content\r\nserver: pipy-repo\r\n\r\n"_ba);
    QCOMPARE(info(port, "/cb").value("erasedFiles"_L1).toArray(), QJsonArray{u"/config.json"_s});
    QCOMPARE(RawHttp::status(exchange(port, request("GET", "/repo/cb/config.json"))), 200);
    exchange(port, request("PATCH", "/api/v1/repo/cb", R"({"version":"2"})"));
    QCOMPARE(RawHttp::status(exchange(port, request("GET", "/repo/cb/config.json"))), 404);
    QCOMPARE(RawHttp::body(exchange(port, request("GET", "/repo/cb/"))), "/main.js"_ba);
    QCOMPARE(RawHttp::status(exchange(port, request("DELETE", "/api/v1/repo-files/cb/none.js"))),
             404);
}

void TstRepoServer::incrementalCommit()
{
    auto server = startServer({});
    const quint16 port = server->serverPort();
    exchange(port, request("POST", "/api/v1/repo/cb", R"({"version":"3"})"));
    exchange(port, request("POST", "/api/v1/repo-files/cb/config.json", "a"));
    exchange(port, request("PATCH", "/api/v1/repo/cb", R"({"version":"3"})"));
    exchange(port, request("POST", "/api/v1/repo-files/cb/config.json", "b"));
    QCOMPARE(RawHttp::status(exchange(port, request("PATCH", "/api/v1/repo/cb", "{}"))), 201);
    QCOMPARE(RawHttp::body(exchange(port, request("GET", "/repo/cb/_etags"))),
             "/config.json#3.1\n/main.js#3\n"_ba);
    exchange(port, request("POST", "/api/v1/repo-files/cb/config.json", "c"));
    exchange(port, request("PATCH", "/api/v1/repo/cb", "{}"));
    QVERIFY(exchange(port, request("GET", "/repo/cb/config.json")).contains("\r\netag: 3.2\r\n"));
    // The codebase version (the manifest's etag) does not move.
    QVERIFY(exchange(port, request("HEAD", "/repo/cb/"), true).contains("\r\netag: 3\r\n"));
}

void TstRepoServer::derivedCodebasesFollowTheirBase()
{
    auto server = startServer({});
    const quint16 port = server->serverPort();
    exchange(port, request("POST", "/api/v1/repo/base", R"({"version":"1"})"));
    exchange(port, request("POST", "/api/v1/repo-files/base/lib.js", "lib v1"));
    exchange(port, request("PATCH", "/api/v1/repo/base", R"({"version":"2"})"));
    exchange(port, request("POST", "/api/v1/repo/derived", R"({"version":"5","base":"/base"})"));
    exchange(port, request("POST", "/api/v1/repo-files/derived/config.json", "{}"));
    exchange(port, request("PATCH", "/api/v1/repo/derived", R"({"version":"6"})"));
    QCOMPARE(RawHttp::body(exchange(port, request("GET", "/repo/derived/"))),
             "/main.js\n/config.json\n/lib.js"_ba);
    // The base commits: the derived codebase's version goes up by one (integer parse).
    exchange(port, request("POST", "/api/v1/repo-files/base/lib.js", "lib v2"));
    exchange(port, request("PATCH", "/api/v1/repo/base", R"({"version":"3"})"));
    QVERIFY(exchange(port, request("HEAD", "/repo/derived/"), true).contains("\r\netag: 7\r\n"));
    QCOMPARE(RawHttp::body(exchange(port, request("GET", "/repo/derived/lib.js"))), "lib v2"_ba);
    QCOMPARE(RawHttp::body(exchange(port, request("GET", "/repo/derived/_etags"))),
             "/config.json#7\n/lib.js#7\n/main.js#7\n"_ba);
}

void TstRepoServer::deleteCascades()
{
    auto server = startServer({});
    const quint16 port = server->serverPort();
    exchange(port, request("POST", "/api/v1/repo/base", "{}"));
    exchange(port, request("POST", "/api/v1/repo/derived", R"({"base":"/base"})"));
    QCOMPARE(RawHttp::status(exchange(port, request("DELETE", "/api/v1/repo/base"))), 204);
    QCOMPARE(RawHttp::status(exchange(port, request("GET", "/api/v1/repo/derived"))), 404);
    QCOMPARE(RawHttp::status(exchange(port, request("DELETE", "/api/v1/repo/base"))), 404);
}

void TstRepoServer::workerStatusReports()
{
    auto server = startServer({});
    const quint16 port = server->serverPort();
    exchange(port, request("POST", "/api/v1/repo/cb", "{}"));
    const QByteArray status
        = R"({"timestamp":1,"since":0,"uuid":"u-1","name":"w1","ip":"","version":"1","modules":{},"logs":[]})";
    QCOMPARE(
        exchange(port, request("POST", "/repo/cb/", status, "content-type: application/json\r\n")),
        "HTTP/1.1 201 Created\r\nserver: pipy-repo\r\ncontent-length: 0\r\n\r\n"_ba);
    QCOMPARE(RawHttp::status(exchange(port, request("POST", "/repo/cb/", status))), 206);
    const QJsonObject instances = info(port, "/cb").value("instances"_L1).toObject();
    QCOMPARE(instances.size(), 1);
    const QJsonObject instance = instances.begin()->toObject();
    QCOMPARE(instance.value("ip"_L1).toString(), u"127.0.0.1"_s);
    QCOMPARE(instance.value("status"_L1).toObject().value("name"_L1).toString(), u"w1"_s);
    QVERIFY(instance.value("timestamp"_L1).toDouble() > 0);
    QCOMPARE(RawHttp::status(exchange(port, request("POST", "/repo/nope/", status))), 405);
}

void TstRepoServer::adminLinkPushesReload()
{
    auto server = startServer({});
    const quint16 port = server->serverPort();
    exchange(port, request("POST", "/api/v1/repo/cb", "{}"));
    exchange(port, request("PATCH", "/api/v1/repo/cb", R"({"version":"1"})"));
    exchange(port, request("POST", "/repo/cb/", R"({"uuid":"abc","name":"w"})"));

    QTcpSocket link;
    link.connectToHost(QHostAddress::LocalHost, port);
    const QByteArray handshake = exchange(
        link, request("GET", "/repo/cb/abc", {},
                      "upgrade: websocket\r\nconnection: Upgrade\r\nsec-websocket-version: 13\r\n"
                      "sec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==\r\n"));
    QVERIFY2(handshake.startsWith("HTTP/1.1 101 Switching Protocols\r\n"), handshake.constData());
    // RFC 6455's sample key and answer.
    QVERIFY(handshake.contains("sec-websocket-accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n"));
    // The worker's first (empty, masked) message.
    link.write(WebSocketFrame::encode(WebSocketFrame::Text, {}, true));

    QTest::qWait(50);
    QVERIFY(link.readAll().isEmpty());
    exchange(port, request("PATCH", "/api/v1/repo/cb", R"({"version":"2"})"));
    QByteArray buffer;
    WebSocketFrame frame;
    WebSocketFrame::Parse parsed = WebSocketFrame::Parse::NeedMore;
    for (int i = 0; i < 500 && parsed == WebSocketFrame::Parse::NeedMore; ++i) {
        QTest::qWait(10);
        buffer += link.readAll();
        parsed = WebSocketFrame::take(buffer, &frame);
    }
    QCOMPARE(parsed, WebSocketFrame::Parse::Frame);
    QCOMPARE(frame.opcode, quint8(WebSocketFrame::Text));
    QCOMPARE(frame.payload, "reload"_ba);
    // An unversioned commit sends nothing.
    exchange(port, request("PATCH", "/api/v1/repo/cb", "{}"));
    QTest::qWait(50);
    QVERIFY(link.readAll().isEmpty());
}

void TstRepoServer::bearerToken()
{
    auto server = startServer({}, "s3cret");
    const quint16 port = server->serverPort();
    const QByteArray denied = exchange(port, request("GET", "/api/v1/repo"));
    QCOMPARE(RawHttp::status(denied), 401);
    QVERIFY(denied.contains("www-authenticate: Bearer"));
    QCOMPARE(RawHttp::status(
                 exchange(port, request("GET", "/repo/x/", {}, "authorization: Bearer wrong\r\n"))),
             401);
    QCOMPARE(RawHttp::status(exchange(
                 port, request("GET", "/api/v1/repo", {}, "authorization: Bearer s3cret\r\n"))),
             200);
}

void TstRepoServer::survivesRestart()
{
    QTemporaryDir dir;
    {
        auto server = startServer(dir.path());
        const quint16 port = server->serverPort();
        exchange(port, request("POST", "/api/v1/repo/cb", R"({"version":"1"})"));
        exchange(port, request("POST", "/api/v1/repo-files/cb/config.json", "kept"));
        exchange(port, request("PATCH", "/api/v1/repo/cb", R"({"version":"2"})"));
        exchange(port, request("POST", "/api/v1/repo-files/cb/static/a.txt", "pending"));
    }
    auto server = startServer(dir.path());
    const quint16 port = server->serverPort();
    QVERIFY(exchange(port, request("HEAD", "/repo/cb/"), true).contains("\r\netag: 2\r\n"));
    QCOMPARE(RawHttp::body(exchange(port, request("GET", "/repo/cb/config.json"))), "kept"_ba);
    QCOMPARE(info(port, "/cb").value("editFiles"_L1).toArray(), QJsonArray{u"/static/a.txt"_s});
}

void TstRepoServer::badRequests()
{
    auto server = startServer({});
    const quint16 port = server->serverPort();
    QCOMPARE(RawHttp::status(exchange(port, "NONSENSE\r\n\r\n")), 400);
    QCOMPARE(RawHttp::status(exchange(port, request("GET", "/elsewhere"))), 404);
    // Keep-alive: two requests on one connection, and a chunked body.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    QCOMPARE(RawHttp::status(exchange(socket, request("POST", "/api/v1/repo/k", "{}"))), 201);
    const QByteArray chunked = "POST /api/v1/repo-files/k/config.json HTTP/1.1\r\nhost: x\r\n"
                               "transfer-encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n";
    QCOMPARE(RawHttp::status(exchange(socket, chunked)), 201);
    QCOMPARE(RawHttp::body(exchange(socket, request("GET", "/api/v1/repo-files/k/config.json"))),
             "abcde"_ba);
}

QTEST_GUILESS_MAIN(TstRepoServer)
#include "tst_reposerver.moc"
