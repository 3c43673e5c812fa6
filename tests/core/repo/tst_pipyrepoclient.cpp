// PipyRepoClient against Gatehouse's RepoServer and against servers that fail in every way:
// what was and was not written must always be reported.
#include "fakehttpserver.h"
#include "repoclientsync.h"
#include "repo/pipyrepoclient.h"
#include "repo/reposerver.h"
#include "testconfigs.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTcpServer>
#include <QtTest>

using namespace Gatehouse::Core;
using namespace Qt::StringLiterals;
using namespace RepoClientSync;

namespace {

ConfigBundle site(const QString &tag, int files = 2)
{
    ConfigBundle b;
    b.setConfig(TestConfigs::staticSite(8080, tag));
    for (int i = 0; i < files; ++i)
        b.insert(u"static/www/f%1.html"_s.arg(i), (tag + u" %1"_s.arg(i)).toUtf8());
    return b;
}

} // namespace

class TstPipyRepoClient : public QObject
{
    Q_OBJECT
private slots:
    void publishCreatesUploadsAndCommits();
    void publishSendsOnlyChangesAndDeletesRemoved();
    void derivedFromBase();
    void ifVersionRefusesBeforeWriting();
    void emptyIfVersionMeansNotCreatedYet();
    void reportsInstances();
    void refused();
    void timeout();
    void garbage();
    void badRequestKeepsItsBody();
    void failedCommitListsPendingFiles();
    void tokenIsSent();
};

void TstPipyRepoClient::publishCreatesUploadsAndCommits()
{
    RepoServer server({});
    QVERIFY(server.listen(QHostAddress::LocalHost, 0, nullptr));
    PipyRepoClient client(serverUrl(server.serverPort()));
    const ConfigBundle a = site(u"a"_s);
    const PublishResult r = publish(client, u"/local/fgw"_s, a);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.previousVersion, u"0"_s);
    QCOMPARE(r.version, u"1"_s);
    QVERIFY(r.committed);
    QCOMPARE(r.written,
             QStringList({u"/config.json"_s, u"/static/www/f0.html"_s, u"/static/www/f1.html"_s}));
    // Workers see it: manifest etag = version, files as sent.
    const auto head = send(client, "HEAD", u"/repo/local/fgw/"_s);
    QCOMPARE(head.status, 200);
    QCOMPARE(head.header("etag"), "1"_ba);
    std::optional<ConfigBundle> fetched;
    QString etag;
    QEventLoop loop;
    client.fetchPublished(u"/local/fgw"_s, [&](const std::optional<ConfigBundle> &b,
                                               const QString &e, const QString &) {
        fetched = b;
        etag = e;
        loop.quit();
    });
    loop.exec();
    QVERIFY(fetched);
    QCOMPARE(*fetched, a);
    QCOMPARE(etag, u"1"_s);
}

void TstPipyRepoClient::publishSendsOnlyChangesAndDeletesRemoved()
{
    RepoServer server({});
    QVERIFY(server.listen(QHostAddress::LocalHost, 0, nullptr));
    PipyRepoClient client(serverUrl(server.serverPort()));
    QVERIFY(publish(client, u"/cb"_s, site(u"a"_s, 3)).ok());
    ConfigBundle b = site(u"a"_s, 2);
    b.insert(u"static/www/f1.html"_s, "changed");
    const PublishResult r = publish(client, u"/cb"_s, b);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.written, QStringList{u"/static/www/f1.html"_s});
    QCOMPARE(r.deleted, QStringList{u"/static/www/f2.html"_s});
    QCOMPARE(r.version, u"2"_s);
    QCOMPARE(send(client, "GET", u"/repo/cb/static/www/f2.html"_s).status, 404);
    QCOMPARE(send(client, "GET", u"/repo/cb/static/www/f1.html"_s).body, "changed"_ba);
    // Pipy's template main.js is not ours to delete.
    QCOMPARE(send(client, "GET", u"/repo/cb/main.js"_s).status, 200);
}

void TstPipyRepoClient::derivedFromBase()
{
    RepoServer server({});
    QVERIFY(server.listen(QHostAddress::LocalHost, 0, nullptr));
    PipyRepoClient client(serverUrl(server.serverPort()));
    QCOMPARE(send(client, "POST", u"/api/v1/repo/base/fgw"_s, R"({"version":"1"})").status, 201);
    QCOMPARE(
        send(client, "POST", u"/api/v1/repo-files/base/fgw/http/route.js"_s, "// route").status,
        201);
    QCOMPARE(send(client, "PATCH", u"/api/v1/repo/base/fgw"_s, R"({"version":"2"})").status, 201);
    PipyRepoClient::PublishOptions options;
    options.base = u"/base/fgw"_s;
    const PublishResult r = publish(client, u"/local/fgw"_s, site(u"x"_s, 1), options);
    QVERIFY2(r.ok(), qPrintable(r.error));
    const QByteArray manifest = send(client, "GET", u"/repo/local/fgw/"_s).body;
    QCOMPARE(manifest, "/main.js\n/config.json\n/http/route.js\n/static/www/f0.html"_ba);
    const QJsonObject info
        = QJsonDocument::fromJson(send(client, "GET", u"/api/v1/repo/local/fgw"_s).body).object();
    QCOMPARE(info.value("base"_L1).toString(), u"/base/fgw"_s);
}

void TstPipyRepoClient::ifVersionRefusesBeforeWriting()
{
    RepoServer server({});
    QVERIFY(server.listen(QHostAddress::LocalHost, 0, nullptr));
    PipyRepoClient client(serverUrl(server.serverPort()));
    QVERIFY(publish(client, u"/cb"_s, site(u"a"_s)).ok());
    PipyRepoClient::PublishOptions options;
    options.ifVersion = u"7"_s;
    const PublishResult r = publish(client, u"/cb"_s, site(u"b"_s), options);
    QCOMPARE(r.status, PublishResult::Status::Conflict);
    QVERIFY(r.error.contains(u"version 1, not 7"_s));
    QVERIFY(r.written.isEmpty());
    QCOMPARE(r.notWritten.size(), 3);
    QVERIFY(!r.committed);
    const QJsonObject info
        = QJsonDocument::fromJson(send(client, "GET", u"/api/v1/repo/cb"_s).body).object();
    QCOMPARE(info.value("editFiles"_L1).toArray(), QJsonArray());
    QCOMPARE(info.value("version"_L1).toString(), u"1"_s);
    options.ifVersion = u"1"_s;
    QCOMPARE(publish(client, u"/cb"_s, site(u"b"_s), options).version, u"2"_s);
}

// ifVersion "" is what a caller saw when the codebase did not exist: the publish creates it and
// commits version 1; once it exists, "" is a conflict.
void TstPipyRepoClient::emptyIfVersionMeansNotCreatedYet()
{
    RepoServer server({});
    QVERIFY(server.listen(QHostAddress::LocalHost, 0, nullptr));
    PipyRepoClient client(serverUrl(server.serverPort()));
    PipyRepoClient::PublishOptions options;
    options.ifVersion = QString();
    const PublishResult first = publish(client, u"/fresh"_s, site(u"a"_s), options);
    QVERIFY2(first.ok(), qPrintable(first.error));
    QCOMPARE(first.version, u"1"_s);
    const PublishResult again = publish(client, u"/fresh"_s, site(u"b"_s), options);
    QCOMPARE(again.status, PublishResult::Status::Conflict);
    QVERIFY(again.written.isEmpty());
}

void TstPipyRepoClient::reportsInstances()
{
    RepoServer server({});
    QVERIFY(server.listen(QHostAddress::LocalHost, 0, nullptr));
    PipyRepoClient client(serverUrl(server.serverPort()));
    QVERIFY(publish(client, u"/cb"_s, site(u"a"_s)).ok());
    send(client, "POST", u"/repo/cb/"_s, R"({"uuid":"u0","name":"old","version":"1"})");
    send(client, "POST", u"/repo/cb/"_s, R"({"uuid":"u1","name":"quick","version":"2"})");
    const PublishResult r = publish(client, u"/cb"_s, site(u"b"_s));
    QCOMPARE(r.version, u"2"_s);
    QCOMPARE(r.instancesUpdated, QStringList{u"quick"_s});
    QCOMPARE(r.instancesPending, QStringList{u"old"_s});
}

void TstPipyRepoClient::refused()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    PipyRepoClient client(serverUrl(port));
    const PublishResult r = publish(client, u"/cb"_s, site(u"a"_s));
    QCOMPARE(r.status, PublishResult::Status::Unreachable);
    QCOMPARE(r.httpStatus, 0);
    QVERIFY(r.error.contains(u"nothing was written"_s));
    QCOMPARE(r.notWritten.size(), 3);
}

void TstPipyRepoClient::timeout()
{
    FakeHttpServer silent(
        [](const QByteArray &, const QByteArray &, const QByteArray &) { return QByteArray(); });
    PipyRepoClient client(serverUrl(silent.port()));
    client.setTimeout(300);
    QElapsedTimer timer;
    timer.start();
    const PublishResult r = publish(client, u"/cb"_s, site(u"a"_s));
    QCOMPARE(r.status, PublishResult::Status::Unreachable);
    QVERIFY2(r.error.contains(u"timed out"_s), qPrintable(r.error));
    QVERIFY(timer.elapsed() < 5000);
}

void TstPipyRepoClient::garbage()
{
    FakeHttpServer junk([](const QByteArray &, const QByteArray &, const QByteArray &) {
        return FakeHttpServer::response(200, "<html>hello</html>");
    });
    PipyRepoClient client(serverUrl(junk.port()));
    const PublishResult r = publish(client, u"/cb"_s, site(u"a"_s));
    QCOMPARE(r.status, PublishResult::Status::Garbage);
    QVERIFY(!r.committed);
    // Not even a HTTP response.
    FakeHttpServer noise([](const QByteArray &, const QByteArray &, const QByteArray &) {
        return QByteArray("\x01\x02 not http at all\r\n\r\n");
    });
    PipyRepoClient client2(serverUrl(noise.port()));
    client2.setTimeout(1000);
    const PublishResult r2 = publish(client2, u"/cb"_s, site(u"a"_s));
    QVERIFY(!r2.ok());
    QVERIFY(!r2.committed);
}

void TstPipyRepoClient::badRequestKeepsItsBody()
{
    RepoServer server({});
    QVERIFY(server.listen(QHostAddress::LocalHost, 0, nullptr));
    PipyRepoClient client(serverUrl(server.serverPort()));
    PipyRepoClient::PublishOptions options;
    options.base = u"/nope"_s;
    const PublishResult r = publish(client, u"/cb"_s, site(u"a"_s), options);
    QCOMPARE(r.status, PublishResult::Status::Refused);
    QCOMPARE(r.httpStatus, 400);
    QCOMPARE(r.httpBody, "Base codebase not found"_ba);
    QVERIFY2(r.error.contains(u"400 Base codebase not found"_s), qPrintable(r.error));
}

void TstPipyRepoClient::failedCommitListsPendingFiles()
{
    // A repo that accepts the uploads and then fails the commit (409 with a body).
    FakeHttpServer repo([](const QByteArray &method, const QByteArray &path, const QByteArray &) {
        if (method == "GET" && path == "/api/v1/repo/cb")
            return FakeHttpServer::response(
                200, R"({"version":"4","files":["/main.js","/static/old.txt"],"editFiles":[]})",
                "content-type: application/json\r\n");
        if (method == "GET")
            return FakeHttpServer::response(404, "File not found");
        if (method == "PATCH")
            return FakeHttpServer::response(409, "Someone else is committing");
        return FakeHttpServer::response(method == "DELETE" ? 204 : 201, {});
    });
    PipyRepoClient client(serverUrl(repo.port()));
    const PublishResult r = publish(client, u"/cb"_s, site(u"a"_s, 1));
    QCOMPARE(r.status, PublishResult::Status::Refused);
    QCOMPARE(r.httpStatus, 409);
    QCOMPARE(r.httpBody, "Someone else is committing"_ba);
    QVERIFY(!r.committed);
    QCOMPARE(r.written, QStringList({u"/config.json"_s, u"/static/www/f0.html"_s}));
    QCOMPARE(r.deleted, QStringList{u"/static/old.txt"_s});
    QVERIFY(r.notWritten.isEmpty());
    QVERIFY2(r.error.contains(u"pending edits, nothing was committed"_s), qPrintable(r.error));
}

void TstPipyRepoClient::tokenIsSent()
{
    RepoServer server({});
    server.setToken("t0k");
    QVERIFY(server.listen(QHostAddress::LocalHost, 0, nullptr));
    PipyRepoClient client(serverUrl(server.serverPort()));
    const PublishResult denied = publish(client, u"/cb"_s, site(u"a"_s));
    QCOMPARE(denied.httpStatus, 401);
    QCOMPARE(denied.status, PublishResult::Status::Refused);
    client.setToken("t0k");
    QVERIFY(publish(client, u"/cb"_s, site(u"a"_s)).ok());
}

QTEST_GUILESS_MAIN(TstPipyRepoClient)
#include "tst_pipyrepoclient.moc"
