// Puller as a Pipy worker: round trips through RepoServer with several pullers, etags and
// status reports as reference §3.5 says, the admin link's reload, and every way a new version
// can fail while the last good one keeps running.
#include "fakehttpserver.h"
#include "repoclientsync.h"
#include "repo/localrepo.h"
#include "repo/pipyrepoclient.h"
#include "repo/puller.h"
#include "repo/reposerver.h"
#include "testconfigs.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <vector>

using namespace Gatehouse::Core;
using namespace Qt::StringLiterals;
using namespace RepoClientSync;

namespace {

ConfigBundle site(const QString &tag)
{
    ConfigBundle b;
    b.setConfig(TestConfigs::staticSite(8080, tag));
    b.insert(u"static/www/index.html"_s, tag.toUtf8());
    return b;
}

Puller::Options fastOptions(int pollMs = 100)
{
    Puller::Options o;
    o.pollIntervalMs = pollMs;
    o.timeoutMs = 1000;
    return o;
}

QString currentVersion(const Puller &p)
{
    return p.current() ? p.current()->version : QString();
}

QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TstPuller : public QObject
{
    Q_OBJECT
private slots:
    void roundTripWithSeveralPullers();
    void onlyConfigAndStaticOfADerivedCodebase();
    void adminLinkReloadIsImmediate();
    void invalidConfigKeepsLastGood();
    void applierFailureKeepsLastGoodAndRetries();
    void unreachableThenRecovers();
    void garbageKeepsLastGood();
    void watchesALocalRepo();
    void pollsALocalRepo();
};

void TstPuller::roundTripWithSeveralPullers()
{
    RepoServer server({});
    QVERIFY(server.listen(QHostAddress::LocalHost, 0, nullptr));
    PipyRepoClient client(serverUrl(server.serverPort()));
    QVERIFY(publish(client, u"/local/fgw"_s, site(u"one"_s)).ok());

    const RepoTarget target = RepoTarget::remote(serverUrl(server.serverPort()), u"/local/fgw"_s);
    std::vector<std::unique_ptr<Puller>> pullers;
    for (int i = 0; i < 3; ++i) {
        Puller::Options o = fastOptions();
        o.instanceName = u"worker%1"_s.arg(i);
        pullers.push_back(std::make_unique<Puller>(target, o));
        pullers.back()->start();
    }
    for (const auto &p : pullers) {
        QTRY_COMPARE(currentVersion(*p), u"1"_s);
        QCOMPARE(readFile(p->current()->directory + u"/static/www/index.html"_s), "one"_ba);
        QCOMPARE(p->current()->bundle, site(u"one"_s));
    }
    const PublishResult r = publish(client, u"/local/fgw"_s, site(u"two"_s));
    QCOMPARE(r.version, u"2"_s);
    for (const auto &p : pullers) {
        QTRY_COMPARE(currentVersion(*p), u"2"_s);
        QCOMPARE(readFile(p->current()->directory + u"/static/www/index.html"_s), "two"_ba);
    }
    // Every worker reported its version to the repo, as Pipy workers do.
    QTRY_VERIFY([&] {
        const QJsonObject info
            = QJsonDocument::fromJson(send(client, "GET", u"/api/v1/repo/local/fgw"_s).body)
                  .object();
        const QJsonObject instances = info.value("instances"_L1).toObject();
        if (instances.size() != 3)
            return false;
        for (const QJsonValue &i : instances) {
            if (i.toObject().value("status"_L1).toObject().value("version"_L1).toString() != u"2"_s)
                return false;
        }
        return true;
    }());
    // The next publish sees them as updated.
    const PublishResult r3 = publish(client, u"/local/fgw"_s, site(u"three"_s));
    QTRY_COMPARE(currentVersion(*pullers[0]), u"3"_s);
    QCOMPARE(r3.instancesUpdated.size() + r3.instancesPending.size(), 3);
}

void TstPuller::onlyConfigAndStaticOfADerivedCodebase()
{
    RepoServer server({});
    QVERIFY(server.listen(QHostAddress::LocalHost, 0, nullptr));
    PipyRepoClient client(serverUrl(server.serverPort()));
    send(client, "POST", u"/api/v1/repo/base/fgw"_s, R"({"version":"1"})");
    send(client, "POST", u"/api/v1/repo-files/base/fgw/http/route.js"_s, "// FGW script");
    send(client, "PATCH", u"/api/v1/repo/base/fgw"_s, R"({"version":"2"})");
    send(client, "POST", u"/api/v1/repo/local/fgw"_s, R"({"version":"1","base":"/base/fgw"})");
    send(client, "POST", u"/api/v1/repo-files/local/fgw/config.json"_s,
         TestConfigs::staticSite(8080, u"d"_s));
    send(client, "POST", u"/api/v1/repo-files/local/fgw/static/www/index.html"_s, "d");
    send(client, "PATCH", u"/api/v1/repo/local/fgw"_s, R"({"version":"2"})");

    int fileGets = 0;
    connect(&server, &RepoServer::requestHandled, this,
            [&](const QByteArray &method, const QString &path, int status) {
                if (method == "GET" && status != 101 && path.startsWith(u"/repo/local/fgw/"_s)
                    && path != u"/repo/local/fgw/"_s)
                    ++fileGets;
            });
    Puller puller(RepoTarget::remote(serverUrl(server.serverPort()), u"/local/fgw"_s),
                  fastOptions());
    puller.start();
    QTRY_COMPARE(currentVersion(puller), u"2"_s);
    QCOMPARE(puller.current()->bundle.files().keys(),
             QStringList({u"config.json"_s, u"static/www/index.html"_s}));
    QCOMPARE(fileGets, 2); // main.js and http/route.js were never fetched
}

void TstPuller::adminLinkReloadIsImmediate()
{
    RepoServer server({});
    QVERIFY(server.listen(QHostAddress::LocalHost, 0, nullptr));
    PipyRepoClient client(serverUrl(server.serverPort()));
    QVERIFY(publish(client, u"/cb"_s, site(u"one"_s)).ok());
    // A poll interval far longer than the test: only the push can make the update fast.
    bool linked = false;
    connect(&server, &RepoServer::requestHandled, this,
            [&](const QByteArray &, const QString &path, int status) {
                if (status == 101 && path.startsWith(u"/repo/cb/"_s))
                    linked = true;
            });
    Puller puller(RepoTarget::remote(serverUrl(server.serverPort()), u"/cb"_s), fastOptions(60000));
    puller.start();
    QTRY_COMPARE(currentVersion(puller), u"1"_s);
    QTRY_VERIFY(linked);
    QTRY_VERIFY(server.store().find(u"/cb"_s)->instances.contains(puller.instanceUuid()));
    QElapsedTimer timer;
    timer.start();
    QVERIFY(publish(client, u"/cb"_s, site(u"two"_s)).ok());
    QTRY_COMPARE(currentVersion(puller), u"2"_s);
    QVERIFY(timer.elapsed() < 3000);
}

void TstPuller::invalidConfigKeepsLastGood()
{
    RepoServer server({});
    QVERIFY(server.listen(QHostAddress::LocalHost, 0, nullptr));
    PipyRepoClient client(serverUrl(server.serverPort()));
    QVERIFY(publish(client, u"/cb"_s, site(u"one"_s)).ok());
    Puller puller(RepoTarget::remote(serverUrl(server.serverPort()), u"/cb"_s), fastOptions());
    QSignalSpy rejected(&puller, &Puller::rejected);
    puller.start();
    QTRY_COMPARE(currentVersion(puller), u"1"_s);
    // A broken config reaches the repo behind the publisher's back.
    send(client, "POST", u"/api/v1/repo-files/cb/config.json"_s, R"({"Listeners": [)");
    send(client, "PATCH", u"/api/v1/repo/cb"_s, R"({"version":"2"})");
    QTRY_VERIFY(rejected.size() >= 1);
    QCOMPARE(rejected.first().at(0).toString(), u"2"_s);
    QCOMPARE(currentVersion(puller), u"1"_s);
    QCOMPARE(readFile(puller.current()->directory + u"/static/www/index.html"_s), "one"_ba);
    // Fixed upstream: picked up.
    QVERIFY(publish(client, u"/cb"_s, site(u"three"_s)).ok());
    QTRY_COMPARE(currentVersion(puller), u"3"_s);
}

void TstPuller::applierFailureKeepsLastGoodAndRetries()
{
    RepoServer server({});
    QVERIFY(server.listen(QHostAddress::LocalHost, 0, nullptr));
    PipyRepoClient client(serverUrl(server.serverPort()));
    QVERIFY(publish(client, u"/cb"_s, site(u"one"_s)).ok());
    Puller puller(RepoTarget::remote(serverUrl(server.serverPort()), u"/cb"_s), fastOptions());
    bool portBusy = false;
    QStringList applied;
    puller.setApplier([&](const Puller::Update &u) {
        if (portBusy)
            return u"cannot listen on port 8080: address in use"_s;
        applied.append(u.version);
        return QString();
    });
    QSignalSpy rejected(&puller, &Puller::rejected);
    puller.start();
    QTRY_COMPARE(currentVersion(puller), u"1"_s);
    portBusy = true;
    QVERIFY(publish(client, u"/cb"_s, site(u"two"_s)).ok());
    QTRY_VERIFY(rejected.size() >= 2); // tried again at the next poll
    QVERIFY(rejected.first().at(1).toString().contains(u"address in use"_s));
    QCOMPARE(currentVersion(puller), u"1"_s);
    portBusy = false;
    QTRY_COMPARE(currentVersion(puller), u"2"_s);
    QCOMPARE(applied, QStringList({u"1"_s, u"2"_s}));
}

void TstPuller::unreachableThenRecovers()
{
    quint16 port = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        port = probe.serverPort();
    }
    Puller puller(RepoTarget::remote(serverUrl(port), u"/cb"_s), fastOptions());
    QSignalSpy problems(&puller, &Puller::problem);
    puller.start();
    QTRY_VERIFY(problems.size() >= 2);
    QVERIFY(!puller.current());
    RepoServer server({});
    QVERIFY(server.listen(QHostAddress::LocalHost, port, nullptr));
    PipyRepoClient client(serverUrl(port));
    QVERIFY(publish(client, u"/cb"_s, site(u"one"_s)).ok());
    QTRY_COMPARE(currentVersion(puller), u"1"_s);
}

void TstPuller::garbageKeepsLastGood()
{
    bool broken = false;
    const QByteArray config = TestConfigs::staticSite(8080, u"g"_s);
    FakeHttpServer repo([&](const QByteArray &method, const QByteArray &path, const QByteArray &) {
        if (broken)
            return FakeHttpServer::response(200, "\xff\xfe garbage", "etag: 9\r\n");
        if (method == "POST")
            return FakeHttpServer::response(201, {});
        if (path == "/repo/cb/")
            return FakeHttpServer::response(
                200, method == "HEAD" ? QByteArray() : "/main.js\n/config.json", "etag: 1\r\n");
        if (path == "/repo/cb/config.json")
            return FakeHttpServer::response(200, config, "etag: 1\r\n");
        return FakeHttpServer::response(404, "Not found");
    });
    Puller puller(RepoTarget::remote(serverUrl(repo.port()), u"/cb"_s), fastOptions());
    QSignalSpy problems(&puller, &Puller::problem);
    puller.start();
    QTRY_COMPARE(currentVersion(puller), u"1"_s);
    broken = true;
    QTRY_VERIFY(problems.size() >= 2);
    QCOMPARE(currentVersion(puller), u"1"_s);
    QCOMPARE(puller.current()->bundle.config(), config);
}

void TstPuller::watchesALocalRepo()
{
    QTemporaryDir dir;
    LocalRepo repo(dir.path());
    QVERIFY(repo.publish(site(u"one"_s), u"1"_s).ok());
    Puller puller(RepoTarget::local(dir.path()), fastOptions(2000));
    QSignalSpy rejected(&puller, &Puller::rejected);
    puller.start();
    QTRY_COMPARE(currentVersion(puller), u"1"_s);
    QCOMPARE(puller.current()->directory, repo.treeDirectory(1));
    QVERIFY(repo.publish(site(u"two"_s), u"2"_s).ok());
    QTRY_COMPARE_WITH_TIMEOUT(currentVersion(puller), u"2"_s, 1500); // the watcher, not the poll
    ConfigBundle bad;
    bad.setConfig("{ nope");
    QVERIFY(repo.publish(bad, u"bad"_s).ok());
    QTRY_COMPARE(rejected.size(), 1);
    QCOMPARE(currentVersion(puller), u"2"_s);
}

void TstPuller::pollsALocalRepo()
{
    // The poll timer of a local target once called the remote poll (a null client: `run DIR`
    // crashed one poll interval after it started). Polls must keep coming and find versions.
    QTemporaryDir dir;
    LocalRepo repo(dir.path());
    QVERIFY(repo.publish(site(u"one"_s), u"1"_s).ok());
    Puller puller(RepoTarget::local(dir.path()), fastOptions(20));
    QSignalSpy checked(&puller, &Puller::checked);
    puller.start();
    QTRY_COMPARE(currentVersion(puller), u"1"_s);
    QTRY_VERIFY(checked.size() >= 5);
    QVERIFY(repo.publish(site(u"two"_s), u"2"_s).ok());
    QTRY_COMPARE(currentVersion(puller), u"2"_s);
}

QTEST_GUILESS_MAIN(TstPuller)
#include "tst_puller.moc"
